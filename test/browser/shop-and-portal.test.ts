// The journeys of the foundation, in Chromium against a real server: an advisor creates a customer
// and a unit; a fleet customer on a phone sees only their units and records a reading; German text.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Browser shop");
});
afterAll(() => rig?.close());

const signInAs = (page: Page, path: "/login" | "/portal/login", email: string) =>
  rig.signInAs(page, path, email);

describe("shop dashboard", () => {
  it("an advisor signs in, creates a customer and a unit for them", async () => {
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(page, "/login", rig.shop.staff.service_advisor.email);
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
    const context = await rig.browser.newContext(desktop);
    const page = await context.newPage();
    await signInAs(page, "/login", rig.shop.staff.service_advisor.email);
    await page.goto(`${rig.base}/shop/units/new?customerId=${rig.shop.privateCustomerId}`);
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
    const context = await rig.browser.newContext(desktop);
    const page = await context.newPage();
    await signInAs(page, "/login", rig.shop.staff.admin.email);
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
    const context = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, "/portal/login", rig.shop.portal.email);
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
    const [unit] = await rig.t.database.db.query.units.findMany({
      where: (u, { eq }) => eq(u.id, rig.shop.businessUnitId),
    });
    expect(unit?.odometerKm).toBe(121_500);
    await context.close();
  });
});
