// Create invoice in Chromium: accounting writes an invoice by hand for the fleet customer (19 % and 7 %
// lines), sees the totals as the server computes them, saves the draft, issues it (after confirming)
// and gets its INV number and PDF, then credits it in full and sees the credit note and "Credited".

import { like } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Invoice shop");
});
afterAll(() => rig?.close());

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

/** An input by its whole label (a required one ends in " *"). */
function field(scope: Locator | Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("invoices", () => {
  it("creates an invoice by hand, issues it and credits it in full", async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    const fleet = (await (
      await page.request.get(`${rig.base}/api/v1/customers/${rig.shop.businessCustomerId}`)
    ).json()) as { displayName: string };

    // The list (empty) from the navigation.
    await page.getByRole("link", { name: "Invoices" }).click();
    await expect.poll(() => heading(page)).toBe("Invoices");
    await expect.poll(() => page.getByText("No invoices yet").count()).toBe(1);
    await expectAccessible(page, "invoice list (empty)");

    // Create invoice: customer, unit, two lines.
    await page.getByRole("link", { name: "Create invoice" }).click();
    await page.waitForURL(/\/shop\/invoices\/new$/);
    await field(page, "Customer").fill(fleet.displayName.slice(0, 10));
    await page.getByRole("option", { name: new RegExp(fleet.displayName) }).click();
    await field(page, "Unit").click();
    await page.getByRole("option", { name: /B-FL/ }).click();

    const line1 = page.getByRole("group", { name: "Line 1" });
    await field(line1, "Description").fill("Brake service");
    await field(line1, "Part number").fill("BS-1");
    await field(line1, "Quantity").fill("1.5");
    await field(line1, "Unit price").fill("100.00");
    await page.getByRole("button", { name: "Add line" }).click();
    const line2 = page.getByRole("group", { name: "Line 2" });
    await field(line2, "Description").fill("Hand soap");
    await field(line2, "Quantity").fill("2");
    await field(line2, "Unit price").fill("2.50");
    await field(line2, "Tax rate").selectOption("700");
    await field(page, "Service date").fill("2026-11-20");
    await field(page, "PO number").fill("PO-4711");

    // 150.00 at 19 % (28.50) + 5.00 at 7 % (0.35) = 183.85
    const totals = page.getByRole("table", { name: "Totals" });
    await expect.poll(() => totals.getByText("€183.85").count()).toBe(1);
    await expect.poll(() => totals.getByText("€28.50").count()).toBe(1);
    await expect.poll(() => totals.getByText("€0.35").count()).toBe(1);
    await expectAccessible(page, "create invoice form");
    await screenshot(page, "invoice-form");

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/shop\/invoices\/(?!new)[^/]+$/);
    await expect.poll(() => heading(page)).toContain("Draft invoice");
    const invoiceUrl = page.url();

    // Drafts can still be edited (the form keeps the lines).
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.waitForURL(/\/edit$/);
    await expect
      .poll(() => field(page.getByRole("group", { name: "Line 2" }), "Description").inputValue())
      .toBe("Hand soap");
    await field(page, "Note").fill("Thank you for your order.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(invoiceUrl);
    await expect.poll(() => page.getByText("Thank you for your order.").count()).toBe(1);

    // Issue, after the confirmation.
    await page.getByRole("button", { name: "Issue", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect
      .poll(() => dialog.getByText("An issued invoice can never change", { exact: false }).count())
      .toBe(1);
    await dialog.getByRole("button", { name: "Issue invoice" }).click();
    await closedDialogs(page);
    await expect.poll(() => heading(page)).toMatch(/Invoice INV-\d{4}-\d{6}/);
    await expect.poll(() => page.getByText("Invoiced", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);

    // The PDF answers as a PDF.
    const link = page.getByRole("link", { name: "Download PDF" });
    expect(await link.getAttribute("target")).toBe("_blank");
    const response = await page.request.get(`${rig.base}${(await link.getAttribute("href")) ?? ""}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    await expectAccessible(page, "issued invoice");
    await screenshot(page, "invoice-issued");

    // A full credit note, after the confirmation.
    await page.getByRole("button", { name: "Create credit note" }).click();
    await dialog.getByRole("radio", { name: "Chosen lines or amounts" }).check();
    await dialog.getByRole("checkbox", { name: "Hand soap" }).check();
    await expect.poll(() => dialog.getByText("Credit note total (gross): €5.35").count()).toBe(1);
    await expectAccessible(page, "credit note dialog");
    await screenshot(page, "invoice-credit-dialog");
    await dialog.getByRole("radio", { name: /The whole invoice/ }).check();
    await dialog.getByLabel("Reason (printed on the credit note)").fill("Wrong customer");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => dialog.getByText("can never be changed", { exact: false }).count()).toBe(1);
    await dialog.getByRole("button", { name: "Create credit note" }).click();
    await closedDialogs(page);
    await expect.poll(() => heading(page)).toMatch(/Credit note CN-\d{4}-\d{6}/);
    await expect.poll(() => page.getByText("Wrong customer").count()).toBe(1);
    await expectAccessible(page, "credit note");
    await screenshot(page, "invoice-credit-note");
    const creditNoteUrl = page.url();
    const creditNumber = (await heading(page))!.match(/CN-\d{4}-\d{6}/)![0];
    // One sign, as its PDF prints it: the amounts it credits are negative; it has no due date.
    const creditTotals = page.getByRole("table", { name: "Totals" });
    await expect.poll(() => creditTotals.getByText("-€183.85").count()).toBe(1);
    await expect.poll(() => creditTotals.getByText("-€28.50").count()).toBe(1);
    await expect.poll(() => page.getByText("-€150.00").count()).toBeGreaterThan(0);
    expect(await page.getByText("Due date", { exact: true }).count()).toBe(0);

    // Send credit note: to an address typed in (the fleet has none), no due date, no payment link.
    await page.getByRole("button", { name: "Send credit note" }).click();
    await expect.poll(() => dialog.getByLabel(/^Recipient email/).count()).toBe(1);
    expect(await dialog.getByLabel(/^Due date/).count()).toBe(0);
    await dialog.getByLabel(/^Recipient email/).fill("ap@fleet.test");
    await dialog.getByLabel("Note (optional)").fill("Sorry for the mix-up.");
    await expectAccessible(page, "send credit note dialog");
    await screenshot(page, "credit-note-send-dialog");
    await dialog.getByRole("button", { name: "Send credit note" }).click();
    await closedDialogs(page);
    await expect.poll(() => page.getByText(/^Sent to ap@fleet\.test on /).count()).toBe(1);
    const [mail] = await rig.t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Credit note ${creditNumber}%`));
    expect(mail?.text).toContain("Sorry for the mix-up.");
    expect(mail?.text).not.toContain("/pay/");
    expect(mail?.attachments?.[0]?.filename).toBe(`${creditNumber}.pdf`);
    await screenshot(page, "credit-note-sent");

    // The invoice is credited, and lists its credit note with a link back.
    await page.getByRole("link", { name: /Credits invoice INV-/ }).click();
    await page.waitForURL(invoiceUrl);
    await expect.poll(() => page.getByText("Credited", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("button", { name: "Create credit note" }).count()).toBe(0);
    const notes = page.getByRole("region", { name: "Credit notes" });
    await expect.poll(() => notes.getByRole("link", { name: creditNumber }).count()).toBe(1);
    await expect.poll(() => notes.getByText("-€183.85").count()).toBe(1);
    await expectAccessible(page, "credited invoice with its credit notes");
    await screenshot(page, "invoice-with-credit-notes");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "invoice-with-credit-notes-phone");
    await page.goto(creditNoteUrl);
    await expect.poll(() => heading(page)).toContain(creditNumber);
    await expect.poll(() => page.getByText("-€183.85").count()).toBeGreaterThan(0);
    await screenshot(page, "credit-note-phone");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(invoiceUrl);
    await expect.poll(() => notes.getByRole("link", { name: creditNumber }).count()).toBe(1);

    // Both are in the list, searchable by number.
    await page.getByRole("link", { name: "Back to invoices" }).click();
    await expect.poll(() => page.getByRole("table", { name: "Invoices and credit notes" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: /^CN-/ }).count()).toBe(1);
    // The credit note's row: its amount negative, no due date.
    const creditRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: creditNumber }) });
    await expect.poll(() => creditRow.getByText("-€183.85").count()).toBe(1);
    expect(await creditRow.locator("time").count()).toBe(0);
    await screenshot(page, "invoice-list-with-credit-note");
    await page.getByLabel("Search invoices").fill("INV-");
    await expect.poll(() => page.getByRole("link", { name: /^CN-/ }).count()).toBe(0);
    await expectAccessible(page, "invoice list");
    await screenshot(page, "invoice-list");

    // In German, the form and the credited invoice.
    await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
    await expect.poll(() => heading(page)).toBe("Rechnungen");
    await page.getByRole("link", { name: /^INV-/ }).click();
    await expect.poll(() => heading(page)).toMatch(/Rechnung INV-/);
    await expect.poll(() => page.getByText("Gutgeschrieben", { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, "invoice-credited-de");
    await page.goto(`${rig.base}/shop/invoices/new`);
    await expect.poll(() => heading(page)).toBe("Rechnung erstellen");
    await screenshot(page, "invoice-form-de");

    expect(errors).toEqual([]);
    await context.close();
  });

  it("links an invoiced work order to its draft invoice", async () => {
    // Set up through the API: an approved estimate's work, clocked, finished and invoiced directly.
    const { app } = rig.t;
    const { shop } = rig;
    const advisor = client(app, await apiSignIn(app, shop.staff.service_advisor.email));
    const tech = client(app, await apiSignIn(app, shop.staff.technician.email));
    const portal = client(app, await apiSignIn(app, shop.portal.email, "portal"));
    const ok = async (res: Awaited<ReturnType<typeof advisor>>, status = 200) => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    };
    let estimate = await ok(await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId }), 201);
    estimate = await ok(
      await advisor("POST", `/api/v1/estimates/${estimate.id}/lines`, {
        kind: "labour",
        description: "Oil service",
        quantityMilli: 1000,
        unitPrice: 12_000,
        taxRateBp: 1900,
        version: estimate.version,
      }),
      201,
    );
    await ok(await advisor("POST", `/api/v1/estimates/${estimate.id}/submit`, {}));
    await ok(
      await portal("POST", `/api/v1/portal/estimates/${estimate.id}/approve`, {
        versionNo: 1,
        labourLineIds: estimate.draft.labour.map((l: { id: string }) => l.id),
      }),
    );
    const work = await ok(await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`));
    const item = work.items.find((w: { status: string }) => w.status === "required");
    let order = await ok(await tech("POST", `/api/v1/work-items/${item.id}/clock-on`));
    for (const job of order.jobs) order = await ok(await tech("POST", `/api/v1/jobs/${job.id}/finish`));
    for (const move of ["unit-ready", "ready-to-submit", "invoice"]) {
      order = await ok(await advisor("POST", `/api/v1/work-orders/${order.id}/${move}`, {}));
    }

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    // The advisor (the accounting user switched to German above).
    await rig.signInAs(page, "/login", shop.staff.service_advisor.email);
    await page.goto(`${rig.base}/shop/work-orders/${order.id}`);
    await page.getByRole("link", { name: "Open invoice" }).click();
    await expect.poll(() => heading(page)).toContain("Draft invoice");
    await expect.poll(() => page.getByText("Oil service").count()).toBe(1);
    await page.getByRole("link", { name: "Work order", exact: true }).click();
    await page.waitForURL(new RegExp(`/shop/work-orders/${order.id}$`));
    await context.close();
  });
});
