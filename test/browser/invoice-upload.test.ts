// Upload invoice in Chromium (issue #17): another Pitlane shop (the "DMS") issues an XRechnung and a
// ZUGFeRD invoice; this shop uploads each from the Invoices dashboard, reviews what was read beside
// the document — number, gross, buyer, the customer matched or proposed — creates the invoice case,
// sends it and the customer pays it on the payment page. A PDF without an e-invoice says plainly that
// reading text and scans is not available yet.
import { mkdirSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import PDFDocument from "pdfkit";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { locations, mailMessages } from "../../src/db/schema";
import { addDays } from "../../src/domain/invoice";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, type Client, client } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

const shots = "/tmp/upload-shots";

let rig: BrowserRig;
let issuer: Shop;
let issuerApi: Client;
let dir: string;
beforeAll(async () => {
  rig = await startBrowserRig("Upload shop", { PAYMENT_SANDBOX_SECRET: "sandbox-secret-for-browser-tests" });
  issuer = await createShop(rig.t.database.db, "Issuing shop");
  // XRechnung asks for the seller's phone (BR-DE-6).
  await rig.t.database.db
    .update(locations)
    .set({ phone: "+49 30 1234567" })
    .where(eq(locations.id, issuer.locationId));
  issuerApi = client(rig.t.app, await apiSignIn(rig.t.app, issuer.staff.accounting.email));
  mkdirSync(shots, { recursive: true });
  dir = await mkdtemp(path.join(tmpdir(), "pitlane-upload-"));
});
afterAll(() => rig?.close());

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

