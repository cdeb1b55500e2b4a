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

  it("links the mail's addresses but not a masked one, says a stored mail was not sent, and lists attachments", async () => {
    const token = "T".repeat(43);
    await rig.t.database.db.insert(mailMessages).values({
      id: "msg_outbox_browser",
      organisationId: rig.shop.organisationId,
      locationId: rig.shop.locationId,
      to: "kunde@example.test",
      subject: "Termin bestätigt",
      text: `Your estimate: http://pitlane.test/e/${token}\nOur terms: https://shop.example/terms.\n`,
      attachments: [
        {
          filename: "termin.ics",
          contentType: "text/calendar",
          contentBase64: Buffer.from("x".repeat(2048)).toString("base64"),
        },
      ],
      status: "stored",
      // Stored rows written before the fix carried a time here: it is no sending time.
      sentAt: new Date(),
    });
    for (const [name, viewport] of [
      ["desktop", { width: 1440, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const context = await rig.browser.newContext({ viewport, locale: "en-GB" });
      const page = await context.newPage();
      // Accounting reads the Outbox too (the advisor's account speaks German since the test above).
      await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
      await page.goto(`${rig.base}/shop/outbox`);
      const row = page.getByRole("row").filter({ hasText: "Termin bestätigt" });
      await expect.poll(() => row.getByRole("cell", { name: "Not sent" }).count()).toBe(1);
      await row.getByRole("button", { name: "Termin bestätigt" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Stored only: kept here, not sent").waitFor();
      expect(await dialog.getByText("Sent", { exact: true }).count()).toBe(0);
      const terms = dialog.getByRole("link", { name: "https://shop.example/terms" });
      expect(await terms.getAttribute("href")).toBe("https://shop.example/terms");
      expect(await terms.getAttribute("rel")).toContain("noopener");
      // The masked link is text, not a link, and no link anywhere carries the token.
      expect(await dialog.locator("pre").textContent()).toContain("http://pitlane.test/e/••••••");
      expect(await dialog.locator("pre a").count()).toBe(1);
      expect(await page.content()).not.toContain(token);
      const files = dialog.getByRole("list", { name: "Files attached to this email" });
      await expect
        .poll(() => files.getByRole("listitem").allInnerTexts())
        .toEqual(["termin.ics text/calendar · 2 kB"]);
      await expectAccessible(page, `outbox message with attachments (${name})`);
      await screenshot(page, `outbox-message-stored-${name}`);
      await context.close();
    }
  });
});
