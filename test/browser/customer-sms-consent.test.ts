// Consent to texts on the customer page (issue #15): the advisor records that the customer agreed,
// the page says when and that the shop recorded it; a customer without a mobile number is refused
// with the reason.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "../../src/db/schema";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("SMS consent shop");
});
afterAll(() => rig?.close());

describe("Text message consent", () => {
  it("is recorded on the customer page with its time and source", async () => {
    await rig.t.database.db
      .update(customers)
      .set({ phone: "0171 1234567" })
      .where(eq(customers.id, rig.shop.privateCustomerId));
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);

    await page.goto(`${rig.base}/shop/customers/${rig.shop.businessCustomerId}`);
    await page.getByRole("switch", { name: "Also by text message" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("mobile number");

    await page.goto(`${rig.base}/shop/customers/${rig.shop.privateCustomerId}`);
    await page.getByRole("switch", { name: "Also by text message" }).click();
    await expect.poll(() => page.getByText(/Agreed .*\(recorded by the shop\)/).count()).toBe(1);
    await expectAccessible(page, "customer sms consent");
    await screenshot(page, "customer-sms-consent");

    // Sending an invoice says the link goes by text too.
    const advisor = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
    const draft = await advisor("POST", "/api/v1/invoices", {
      customerId: rig.shop.privateCustomerId,
      lines: [{ description: "Service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    });
    const invoice = (await advisor("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json();
    await page.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    await page.getByRole("button", { name: "Send invoice" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByText("also goes by text message to 0171 1234567").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
