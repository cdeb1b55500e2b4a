import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { client, type Session, signIn } from "../support/client";
import { createShop, type Shop, upcoming } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Opens the real event stream over HTTP and collects what arrives. */
async function openStream(session: Session) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, {
    headers: { cookie: session.cookie },
    signal: controller.signal,
  });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const received: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received.push(decoder.decode(value));
      }
    } catch {
      // aborted
    }
  })();
  const text = () => received.join("");
  await expect.poll(text).toContain("event: ready");
  return { text, close: () => controller.abort() };
}

describe("live updates", () => {
  it("tells the shop's open screens and the customer's own about a change, and no one else", async () => {
    const advisorSession = await signIn(t.app, shop.staff.service_advisor.email);
    const portalSession = await signIn(t.app, shop.portal.email, "portal");
    const other = await createShop(t.database.db, "Other shop");
    const otherSession = await signIn(t.app, other.staff.admin.email);
    const shopStream = await openStream(advisorSession);
    const portalStream = await openStream(portalSession);
    const otherStream = await openStream(otherSession);

    const portal = client(t.app, portalSession);
    const { id } = (
      await portal("POST", "/api/v1/portal/booking-requests", {
        unitId: shop.businessUnitId,
        date: upcoming(3),
        time: "09:00",
      })
    ).json();
    await expect.poll(shopStream.text).toContain(`"id":"${id}","status":"new"`);
    await client(t.app, advisorSession)("POST", `/api/v1/booking-requests/${id}/suggest`, {
      date: upcoming(3),
      time: "11:00",
    });
    await expect.poll(portalStream.text).toContain(`"id":"${id}","status":"awaiting_customer"`);
    expect(otherStream.text()).not.toContain(id);

    // A booking of the shop's other (private) customer is not the fleet account's business.
    const { id: privateId } = (
      await client(t.app, advisorSession)("POST", "/api/v1/booking-requests", {
        unitId: shop.privateUnitId,
        date: upcoming(4),
        time: "09:00",
      })
    ).json();
    await expect.poll(shopStream.text).toContain(privateId);
    expect(portalStream.text()).not.toContain(privateId);
    for (const s of [shopStream, portalStream, otherStream]) s.close();
  });

  it("refuses the stream without a session", async () => {
    const res = await fetch(`${base}/api/v1/events`);
    expect(res.status).toBe(401);
  });
});