/** The payment page's public address (pitlane.test) served by the rig. */
async function publicUrlToRig(context: BrowserContext) {
  await context.route(/^http:\/\/pitlane\.test\//, async (route) => {
    const url = route.request().url().replace("http://pitlane.test", rig.base);
    const response = await route.fetch({ url, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}

/** An invoice the issuing shop issued for a customer of its own: 2.5 h at 95.00 and 3 l oil at 12.35. */
async function issuedAtIssuer(customer: Record<string, unknown>, poNumber: string) {
  const created = await issuerApi("POST", "/api/v1/customers", {
    type: "business",
    street: "Rathausplatz 1",
    postalCode: "20095",
    city: "Hamburg",
    language: "en",
    ...customer,
  });
  expect(created.statusCode, created.body).toBe(201);
  const today = await locationToday(rig.t.database.db, issuer.locationId);
  const draft = await issuerApi("POST", "/api/v1/invoices", {
    customerId: created.json().id,
    lines: [
      { description: "Inspection", quantityMilli: 2500, unitPrice: 9500, taxRateBp: 1900, unitCode: "HUR" },
      { description: "Engine oil", quantityMilli: 3000, unitPrice: 1235, taxRateBp: 700, unitCode: "LTR" },
    ],
    serviceDate: addDays(today, -2),
    poNumber,
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const issued = await issuerApi("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(issued.statusCode, issued.body).toBe(200);
  const file = await issuerApi("GET", `/api/v1/invoices/${draft.json().id}/e-invoice`);
  expect(file.statusCode, file.body).toBe(200);
  return {
    number: issued.json().number as string,
    gross: issued.json().totals.gross as number,
    file: file.rawPayload,
  };
}

function plainPdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

/** Upload invoice on the Invoices dashboard, up to the review page. */
async function uploadFromDashboard(page: Page, file: string) {
  await page.goto(`${rig.base}/shop/invoices`);
  await page.getByRole("button", { name: "Upload invoice" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload an invoice" });
  await expect.poll(() => dialog.getByText(/ZUGFeRD, Factur-X or XRechnung/).count()).toBe(1);
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await dialog.getByRole("button", { name: "Upload and read" }).click();
  await page.waitForURL(/\/shop\/invoices\/uploads\/[^/]+$/);
  await closedDialogs(page);
}

const numberField = (page: Page) => page.getByRole("textbox", { name: /^Invoice number/ });

describe("Upload invoice", () => {
  it("reads an XRechnung, creates the case with a new customer, sends it and it is paid", async () => {
    const issued = await issuedAtIssuer(
      {
        companyName: "Stadtwerke Hamburg GmbH",
        vatId: "DE987654321",
        email: "ap@stadtwerke.test",
        eInvoiceFormat: "xrechnung_cii",
        buyerReference: "04011000-12345-34",
      },
      "PO-4711",
    );
    expect(issued.gross).toBe(32_227);
    // As a DMS numbers it: Pitlane's own shape is refused at another Pitlane location.
    const number = "RE-2026-4711";
    const xml = path.join(dir, "rechnung.xml");
    await writeFile(xml, issued.file.toString("utf8").replaceAll(issued.number, number));

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.goto(`${rig.base}/shop/invoices`);
    await page.getByRole("link", { name: "Uploaded invoices" }).click();
    await page.waitForURL(/\/shop\/invoices\/uploads$/);
    await expect.poll(() => page.getByText("No invoices uploaded yet", { exact: false }).count()).toBe(1);
    await page.getByRole("link", { name: "Back to invoices" }).click();
    await page.waitForURL(/\/shop\/invoices$/);

    // Choosing nothing says so in the dialog.
    await page.getByRole("button", { name: "Upload invoice" }).click();
    const dialog = page.getByRole("dialog", { name: "Upload an invoice" });
    await dialog.getByRole("button", { name: "Upload and read" }).click();
    await expect.poll(() => dialog.getByText("Choose the invoice's PDF or e-invoice XML.").count()).toBe(1);
    await expectAccessible(page, "upload invoice dialog");
    await screenshot(page, "invoice-upload-dialog");
    await page.keyboard.press("Escape");
    await closedDialogs(page);

    await uploadFromDashboard(page, xml);
    await expect.poll(() => numberField(page).inputValue(), { timeout: 20_000 }).toBe(number);
    const review = page.getByRole("form", { name: "What was read" });
    await expect.poll(() => review.getByText("Stadtwerke Hamburg GmbH").count()).toBeGreaterThan(0);
    await expect.poll(() => review.getByText("€322.27").count()).toBeGreaterThan(0);
    expect(await review.getByText("PO-4711").count()).toBe(1);
    expect(await review.getByRole("row", { name: /Inspection/ }).textContent()).toContain("€237.50");
    expect(await page.getByText("XML e-invoice — no printed copy; Pitlane renders the PDF.").count()).toBe(1);
    // No customer of this shop is the buyer: Create this customer, the default.
    expect(await review.getByRole("radio", { name: "Create this customer" }).isChecked()).toBe(true);
    await expectAccessible(page, "upload review (XML)");
    await screenshot(page, "invoice-upload-review-xml");
    await page.screenshot({ path: path.join(shots, "review-xml-desktop.png"), fullPage: true });

    await review.getByRole("button", { name: "Create invoice case" }).click();
    await page.waitForURL(/\/shop\/invoices\/(?!uploads)[^/]+$/);
    await expect.poll(() => heading(page)).toContain(`Invoice ${number}`);
    await expect.poll(() => page.getByText("€322.27").count()).toBeGreaterThan(0);

    // Send invoice: the customer created from the document gets the mail with the pay link.
    await page.getByRole("button", { name: "Send invoice" }).click();
    const send = page.getByRole("dialog");
    await expect.poll(() => send.getByLabel(/^Recipient email/).inputValue()).toBe("ap@stadtwerke.test");
    await send.getByRole("button", { name: "Send invoice" }).click();
    await closedDialogs(page);
    await expect.poll(() => page.getByText(/^Sent to ap@stadtwerke\.test on /).count()).toBe(1);
    const [mail] = await rig.t.database.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, "ap@stadtwerke.test"), like(mailMessages.subject, `%${number}%`)));
    const link = mail!.text.match(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]+/)![0];

    // The customer pays by card in the sandbox.
    const payContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await publicUrlToRig(payContext);
    const customer = await payContext.newPage();
    await customer.goto(link);
    // The customer made from the document's German buyer reads German; this reader switches to English.
    await expect.poll(() => heading(customer)).toBe(`Rechnung ${number}`);
    await customer.getByRole("group", { name: "Sprache" }).getByRole("button", { name: "EN" }).click();
    await expect.poll(() => heading(customer)).toBe(`Invoice ${number}`);
    await expect.poll(() => customer.getByText("€322.27").count()).toBeGreaterThan(0);
    await customer.getByRole("button", { name: "Pay with card" }).click();
    await customer.waitForURL(/\/sandbox\/checkout\//);
    await customer.getByLabel("Card number").fill("4242 4242 4242 4242");
    await customer.getByRole("button", { name: /^Pay / }).click();
    await customer.waitForURL(/\/pay\/[^/?]+\?paid=1$/);
    await expect.poll(() => customer.getByText("Paid", { exact: true }).count()).toBe(1);
    await payContext.close();

    // The upload reads created, with its link, on the review page and in the list.
    await page.goto(`${rig.base}/shop/invoices/uploads`);
    const row = page.getByRole("row", { name: /rechnung\.xml/ });
    await expect.poll(() => row.textContent()).toContain("Invoice case created");
    await row.getByRole("link", { name: "rechnung.xml" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Invoice case created" }).count())
      .toBe(1);
    expect(await page.getByRole("link", { name: "Open the invoice" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("reads a ZUGFeRD PDF, matches the customer by email, takes another number, and says what it cannot read", async () => {
    const issued = await issuedAtIssuer(
      { companyName: "Spedition Nord", email: "buchhaltung@spedition.test", eInvoiceFormat: "zugferd" },
      "PO-0815",
    );
    const pdf = path.join(dir, "zugferd.pdf");
    await writeFile(pdf, issued.file);
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const known = await accounting("POST", "/api/v1/customers", {
      type: "business",
      companyName: "Spedition Nord",
      email: "Buchhaltung@Spedition.test",
    });
    expect(known.statusCode, known.body).toBe(201);

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await uploadFromDashboard(page, pdf);
    await expect.poll(() => numberField(page).inputValue(), { timeout: 20_000 }).toBe(issued.number);
    const review = page.getByRole("form", { name: "What was read" });
    await expect
      .poll(() => review.getByText("Matched by email: Spedition Nord").count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => review.getByText("€322.27").count()).toBeGreaterThan(0);
    expect(await page.getByText("E-invoice inside the PDF: factur-x.xml").count()).toBe(1);
    await expectAccessible(page, "upload review (ZUGFeRD)");
    await page.screenshot({ path: path.join(shots, "review-pdf-desktop.png"), fullPage: true });
    const uploadUrl = page.url();

    // The document's number is Pitlane's own shape: refused, next to the field.
    await review.getByRole("button", { name: "Create invoice case" }).click();
    await expect.poll(() => numberField(page).getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    await page.screenshot({ path: path.join(shots, "review-pdf-refused.png"), fullPage: true });

    // On a phone, the same review in one column.
    const phoneContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const phonePage = await phoneContext.newPage();
    await rig.signInAs(phonePage, "/login", rig.shop.staff.accounting.email);
    await phonePage.goto(uploadUrl);
    await expect.poll(() => numberField(phonePage).inputValue()).toBe(issued.number);
    await phonePage.screenshot({ path: path.join(shots, "review-pdf-phone.png"), fullPage: true });
    const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await phoneContext.close();

    await numberField(page).fill("RE-Z-0815");
    await review.getByRole("button", { name: "Create invoice case" }).click();
    await page.waitForURL(/\/shop\/invoices\/(?!uploads)[^/]+$/);
    await expect.poll(() => heading(page)).toContain("Invoice RE-Z-0815");
    await expect.poll(() => page.getByText("€322.27").count()).toBeGreaterThan(0);
    const invoice = (await accounting("GET", `/api/v1/invoices/${page.url().split("/").pop()}`)).json();
    expect(invoice).toMatchObject({ number: "RE-Z-0815", customerId: known.json().id, source: "upload" });

    // A PDF without an e-invoice: not read, and the page says what is not available yet.
    const plain = path.join(dir, "scan.pdf");
    await writeFile(plain, await plainPdf("Invoice 2026-17, 100.00 EUR"));
    await uploadFromDashboard(page, plain);
    const alert = page.getByRole("alert").filter({ hasText: "This document could not be read" });
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain("is not available yet");
    expect(await page.getByRole("button", { name: "Upload another" }).count()).toBe(1);
    await expectAccessible(page, "upload unreadable");
    await page.screenshot({ path: path.join(shots, "unreadable.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
