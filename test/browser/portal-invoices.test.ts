// The fleet customer's invoices on a phone (issue #15): the open invoice with the reminder received,
// its letter, and Pay now opening the payment page for what is still to pay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDunningAt } from "../../src/app/dunning/run-dunning";
import { locationToday } from "../../src/db/queries/invoices";
import { addDays } from "../../src/domain/invoice";
import { bossQueue } from "../../src/jobs/queue";
import { type BrowserRig, expectAccessible, phone, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Portal invoices shop");
});
afterAll(() => rig?.close());

describe("Portal invoices", () => {
  it("shows open and paid invoices with the reminders received, and pays an open one", async () => {
    const db = rig.t.database.db;
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const today = await locationToday(db, rig.shop.locationId);
    const issue = async (net: number, daysAgo: number) => {
      const draft = await accounting("POST", "/api/v1/invoices", {
        customerId: rig.shop.businessCustomerId,
        lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
        serviceDate: addDays(today, -daysAgo - 14),
        dueDate: addDays(today, -daysAgo),
      });
      return (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json() as {
        id: string;
        number: string;
      };
    };
    const overdue = await issue(10_000, 10);
    const paid = await issue(5_000, -3);
    await accounting("POST", `/api/v1/invoices/${paid.id}/payments`, { amount: 5_950, method: "cash" });
    const schedule = (await accounting("GET", "/api/v1/dunning/schedule")).json();
    await accounting("PUT", "/api/v1/dunning/schedule", { ...schedule, saved: undefined, enabled: true });
    const scope = { organisationId: rig.shop.organisationId, locationId: rig.shop.locationId };
    await runDunningAt(db, { queue: bossQueue(rig.t.boss), publicUrl: rig.base, linkTtlDays: 14 }, scope, {
      kind: "system",
      id: null,
      name: "test",
      ...scope,
    });

    const context = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/portal/login", rig.shop.portal.email);
    await page.getByRole("link", { name: "Invoices" }).click();
    await page.waitForURL(/\/portal\/invoices$/);
    const card = page.getByRole("listitem").filter({ hasText: overdue.number });
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain("Overdue");
    expect(text).toContain("€119.00");
    expect(text).toContain("Level 1 of");
    expect(await page.getByRole("listitem").filter({ hasText: paid.number }).count()).toBe(0);
    await expectAccessible(page, "portal invoices");
    await screenshot(page, "portal-invoices-phone");

    await page.getByRole("tab", { name: "Paid" }).click();
    await expect.poll(() => page.getByRole("listitem").filter({ hasText: paid.number }).count()).toBe(1);
    await page.getByRole("tab", { name: "Open" }).click();
    await card.getByRole("button", { name: "Pay now" }).click();
    await page.waitForURL(/\/pay\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.getByText(overdue.number).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("€119.00").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
