// The journeys of the foundation, in Chromium against a real server: an advisor creates a customer
// and a unit; a fleet customer on a phone sees only their units and records a reading; German text.
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { desktop, expectAccessible, launchChromium, phone, screenshot } from "../support/browser";
import { createShop, password, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let base: string;
let browser: Browser & { cleanup(): Promise<void> };

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db, "Browser shop");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.cleanup();
  await t?.close();
});

async function signInAs(page: Page, path: string, email: string) {
  await page.goto(`${base}${path}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/login"));
}

describe("shop dashboard", () => {
  it("an advisor signs in, creates a customer and a unit for them", async () => {
    const context = await browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(page, "/login", shop.staff.service_advisor.email);
    await page.getByRole("link", { name: "Customers" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Customers/);
    await expectAccessible(page, "customer list");
    await screenshot(page, "shop-customers");

    await page.getByRole("button", { name: "New customer" }).first().click();
    await page.getByLabel("First name").fill("Erika");
    await page.getByLabel("Last name").fill("Mustermann");
    await page.getByLabel("Email").fill("erika@example.com");
    await page.getByLabel("City").fill("Potsdam");
    await expectAccessible(page, "customer form");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Erika Mustermann");
    await expectAccessible(page, "customer detail");
    await screenshot(page, "shop-customer-detail");

    await page.getByRole("button", { name: "New unit" }).first().click();
    await page.getByLabel("VIN").fill("wvwzzz1kz6w000099");
    await expect.poll(() => page.getByLabel("VIN").inputValue()).toBe("WVWZZZ1KZ6W000099");
    await page.getByLabel("Plate").fill("P-EM 2024");
    await page.getByLabel("Make").fill("Skoda");
    await page.getByLabel("Model").fill("Octavia");
    await expectAccessible(page, "unit form");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Skoda Octavia");
    await expectAccessible(page, "unit detail");
    await screenshot(page, "shop-unit-detail");

    await page.getByRole("link", { name: "Units" }).click();
    await page.getByLabel("Search units").fill("P-EM");
    await expect.poll(() => page.getByRole("row").filter({ hasText: "Erika Mustermann" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a validation error next to the field the server named", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInAs(page, "/login", shop.staff.service_advisor.email);
    await page.goto(`${base}/shop/units/new?customerId=${shop.privateCustomerId}`);
    await page.getByLabel("VIN").fill("1M8GDM9AXKP042789");
    await page.getByLabel("Make").fill("GMC");
    await page.getByLabel("Model").fill("Vandura");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() =>
        page
          .getByText(/check digit/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await context.close();
  });

  it("switches to German and remembers it", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInAs(page, "/login", shop.staff.admin.email);
    await page.getByRole("link", { name: "Customers" }).waitFor();
    await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
    await page.getByRole("link", { name: "Kunden" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.reload();
    await page.getByRole("link", { name: "Fahrzeuge" }).waitFor();
    await expectAccessible(page, "shop in German");
    await screenshot(page, "shop-german");
    await context.close();
  });
});

describe("customer portal on a phone", () => {
  it("a fleet user sees only their units and records a reading", async () => {
    const context = await browser.newContext({ ...phone, locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, "/portal/login", shop.portal.email);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/My Units/i);
    await expect.poll(() => page.getByText("Transit").count()).toBeGreaterThan(0);
    expect(await page.getByText("Polo").count()).toBe(0);
    await expectAccessible(page, "portal units");
    await screenshot(page, "portal-units-phone");

    await page.getByText("Transit").first().click();
    await page.getByLabel("Odometer (km)").fill("121500");
    await page.getByRole("button", { name: "Update Unit Readings" }).click();
    await expect.poll(() => page.getByRole("cell", { name: /121[.,\s]?500/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, "portal unit detail");
    await screenshot(page, "portal-unit-phone");
    const [unit] = await t.database.db.query.units.findMany({
      where: (u, { eq }) => eq(u.id, shop.businessUnitId),
    });
    expect(unit?.odometerKm).toBe(121_500);
    await context.close();
  });
});
