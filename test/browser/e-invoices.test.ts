// E-invoices in Chromium (issue #16): the admin gives the shop what XRechnung needs and sets the
// business customers' default, the advisor sets the fleet to XRechnung (CII) with its Leitweg-ID on
// the customer form; a draft for another business customer (the location's default, no buyer
// reference) says what is missing before Issue; the fleet's invoice is issued and its e-invoice
// downloaded as XML carrying the number and the Leitweg-ID, from the shop, the portal and the
// payment page.
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Download, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

const shots = "/tmp/einv-shots";
const leitwegId = "04011000-12345-34";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("E-invoice shop");
  mkdirSync(shots, { recursive: true });
});
afterAll(() => rig?.close());

/** An input by its whole label (a required one ends in " *"). */
function field(scope: Locator | Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

async function choose(page: Page, label: string, option: string) {
  await field(page, label).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { file, text: (await readFile((await file.path())!)).toString("utf8") };
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("E-invoices", () => {
  it("sets a customer to XRechnung, says what a draft lacks, and downloads the issued e-invoice", async () => {
    const { app } = rig.t;
    const advisorApi = client(app, await apiSignIn(app, rig.shop.staff.service_advisor.email));
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);

    // Settings: XRechnung needs the shop's phone; business customers get XRechnung (UBL) by default.
    // (The fixture's GmbH has no register yet, which the form asks for before it saves.)
    await page.goto(`${rig.base}/shop/settings`);
    await field(page, "Register court").waitFor();
    await field(page, "Register court").fill("Amtsgericht Charlottenburg");
    await field(page, "Register number").fill("HRB 123456 B");
    await field(page, "Managing directors").fill("Max Müller");
    await field(page, "Phone").first().fill("030 1234567");
    await field(page, "Tax number (Steuernummer)").fill("27/123/45678");
    await choose(page, "E-invoices for business customers", "XRechnung (UBL)");
    await page
      .getByRole("group", { name: "E-invoice" })
      .screenshot({ path: path.join(shots, "settings-e-invoice.png") });
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    await expect.poll(() => page.getByText("Settings saved").count()).toBeGreaterThan(0);
    const location = (await advisorApi("GET", "/api/v1/settings/location")).json();
    expect(location).toMatchObject({
      phone: "030 1234567",
      taxNumber: "27/123/45678",
      eInvoiceDefault: "xrechnung_ubl",
    });

    // The fleet gets XRechnung (CII): the buyer reference is then required.
    await page.goto(`${rig.base}/shop/customers/${rig.shop.businessCustomerId}/edit`);
    await field(page, "Email").waitFor();
    await field(page, "Email").fill("ap@fleet.test");
    await field(page, "Street").fill("Hauptstraße 5");
    await field(page, "Postal code").fill("10117");
    await field(page, "City").fill("Berlin");
    await choose(page, "E-invoice format", "XRechnung (CII)");
    const buyerReference = field(page, "Buyer reference (Leitweg-ID)");
    await expect.poll(() => buyerReference.getAttribute("required")).not.toBeNull();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(() => page.getByText("XRechnung needs the buyer reference (a public buyer's Leitweg-ID)").count())
      .toBe(1);
    await buyerReference.fill(leitwegId);
    await field(page, "E-invoice address").fill("xrechnung@fleet.test");
    const section = page.getByRole("group", { name: "E-invoice" });
    await section.scrollIntoViewIfNeeded();
    await expectAccessible(page, "customer form with e-invoice");
    await section.screenshot({ path: path.join(shots, "customer-form-e-invoice.png") });
    await screenshot(page, "e-invoice-customer-form");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(new RegExp(`/shop/customers/${rig.shop.businessCustomerId}$`));
    const invoicing = page.getByRole("heading", { name: "Invoicing" }).locator("..");
    await expect.poll(() => invoicing.getByText("XRechnung (CII)").count()).toBe(1);
    await expect.poll(() => invoicing.getByText(leitwegId).count()).toBe(1);
    const fleet = (await advisorApi("GET", `/api/v1/customers/${rig.shop.businessCustomerId}`)).json();
    expect(fleet).toMatchObject({
      eInvoiceFormat: "xrechnung_cii",
      buyerReference: leitwegId,
      eInvoiceAddress: "xrechnung@fleet.test",
    });

    // A public buyer on the location's default (XRechnung UBL) without its Leitweg-ID yet.
    const city = (
      await advisorApi("POST", "/api/v1/customers", {
        type: "business",
        companyName: "Stadt Musterhausen",
        email: "rechnung@musterhausen.test",
        street: "Rathausplatz 1",
        postalCode: "12345",
        city: "Musterhausen",
      })
    ).json();
    expect(city.eInvoiceFormat).toBeNull();
    const draftFor = async (customerId: string) => {
      const res = await advisorApi("POST", "/api/v1/invoices", {
        customerId,
        lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 20_000, taxRateBp: 1900 }],
        serviceDate: "2026-11-20",
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const cityDraft = await draftFor(city.id);
    const fleetDraft = await draftFor(rig.shop.businessCustomerId);

    await page.goto(`${rig.base}/shop/invoices/${cityDraft.id}`);
    const missing = page.getByRole("alert").filter({ hasText: "Missing for the e-invoice" });
    await expect
      .poll(() => missing.getByText("This customer gets XRechnung (UBL). Before issuing, add:").count())
      .toBe(1);
    expect(await missing.getByRole("listitem").allTextContents()).toEqual([
      "XRechnung needs the customer's buyer reference (a public buyer's Leitweg-ID).",
    ]);
    expect(await missing.getByRole("link", { name: "Edit customer" }).getAttribute("href")).toBe(
      `/shop/customers/${city.id}/edit`,
    );
    await expectAccessible(page, "draft invoice missing e-invoice facts");
    await page.screenshot({ path: path.join(shots, "invoice-draft-missing.png"), fullPage: true });
    await screenshot(page, "e-invoice-draft-missing");

    // A line's e-invoice facts in the editor: its unit, and exempt from VAT with the reason.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.waitForURL(/\/edit$/);
    const line1 = page.getByRole("group", { name: "Line 1" });
    await field(line1, "Unit of measure").selectOption("HUR");
    await field(line1, "Tax rate").selectOption("0");
    await field(line1, "VAT category").selectOption("E");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => line1.getByText("Give the reason for the exemption").count()).toBe(1);
    await field(line1, "Exemption reason").fill("Steuerfrei nach § 4 Nr. 14 UStG");
    await expectAccessible(page, "invoice line with e-invoice facts");
    await line1.screenshot({ path: path.join(shots, "invoice-line-editor.png") });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(new RegExp(`/shop/invoices/${cityDraft.id}$`));
    const edited = (await advisorApi("GET", `/api/v1/invoices/${cityDraft.id}`)).json();
    expect(edited.lines[0]).toMatchObject({
      unitCode: "HUR",
      taxRateBp: 0,
      taxCategory: "E",
      taxExemptionReason: "Steuerfrei nach § 4 Nr. 14 UStG",
    });

    // The fleet's draft lacks nothing: issue it and download its XRechnung.
    await page.goto(`${rig.base}/shop/invoices/${fleetDraft.id}`);
    await expect.poll(() => heading(page)).toContain("Draft invoice");
    await expect.poll(() => page.getByText("E-invoice", { exact: true }).count()).toBe(1);
    expect(await page.getByText("Missing for the e-invoice").count()).toBe(0);
    await page.getByRole("button", { name: "Issue", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Issue invoice" }).click();
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await expect.poll(() => heading(page)).toMatch(/Invoice INV-\d{4}-\d{6}/);
    const number = (await heading(page))!.match(/INV-\d{4}-\d{6}/)![0];

    const cii = await downloaded(page, () =>
      page.getByRole("link", { name: "Download e-invoice", exact: true }).click(),
    );
    expect(cii.file.suggestedFilename()).toMatch(/\.xml$/);
    expect(cii.text).toContain("CrossIndustryInvoice");
    expect(cii.text).toContain(number);
    expect(cii.text).toContain(leitwegId);

    // Another format anyway, from the menu.
    await page.getByRole("button", { name: "Other e-invoice formats" }).click();
    const menu = page.getByRole("menu");
    await expect
      .poll(() => menu.getByRole("menuitem").allTextContents())
      .toEqual(["Download anyway as ZUGFeRD / Factur-X", "Download anyway as XRechnung (UBL)"]);
    await expectAccessible(page, "issued invoice with the e-invoice menu");
    await page.screenshot({ path: path.join(shots, "invoice-issued-menu.png"), fullPage: true });
    await screenshot(page, "e-invoice-issued-menu");
    const ubl = await downloaded(page, () =>
      menu.getByRole("menuitem", { name: "Download anyway as XRechnung (UBL)" }).click(),
    );
    expect(ubl.text).toContain("<Invoice");
    expect(ubl.text).toContain(number);
    expect(ubl.text).toContain(leitwegId);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("link", { name: "Download e-invoice", exact: true }).waitFor();
    await page.screenshot({ path: path.join(shots, "invoice-issued-phone.png") });
    await screenshot(page, "e-invoice-issued-phone");
    expect(errors).toEqual([]);
    await context.close();

    // The fleet's portal, on a phone: the invoice's e-invoice beside its PDF, and on the payment page.
    const portal = await rig.browser.newContext({ ...phone, locale: "en-GB", acceptDownloads: true });
    const fleetPage = await portal.newPage();
    fleetPage.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(fleetPage, "/portal/login", rig.shop.portal.email);
    await fleetPage.goto(`${rig.base}/portal/invoices`);
    const card = fleetPage.getByRole("listitem").filter({ hasText: number });
    await expect.poll(() => card.getByRole("link", { name: "E-invoice" }).count()).toBe(1);
    await expectAccessible(fleetPage, "portal invoices with e-invoice");
    await fleetPage.screenshot({ path: path.join(shots, "portal-invoices-phone.png"), fullPage: true });
    await screenshot(fleetPage, "e-invoice-portal-phone");
    const fromPortal = await downloaded(fleetPage, () =>
      card.getByRole("link", { name: "E-invoice" }).click(),
    );
    expect(fromPortal.text).toContain(leitwegId);

    await card.getByRole("button", { name: "Pay now" }).click();
    await fleetPage.waitForURL(/\/pay\/[A-Za-z0-9_-]{43}$/);
    const payLink = fleetPage.getByRole("link", { name: "Download e-invoice (XRechnung (CII))" });
    await expect.poll(() => payLink.count()).toBe(1);
    await payLink.scrollIntoViewIfNeeded();
    await fleetPage.locator(".actions").screenshot({ path: path.join(shots, "pay-page-actions-phone.png") });
    await screenshot(fleetPage, "e-invoice-pay-page-phone");
    const fromPayPage = await downloaded(fleetPage, () => payLink.click());
    expect(fromPayPage.text).toContain(number);
    expect(errors).toEqual([]);
    await portal.close();
  });
});
