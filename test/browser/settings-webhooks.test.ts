// Settings → Integrations → Webhooks in Chromium: the admin allows private targets, adds an endpoint
// on a local receiver, sees its signing secret once, sends a test event the receiver gets signed
// (checked with standardwebhooks, as a DMS checks it), reads the delivery log, resends into a
// failing receiver, and deletes the endpoint after confirming. Then one German label.

import path from "node:path";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffUsers } from "../../src/db/schema";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  screenshot,
  screenshotDir,
  startBrowserRig,
} from "../support/browser";
import { type Receiver, startReceiver } from "../support/webhook-receiver";

let rig: BrowserRig;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  // Retries far apart: the failed attempt after Resend stays on screen as it is.
  rig = await startBrowserRig("Webhooks shop", { WEBHOOK_RETRY_BASE_MS: "600000" });
});
afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

// A long path, as middleware URLs are: it must wrap in the table, not push the actions off.
const hookPath = "/dms/werbas/filiale-mitte/pitlane-webhooks/v1/receive?tenant=4711-autohaus-mustermann";

describe("webhooks in settings", () => {
  it("an admin adds an endpoint, gets a signed test event, reads the log, resends and deletes", async () => {
    const context = await rig.browser.newContext({
      ...desktop,
      viewport: { width: 1440, height: 900 },
      locale: "en-GB",
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: rig.base });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.getByRole("link", { name: "Settings" }).click();
    const section = page.locator("section[aria-labelledby=webhooks-title]");
    await section.getByText("No webhook endpoints yet").waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "shop-settings-webhooks-empty");
    await section.screenshot({ path: path.join(screenshotDir, "shop-settings-webhooks-empty-section.png") });

    // A loopback receiver is a private target: refused until the admin allows them.
    const allow = section.getByRole("switch", { name: "Allow private network targets" });
    // Controlled by the saved policy: it flips once the server took it.
    await allow.click();
    await expect.poll(() => allow.isChecked()).toBe(true);

    await section.getByRole("button", { name: "Add endpoint" }).click();
    const form = page.getByRole("dialog");
    await form.getByText("Add webhook endpoint").waitFor();
    await form.getByLabel("URL").fill(receiver.url(hookPath));
    await form.getByLabel("Description").fill("WERBAS Filiale Mitte");
    await form.getByRole("checkbox", { name: /invoice\.sent/ }).check();
    await expectAccessible(page, "the add webhook endpoint dialog");
    await form.screenshot({ path: path.join(screenshotDir, "shop-settings-webhook-add-dialog.png") });
    await form.getByRole("button", { name: "Add endpoint" }).click();

    // The signing secret, once.
    const shown = page.getByRole("dialog", { name: "Signing secret" });
    await shown.getByText("it is shown only this once").waitFor();
    const secret = (await shown.locator("pre, code").first().textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    await shown.getByRole("button", { name: "Copy" }).click();
    await shown.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, "the webhook secret shown once");
    await shown.screenshot({ path: path.join(screenshotDir, "shop-settings-webhook-secret-dialog.png") });
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await shown.waitFor({ state: "hidden" });

    const table = section.getByRole("table", { name: "Webhooks" });
    const row = table.getByRole("row").filter({ hasText: "WERBAS Filiale Mitte" });
    await row.getByText(receiver.url(hookPath)).waitFor();
    await row.getByText("Enabled").waitFor();
    await row.getByText("3 event types").waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page, "settings with a webhook endpoint");
    await screenshot(page, "shop-settings-webhooks");
    await section.screenshot({ path: path.join(screenshotDir, "shop-settings-webhooks-section.png") });

    // A test event, signed per Standard Webhooks with the secret just shown.
    await row.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Test event sent").waitFor();
    const [got] = await receiver.waitFor(hookPath, 1);
    const verified = new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>) as {
      type: string;
    };
    expect(verified.type).toBe("webhook.test");

    // The log: delivered with 200.
    await row.getByRole("button", { name: "Delivery log" }).click();
    const log = page.getByRole("dialog", { name: "Delivery log" });
    const delivery = log.getByRole("row").filter({ hasText: "webhook.test" });
    await delivery.getByText("Delivered").waitFor();
    await delivery.getByText("200", { exact: true }).waitFor();
    await expectAccessible(page, "the delivery log");
    await log.screenshot({ path: path.join(screenshotDir, "shop-settings-webhook-log-delivered.png") });

    // The receiver fails now: Resend shows the failed attempt.
    receiver.script(hookPath, [
      { status: 500, body: "DMS is down for maintenance" },
      { status: 500, body: "DMS is down for maintenance" },
    ]);
    await delivery.getByRole("button", { name: "Resend" }).click();
    await receiver.waitFor(hookPath, 2);
    await delivery.getByText("Retrying").waitFor();
    await delivery.getByText("500", { exact: true }).waitFor();
    await delivery.getByText("DMS is down for maintenance").waitFor();
    await expect.poll(() => delivery.getByRole("cell", { name: "2", exact: true }).count()).toBe(1);
    await log.screenshot({ path: path.join(screenshotDir, "shop-settings-webhook-log-failed.png") });
    await page.keyboard.press("Escape");
    await log.waitFor({ state: "hidden" });

    // Delete, after confirming.
    await row.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete webhook endpoint?" });
    await confirm.getByText("will get no more events").waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole("button", { name: "Delete" }).click();
    await confirm.getByRole("button", { name: "Delete" }).click();
    await page.getByText("Webhook endpoint deleted").waitFor();
    await section.getByText("No webhook endpoints yet").waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads in German", async () => {
    await rig.t.database.db
      .update(staffUsers)
      .set({ language: "de" })
      .where(eq(staffUsers.id, rig.shop.staff.admin.id));
    const german = await rig.browser.newContext({
      ...desktop,
      viewport: { width: 1440, height: 900 },
      locale: "de-DE",
    });
    const page = await german.newPage();
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.goto(`${rig.base}/shop/settings`);
    const section = page.locator("section[aria-labelledby=webhooks-title]");
    await section.getByText("Noch keine Webhook-Endpunkte").waitFor();
    await section.getByRole("switch", { name: "Ziele im privaten Netz erlauben" }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(screenshotDir, "shop-settings-webhooks-de.png") });
    await german.close();
  });
});
