// The fleet customer's invoices in the portal (issue #15): open and paid tabs, the reminders received
// with their letters, *Pay now* with a fresh link, and nobody else's invoices or reminders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDunningAt } from "../../src/app/dunning/run-dunning";
import { locationToday } from "../../src/db/queries/invoices";
import { addDays } from "../../src/domain/invoice";
import { bossQueue } from "../../src/jobs/queue";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let portal: Client;
let today: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
  today = await locationToday(t.database.db, shop.locationId);
});
afterAll(() => t.close());

async function issued(net: number, daysAgo: number, customerId = shop.businessCustomerId) {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
    serviceDate: addDays(today, -daysAgo - 14),
    dueDate: addDays(today, -daysAgo),
  });
  return (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json() as {
    id: string;
    number: string;
  };
}

describe("portal invoices", () => {
  const made: Record<string, { id: string; number: string }> = {};
  beforeAll(async () => {
    made.overdue = await issued(10_000, 10);
    made.paid = await issued(20_000, -5);
    made.others = await issued(30_000, 10, shop.privateCustomerId);
    await accounting("POST", `/api/v1/invoices/${made.paid!.id}/payments`, {
      amount: 23_800,
      method: "cash",
    });
    await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: [{ description: "Draft", quantityMilli: 1000, unitPrice: 100, taxRateBp: 1900 }],
    });
    const schedule = (await accounting("GET", "/api/v1/dunning/schedule")).json();
    await accounting("PUT", "/api/v1/dunning/schedule", { ...schedule, saved: undefined, enabled: true });
    const scope = { organisationId: shop.organisationId, locationId: shop.locationId };
    await runDunningAt(
      t.database.db,
      { queue: bossQueue(t.boss), publicUrl: "http://pitlane.test", linkTtlDays: 14 },
      scope,
      { kind: "system", id: null, name: "test", ...scope },
    );
  });

  it("lists my issued invoices by open and paid, with the reminders I received", async () => {
    const open = (await portal("GET", "/api/v1/portal/invoices?state=open")).json();
    expect(open.items.map((i: { id: string }) => i.id)).toEqual([made.overdue!.id]);
    expect(open.items[0]).toMatchObject({
      number: made.overdue!.number,
      open: 11_900,
      paymentStatus: "overdue",
      dunningLevel: 1,
      reminders: [{ level: 1, total: 11_900 }],
    });
    const paid = (await portal("GET", "/api/v1/portal/invoices?state=paid")).json();
    expect(paid.items.map((i: { id: string }) => i.id)).toEqual([made.paid!.id]);
    expect(paid.items[0]).toMatchObject({ open: 0, paymentStatus: "paid", reminders: [] });
    const all = (await portal("GET", "/api/v1/portal/invoices")).json();
    expect(all.total).toBe(2);
    const letter = await portal("GET", `/api/v1/portal/reminders/${open.items[0].reminders[0].id}/pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.body.slice(0, 5)).toBe("%PDF-");
    expect((await portal("GET", "/api/v1/portal/invoices?state=late")).statusCode).toBe(400);
  });

  it("pays an open invoice through a fresh link, and refuses a paid one", async () => {
    const res = await portal("POST", `/api/v1/portal/invoices/${made.overdue!.id}/pay`);
    expect(res.statusCode, res.body).toBe(200);
    const url = new URL(res.json().url);
    const page = await t.app.inject({ method: "GET", url: `/api/v1${url.pathname}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ invoice: { number: made.overdue!.number } });
    expect((await portal("POST", `/api/v1/portal/invoices/${made.paid!.id}/pay`)).statusCode).toBe(409);
  });

  it("shows nobody else's invoices or reminders", async () => {
    expect((await portal("POST", `/api/v1/portal/invoices/${made.others!.id}/pay`)).statusCode).toBe(404);
    const theirs = (await accounting("GET", `/api/v1/invoices/${made.others!.id}/reminders`)).json();
    expect(theirs.items).toHaveLength(1);
    expect((await portal("GET", `/api/v1/portal/reminders/${theirs.items[0].id}/pdf`)).statusCode).toBe(404);
    const all = (await portal("GET", "/api/v1/portal/invoices?state=all")).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(made.others!.id);
    expect((await accounting("GET", "/api/v1/portal/invoices")).statusCode).toBe(403);
  });
});
