// @vitest-environment jsdom
// Every move the API can offer a side is a button the UI labels from the translations and posts to
// a path of its own: a move with no label showed "workOrders.moves.authorize" and posted to
// ".../undefined" (issue #11). This walks every state's moves against both languages and the routes
// the server really registers.
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobQueue } from "../../src/app/support/jobs";
import { loadConfig } from "../../src/config";
import type { Db } from "../../src/db/client";
import { workOrderMoves, workOrderStatuses } from "../../src/domain/work-order";
import type { LiveHub } from "../../src/http/live-hub";
import { buildServer } from "../../src/http/server";
import { de } from "../../src/web/i18n/de";
import { en } from "../../src/web/i18n/en";
import { MOVE_PATHS, type WorkOrderMove } from "../../src/web/shop/workOrders/workOrderApi";

let routes: Set<string>;
let close: () => Promise<void>;

beforeAll(async () => {
  // Registering routes touches no database: the server is built on stand-ins and never listens.
  const app = await buildServer({
    db: {} as Db,
    queue: {} as JobQueue,
    hub: {} as LiveHub,
    config: loadConfig({ LOG_LEVEL: "silent", SEED_DEMO: "false", PITLANE_UPLOAD_DIR: os.tmpdir() }),
    webRoot: os.tmpdir(),
  });
  await app.ready();
  routes = new Set(app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
  close = () => app.close();
});
afterAll(() => close?.());

const shopMoves = [...new Set(workOrderStatuses.flatMap((s) => workOrderMoves(s, "shop")))];
const customerMoves = [...new Set(workOrderStatuses.flatMap((s) => workOrderMoves(s, "customer")))];

describe("work order moves", () => {
  it("offers the shop no move of the customer's", () => {
    expect(shopMoves).not.toContain("authorize");
    expect(customerMoves).toEqual(["authorize"]);
  });

  it.each(shopMoves)("labels the shop's %s in English and German and posts it to a route", (move) => {
    const m = move as WorkOrderMove;
    for (const lang of [en, de]) {
      expect(lang.workOrders.moves[m], `moves.${m}`).toBeTruthy();
      expect(lang.workOrders.moved[m], `moved.${m}`).toBeTruthy();
    }
    expect(MOVE_PATHS[m], `MOVE_PATHS.${m}`).toBeTruthy();
    expect(routes).toContain(`POST /api/v1/work-orders/:id/${MOVE_PATHS[m]}`);
  });

  it("asks before the moves that leave the workshop, in both languages", () => {
    for (const m of shopMoves.filter((x) => x === "submit" || x === "invoice")) {
      for (const lang of [en, de]) {
        expect(lang.workOrders.confirm[`${m}Title`]).toBeTruthy();
        expect(lang.workOrders.confirm[m]).toBeTruthy();
      }
    }
  });

  it("gives the customer's Authorize its portal route and labels", () => {
    expect(routes).toContain("POST /api/v1/portal/work-orders/:id/authorize");
    for (const lang of [en, de]) expect(lang.portalWorkOrders.authorize).toBeTruthy();
  });
});
