// Settings → Integrations in Chromium: the admin creates an API key for the DMS, sees it once, the
// list shows only its prefix; the key works against the API from outside the browser (a DMS's
// fetch) until the admin revokes it after confirming.

import path from "node:path";
import { eq } from "drizzle-orm";
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
import { client, signIn } from "../support/client";

let rig: BrowserRig;
let invoiceId: string;
beforeAll(async () => {
  rig = await startBrowserRig("Integrations shop");
  const staff = client(rig.t.app, await signIn(rig.t.app, rig.shop.staff.service_advisor.email));
  const res = await staff("POST", "/api/v1/invoices", {
    customerId: rig.shop.businessCustomerId,
    lines: [{ description: "Oil service", quantityMilli: 1000, unitPrice: 9900, taxRateBp: 1900 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  invoiceId = res.json().id;
});
afterAll(() => rig?.close());

const dmsGet = (key: string) =>
  fetch(`${rig.base}/api/v1/invoices/${invoiceId}`, { headers: { authorization: `Bearer ${key}` } });

describe("API keys in settings", () => {
  it("an admin creates a key, sees it once, the DMS uses it, and the admin revokes it", async () => {
    const context = await rig.browser.newContext({
      ...desktop,
      viewport: { width: 1440, height: 900 },
      locale: "en-GB",
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.getByRole("link", { name: "Settings" }).click();
    const section = page.getByRole("region", { name: "Integrations" });
    await section.getByText("No API keys yet").waitFor();
    await expectAccessible(page, "settings with no API keys");

    // Create, by keyboard from the name on.
    await section.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Create an API key").waitFor();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await dialog
      .getByText("This field is required")
      .or(dialog.locator("[aria-invalid=true]"))
      .first()
      .waitFor();
    await dialog.getByLabel("Name").fill("WERBAS Filiale Mitte");
    await dialog.getByRole("checkbox", { name: "invoices:write" }).uncheck();
    await expect.poll(() => dialog.getByRole("checkbox", { name: "invoices:read" }).isChecked()).toBe(true);
    await dialog.getByRole("checkbox", { name: "events:read" }).focus();
    await page.keyboard.press("Space");
    await expect.poll(() => dialog.getByRole("checkbox", { name: "events:read" }).isChecked()).toBe(true);
    await expectAccessible(page, "the create API key dialog");
    await screenshot(page, "shop-settings-api-key-create");
    await dialog.screenshot({ path: path.join(screenshotDir, "shop-settings-api-key-create-dialog.png") });
    await dialog.getByLabel("Name").focus();
    await page.keyboard.press("Enter");

    // Shown once.
    const shown = page.getByRole("dialog");
    await shown.getByText("Your new API key: WERBAS Filiale Mitte").waitFor();
    await shown.getByText("It will not be shown again").waitFor();
    const key = (await shown.getByTestId("api-key-value").textContent())?.trim() ?? "";
    expect(key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
    await shown.getByRole("button", { name: "Copy" }).waitFor();
    await expectAccessible(page, "the key shown once");
    await screenshot(page, "shop-settings-api-key-shown");
    await shown.screenshot({ path: path.join(screenshotDir, "shop-settings-api-key-shown-dialog.png") });
    await shown.getByRole("button", { name: "Done" }).click();
    await shown.waitFor({ state: "hidden" });

    // The list shows the prefix, never the key.
    const table = section.getByRole("table", { name: "API keys" });
    const row = table.getByRole("row").filter({ hasText: "WERBAS Filiale Mitte" });
    await row.getByText(`${key.slice(0, 14)}…`).waitFor();
    await expect.poll(() => row.getByText("Active").count()).toBe(1);
    await expect.poll(() => row.getByText("events:read").count()).toBe(1);
    expect(await page.content()).not.toContain(key);
    await expectAccessible(page, "settings with an API key");
    await screenshot(page, "shop-settings-api-keys");
    await section.screenshot({ path: path.join(screenshotDir, "shop-settings-integrations.png") });

    // The DMS calls with it.
    const before = await dmsGet(key);
    expect(before.status).toBe(200);
    expect((await before.json()).id).toBe(invoiceId);

    // Revoke, after confirming.
    await row.getByRole("button", { name: "Revoke WERBAS Filiale Mitte" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText("Revoke WERBAS Filiale Mitte?").waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect((await dmsGet(key)).status).toBe(200);
    await row.getByRole("button", { name: "Revoke WERBAS Filiale Mitte" }).click();
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await page.getByText("WERBAS Filiale Mitte was revoked").waitFor();
    await expect.poll(() => row.getByText("Revoked").count()).toBe(1);
    await expect.poll(() => row.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);
    expect((await dmsGet(key)).status).toBe(401);

    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads in German, and is not offered to a service advisor", async () => {
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);
    await page.goto(`${rig.base}/shop/settings`);
    await page.getByRole("heading", { level: 2, name: "Location" }).waitFor();
    expect(await page.getByRole("region", { name: "Integrations" }).count()).toBe(0);
    await context.close();

    // The admin's account is set to German: the app opens in it.
    await rig.t.database.db
      .update(staffUsers)
      .set({ language: "de" })
      .where(eq(staffUsers.id, rig.shop.staff.admin.id));
    const german = await rig.browser.newContext({
      ...desktop,
      viewport: { width: 1440, height: 900 },
      locale: "de-DE",
    });
    const admin = await german.newPage();
    await rig.signInAs(admin, "/login", rig.shop.staff.admin.email);
    await admin.goto(`${rig.base}/shop/settings`);
    const section = admin.getByRole("region", { name: "Integrationen" });
    await section.getByRole("heading", { name: "API-Schlüssel", exact: true }).waitFor();
    await section.getByText("Widerrufen", { exact: true }).waitFor();
    await section.getByRole("button", { name: "API-Schlüssel anlegen" }).click();
    await admin
      .getByRole("dialog")
      .getByText("Rechnungen mit Status, offenem Betrag und Zahlungen lesen.")
      .waitFor();
    await expectAccessible(admin, "the create API key dialog in German");
    await admin
      .getByRole("dialog")
      .screenshot({ path: path.join(screenshotDir, "shop-settings-api-key-create-de.png") });
    await german.close();
  });
});
