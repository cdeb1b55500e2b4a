// The demo data a newcomer sees after `npm start`: made through the real commands, so this also
// proves those commands work end to end on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";

let t: TestApp;
let advisor: Client;
let fleet: Client;
beforeAll(async () => {
  t = await startTestApp({ SEED_DEMO: "true" });
  advisor = client(t.app, await signIn(t.app, "advisor@werkstatt.test", "shop", "pitlane-demo"));
  fleet = client(t.app, await signIn(t.app, "fleet@stadtwerke.test", "portal", "pitlane-demo"));
}, 120_000);
afterAll(() => t.close());

describe("demo data", () => {
  it("has estimates in every state, one disputed and one with two versions", async () => {
    const estimates = (await advisor("GET", "/api/v1/estimates?limit=100")).json().items;
    const states = new Set(estimates.map((e: { status: string }) => e.status));
    for (const s of ["draft", "awaiting_customer", "disputed", "approved", "declined"])
      expect(states).toContain(s);
    expect(estimates.some((e: { currentVersion: number }) => e.currentVersion === 2)).toBe(true);
  });

  it("has work orders in every state and a Service Board with a card in every column", async () => {
    const orders = (await advisor("GET", "/api/v1/work-orders?limit=100")).json().items;
    expect(new Set(orders.map((o: { status: string }) => o.status))).toEqual(
      new Set(["in_progress", "unit_ready", "ready_to_submit", "awaiting_authorization", "invoiced"]),
    );
    const board = (await advisor("GET", "/api/v1/service-board")).json();
    expect(new Set(board.items.map((c: { column: string }) => c.column))).toEqual(
      new Set([
        "work_required",
        "in_progress",
        "waiting_customer",
        "waiting_parts",
        "unit_ready",
        "ready_to_submit",
      ]),
    );
    const running = board.items.find((c: { column: string }) => c.column === "in_progress");
    expect(running.workOrder.clockedOn).toHaveLength(1);
    const authorised = (await fleet("GET", "/api/v1/portal/work-orders?po=PO-2026-0815")).json().items;
    expect(authorised).toMatchObject([{ status: "invoiced" }]);
    // Authorising issued its invoice: the portal shows the number (issue #11).
    const authorisedOrder = (await fleet("GET", `/api/v1/portal/work-orders/${authorised[0].id}`)).json();
    expect(authorisedOrder.invoice).toMatchObject({
      status: "issued",
      number: expect.stringMatching(/^INV-/),
    });
    const awaiting = (await fleet("GET", "/api/v1/portal/work-orders?status=awaiting_authorization")).json();
    expect(awaiting.total).toBe(1);
  });

  it("counts every customer's units on the customers list (Stadtwerke's fleet, not 0)", async () => {
    const customers = (await advisor("GET", "/api/v1/customers?limit=100")).json().items;
    expect(customers.length).toBeGreaterThan(1);
    for (const c of customers as { id: string; displayName: string; unitCount: number }[]) {
      const units = (await advisor("GET", `/api/v1/units?customerId=${c.id}&limit=100`)).json();
      expect(c.unitCount, c.displayName).toBe(units.total);
    }
    const stadtwerke = customers.find((c: { displayName: string }) => c.displayName.includes("Stadtwerke"));
    expect(stadtwerke.unitCount).toBeGreaterThan(5);
  });

  it("has an inspection with photos and an order extension waiting for the fleet customer", async () => {
    const board = (await advisor("GET", "/api/v1/service-board")).json();
    const running = board.items.find((c: { column: string }) => c.column === "in_progress");
    const inspection = (await advisor("GET", `/api/v1/work-orders/${running.workOrder.id}/inspection`)).json()
      .inspection;
    expect(inspection).toMatchObject({ status: "complete", counts: { urgent: 1, attention: 1 } });
    const photos = inspection.areas.flatMap((a: { items: { photos: { url: string }[] }[] }) =>
      a.items.flatMap((i) => i.photos),
    );
    expect(photos).toHaveLength(2);
    const photo = await advisor("GET", photos[0].url);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    const waiting = (await fleet("GET", "/api/v1/portal/extensions?status=sent")).json().items;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].items.map((i: { description: string }) => i.description)).toEqual([
      "Replace front brake pads",
      "Replace both rear tyres",
    ]);
    expect(waiting[0].items[0].photos).toHaveLength(1);
  });

  it("has invoice cases in every state: sent, paid not delivered, delivered not paid, paid at the counter, closed, overdue", async () => {
    const accounting = client(
      t.app,
      await signIn(t.app, "accounting@werkstatt.test", "shop", "pitlane-demo"),
    );
    const list = (await accounting("GET", "/api/v1/invoices?limit=100")).json();
    const statuses = list.items.map((i: { paymentStatus: string }) => i.paymentStatus);
    for (const s of ["draft", "invoiced", "paid", "overdue"]) expect(statuses).toContain(s);
    expect(list.items.some((i: { sentAt: string | null }) => i.sentAt !== null)).toBe(true);
    const count = async (filter: string) =>
      (await accounting("GET", `/api/v1/invoices?filter=${filter}`)).json().total;
    expect(await count("paid_ready")).toBeGreaterThanOrEqual(2);
    expect(await count("delivered_unpaid")).toBe(1);
    expect(await count("closed")).toBe(1);
    // Numbers follow the issue dates.
    const issued = list.items
      .filter((i: { number: string | null; kind: string }) => i.number && i.kind === "invoice")
      .sort((a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number));
    const dates = issued.map((i: { issueDate: string }) => i.issueDate);
    expect([...dates].sort()).toEqual(dates);
  });
});
