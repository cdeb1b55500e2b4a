// The Outbox in Chromium: an advisor reads the estimate mail with the customer's link masked, sees
// why, and resends it; the new mail is listed, and no token ever reaches the page.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { mailedTokensIn } from "../../src/domain/link-tokens";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";
import { submitEstimate } from "../support/estimates";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Outbox shop");
});
afterAll(() => rig?.close());

describe("Outbox", () => {
  it("shows a customer's link masked and resends it", async () => {
    const advisor = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
    const e = await submitEstimate(advisor, rig.shop.privateUnitId);
    const customer = (await advisor("GET", `/api/v1/customers/${rig.shop.privateCustomerId}`)).json();
    const tokens = async () =>
      (
        await rig.t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customer.email))
      ).flatMap((m) => mailedTokensIn(m.text));
    const [token] = await tokens();
    expect(token).toBeDefined();

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);
    await page.getByRole("link", { name: "Outbox" }).click();
    await page.waitForURL(/\/shop\/outbox$/);
    const subject = new RegExp(`^Kostenvoranschlag ${e.number}`);
    await expect.poll(() => page.getByRole("button", { name: subject }).count()).toBe(1);
    expect(await page.getByRole("cell", { name: "Valid" }).count()).toBe(1);
    await expectAccessible(page, "outbox list");

    await page.getByRole("button", { name: subject }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByText("The customer's link is hidden").count()).toBe(1);
    expect(await dialog.locator("pre").textContent()).toContain("http://pitlane.test/e/••••••");
    expect(await page.content()).not.toContain(token);
    await expectAccessible(page, "outbox message with a customer link");
    await screenshot(page, "outbox-message-masked-link");

    await dialog.getByRole("button", { name: "Resend" }).click();
    await expect
      .poll(() => page.getByText(`Sent again to ${customer.email} with a new link.`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await expect.poll(() => page.getByRole("button", { name: subject }).count()).toBe(2);
    const all = await tokens();
    expect(all).toHaveLength(2);
    const html = await page.content();
    for (const t of all) expect(html).not.toContain(t);
    await screenshot(page, "outbox-after-resend");

    // In German: the resent mail's link is masked and explained the same way.
    await page.getByText("DE", { exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Postausgang" }).count()).toBe(1);
    await page.getByRole("button", { name: subject }).first().click();
    await expect.poll(() => dialog.getByText("Der Link des Kunden ist verborgen").count()).toBe(1);
    await expect.poll(() => dialog.getByRole("button", { name: "Erneut senden" }).count()).toBe(1);
    await screenshot(page, "outbox-message-de");
    expect(errors).toEqual([]);
    await context.close();
  });
});
