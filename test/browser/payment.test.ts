// The invoice case in Chromium: the advisor invoices a finished work order, issues and sends it; the customer opens the emailed
// payment link on a phone, sees the total and the bank transfer, is declined with one sandbox card and
// pays with another; the advisor's open invoice page turns Paid live and the bell rings; the cashier
// records Delivered and Booked and the case is Closed. A second invoice is paid at the counter.
import { eq, like } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, staffUsers } from "../../src/db/schema";
import { SandboxProvider } from "../../src/integrations/payments/sandbox";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, type Client, client } from "../support/client";

/** Known, so the test can sign provider events the sandbox would send (a refund). */
const sandboxSecret = "sandbox-secret-for-browser-tests";

let rig: BrowserRig;
let accounting: Client;
let advisorApi: Client;
beforeAll(async () => {
  rig = await startBrowserRig("Payment shop", { PAYMENT_SANDBOX_SECRET: sandboxSecret });
  const { app } = rig.t;
  const advisor = client(app, await apiSignIn(app, rig.shop.staff.service_advisor.email));
  advisorApi = advisor;
  accounting = client(app, await apiSignIn(app, rig.shop.staff.accounting.email));
  const customer = (await advisor("GET", `/api/v1/customers/${rig.shop.businessCustomerId}`)).json();
  const patched = await advisor("PATCH", `/api/v1/customers/${rig.shop.businessCustomerId}`, {
    email: "ap@fleet.test",
    version: customer.version,
  });
  expect(patched.statusCode, patched.body).toBe(200);
});
afterAll(() => rig?.close());

/** An issued invoice of €238.00 for the fleet customer. */
async function issuedInvoice(): Promise<{ id: string; number: string }> {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId: rig.shop.businessCustomerId,
    lines: [
      { description: "Brake service", quantityMilli: 1500, unitPrice: 10_000, taxRateBp: 1900 },
      { description: "Brake pads", quantityMilli: 1000, unitPrice: 4_550, taxRateBp: 1900 },
      { description: "Hand soap", quantityMilli: 2000, unitPrice: 250, taxRateBp: 700 },
    ],
    serviceDate: "2026-11-20",
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const issued = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(issued.statusCode, issued.body).toBe(200);
  return issued.json();
}

/** A finished work order of the fleet unit (clocked, done, ready to submit), not yet invoiced. */
async function finishedWorkOrder(): Promise<{ id: string; number: string }> {
  const { app } = rig.t;
  const { shop } = rig;
  const tech = client(app, await apiSignIn(app, shop.staff.technician.email));
  const portal = client(app, await apiSignIn(app, shop.portal.email, "portal"));
  const ok = async (res: Awaited<ReturnType<Client>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  let estimate = await ok(
    await advisorApi("POST", "/api/v1/estimates", { unitId: shop.businessUnitId }),
    201,
  );
  estimate = await ok(
    await advisorApi("POST", `/api/v1/estimates/${estimate.id}/lines`, {
      kind: "labour",
      description: "Brake service",
      quantityMilli: 2000,
      unitPrice: 20_000,
      taxRateBp: 1900,
      pricing: "flat",
      version: estimate.version,
    }),
    201,
  );
  await ok(await advisorApi("POST", `/api/v1/estimates/${estimate.id}/submit`, {}));
  await ok(
    await portal("POST", `/api/v1/portal/estimates/${estimate.id}/approve`, {
      versionNo: 1,
      labourLineIds: estimate.draft.labour.map((l: { id: string }) => l.id),
    }),
  );
  const work = await ok(await advisorApi("GET", `/api/v1/units/${shop.businessUnitId}/work-items`));
  const item = work.items.find(
    (w: { status: string; estimateId: string }) => w.status === "required" && w.estimateId === estimate.id,
  );
  let order = await ok(await tech("POST", `/api/v1/work-items/${item.id}/clock-on`));
  for (const job of order.jobs) order = await ok(await tech("POST", `/api/v1/jobs/${job.id}/finish`));
  for (const move of ["unit-ready", "ready-to-submit"]) {
    order = await ok(await advisorApi("POST", `/api/v1/work-orders/${order.id}/${move}`, {}));
  }
  return order;
}

/**
 * The app's public address (PUBLIC_URL, in mails and provider redirects) is http://pitlane.test:
 * this browser context reaches it through the test server.
 */
async function publicUrlToRig(context: BrowserContext) {
  await context.route(/^http:\/\/pitlane\.test\//, async (route) => {
    const url = route.request().url().replace("http://pitlane.test", rig.base);
    const response = await route.fetch({ url, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const status = (page: Page) => page.getByRole("status").first().textContent();

describe("invoice case", () => {
  it("invoices a finished work order, sends it, the customer pays on a phone after a declined card, and the case closes", async () => {
    const order = await finishedWorkOrder();
    const errors: string[] = [];

    // The advisor invoices the finished work order, issues the invoice and sends it (the page stays open).
    const advisorContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const advisor = await advisorContext.newPage();
    advisor.on("pageerror", (e) => errors.push(`advisor: ${e.message}`));
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/work-orders/${order.id}`);
    await advisor.getByRole("button", { name: "Invoice", exact: true }).click();
    await advisor.getByRole("dialog").getByRole("button", { name: "Invoice", exact: true }).click();
    await closedDialogs(advisor);
    await advisor.getByRole("link", { name: "Open invoice" }).click();
    await expect.poll(() => heading(advisor)).toContain("Draft invoice");
    await advisor.getByRole("button", { name: "Issue", exact: true }).click();
    await advisor.getByRole("dialog").getByRole("button", { name: "Issue invoice" }).click();
    await closedDialogs(advisor);
    await expect.poll(() => heading(advisor)).toMatch(/Invoice INV-\d{4}-\d{6}/);
    const number = (await heading(advisor))!.match(/INV-\d{4}-\d{6}/)![0];
    const invoice = { id: advisor.url().split("/").pop()!, number };
    // A flat €200.00 brake service: €238.00 gross, as the rest of this test expects.
    await advisor.getByRole("button", { name: "Send invoice" }).click();
    const dialog = advisor.getByRole("dialog");
    await expect.poll(() => dialog.getByLabel(/^Recipient email/).inputValue()).toBe("ap@fleet.test");
    await dialog.getByLabel("Note (optional)").fill("Thank you for your visit!");
    await expectAccessible(advisor, "send invoice dialog");
    await dialog.getByRole("button", { name: "Send invoice" }).click();
    await closedDialogs(advisor);
    await expect.poll(() => advisor.getByText(/^Sent to ap@fleet\.test on /).count()).toBe(1);
    await expect.poll(() => advisor.getByRole("button", { name: "Resend" }).count()).toBe(1);
    await expectAccessible(advisor, "sent invoice");
    const bell = advisor.getByRole("button", { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");

    // The mail's payment link.
    const [mail] = await rig.t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Invoice ${invoice.number}%`));
    expect(mail?.to).toBe("ap@fleet.test");
    const link = mail!.text.match(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]+/)![0];

    // The customer on a phone: the invoice, its total and the bank transfer.
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await publicUrlToRig(customerContext);
    const customer = await customerContext.newPage();
    customer.on("pageerror", (e) => errors.push(`customer: ${e.message}`));
    await customer.goto(link);
    await expect.poll(() => heading(customer)).toBe(`Invoice ${invoice.number}`);
    await expect.poll(() => customer.getByText("€238.00").count()).toBeGreaterThan(1);
    const bank = customer.getByRole("region", { name: "Pay by bank transfer" });
    await expect.poll(() => bank.getByText("DE89 3704 0044 0532 0130 00").count()).toBe(1);
    await expect.poll(() => bank.getByRole("img", { name: /QR code/ }).count()).toBe(1);
    expect(await customer.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toMatch(
      /^\/api\/v1\/pay\/.+\/pdf$/,
    );
    await expectAccessible(customer, "payment page");
    await screenshot(customer, "pay-active");

    // A declined card: back on the page, the reason and still unpaid.
    await customer.getByRole("button", { name: "Pay with card" }).click();
    await customer.waitForURL(/\/sandbox\/checkout\//);
    await customer.getByLabel("Card number").fill("4000 0000 0000 0002");
    await customer.getByRole("button", { name: /^Pay / }).click();
    await customer.waitForURL(/\/pay\/[^/?]+$/);
    await expect
      .poll(() => customer.getByRole("alert").textContent())
      .toContain("Your payment did not go through: Your card was declined.");
    await expect.poll(() => customer.getByText("Open", { exact: true }).count()).toBe(1);
    await expectAccessible(customer, "payment page (declined)");
    await screenshot(customer, "pay-declined");

    // The customer's record says English; this reader switches to German, the provider's reason too.
    const languages = customer.getByRole("group", { name: "Language" });
    await languages.getByRole("button", { name: "DE" }).click();
    await expect.poll(() => heading(customer)).toBe(`Rechnung ${invoice.number}`);
    await expect
      .poll(() => customer.getByRole("alert").textContent())
      .toContain("Ihre Zahlung ist nicht durchgegangen: Ihre Karte wurde abgelehnt.");
    expect(await customer.getByText("238,00 €").count()).toBeGreaterThan(0);
    expect(
      await customer
        .getByRole("group", { name: "Sprache" })
        .getByRole("button", { name: "DE" })
        .getAttribute("aria-pressed"),
    ).toBe("true");
    await expectAccessible(customer, "payment page (German)");
    await screenshot(customer, "pay-declined-de");
    // The sandbox checkout opens in the page's language; cancelling comes back, and the choice holds.
    await customer.getByRole("button", { name: "Mit Karte bezahlen" }).click();
    await customer.waitForURL(/\/sandbox\/checkout\//);
    await customer.getByLabel("Kartennummer").waitFor();
    expect(await customer.getByRole("button", { name: "238,00 € bezahlen" }).count()).toBe(1);
    await screenshot(customer, "sandbox-checkout-de");
    await customer.getByRole("button", { name: "Abbrechen" }).click();
    // Back through the cancel form (a GET form leaves a bare "?").
    await customer.waitForURL(/\/pay\/[^/?]+\??$/);
    await expect.poll(() => heading(customer)).toBe(`Rechnung ${invoice.number}`);
    await customer.getByRole("group", { name: "Sprache" }).getByRole("button", { name: "EN" }).click();
    await expect.poll(() => heading(customer)).toBe(`Invoice ${invoice.number}`);

    // A good card: the confirmation.
    await customer.getByRole("button", { name: "Pay with card" }).click();
    await customer.waitForURL(/\/sandbox\/checkout\//);
    await customer.getByLabel("Card number").fill("4242 4242 4242 4242");
    await customer.getByRole("button", { name: /^Pay / }).click();
    await customer.waitForURL(/\/pay\/[^/?]+\?paid=1$/);
    await expect.poll(() => status(customer)).toBe("Thank you, your payment was received");
    await expect
      .poll(() => customer.getByRole("heading", { name: "Thank you, your payment was received" }).count())
      .toBe(1);
    await expect.poll(() => customer.getByRole("button", { name: "Pay with card" }).count()).toBe(0);
    await expect.poll(() => customer.getByText("Paid", { exact: true }).count()).toBe(1);
    await expectAccessible(customer, "payment page (paid)");
    await screenshot(customer, "pay-paid");

    // The advisor's page shows Paid without a reload, and the bell rings.
    await expect
      .poll(() => advisor.getByText("Paid", { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await bell.click();
    await expect.poll(() => advisor.getByText(`${invoice.number}: paid`).count()).toBe(1);
    await advisor.keyboard.press("Escape");
    await screenshot(advisor, "invoice-paid-live");

    // The cashier records the handover and the booking: the case is closed.
    const cashierContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const cashier = await cashierContext.newPage();
    cashier.on("pageerror", (e) => errors.push(`cashier: ${e.message}`));
    await rig.signInAs(cashier, "/login", rig.shop.staff.accounting.email);
    await cashier.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    await expect.poll(() => heading(cashier)).toContain(invoice.number);
    await cashier.getByRole("button", { name: "Delivered" }).click();
    const cashierDialog = cashier.getByRole("dialog");
    await cashierDialog.getByLabel(/^Picked up by/).fill("Max Fleet");
    await cashierDialog.getByRole("button", { name: "Record handover" }).click();
    await closedDialogs(cashier);
    await expect.poll(() => cashier.getByText(/^Picked up by Max Fleet on /).count()).toBe(1);
    await cashier.getByRole("button", { name: "Booked" }).click();
    await cashierDialog.getByRole("button", { name: "Mark as booked" }).click();
    await closedDialogs(cashier);
    await expect.poll(() => cashier.getByText("Closed", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => cashier.getByText(/^Booked on /).count()).toBe(1);
    await expectAccessible(cashier, "closed invoice");
    await screenshot(cashier, "invoice-closed");

    // The dashboard: the case is under Closed, not under Open, and today's takings count it.
    await cashier.goto(`${rig.base}/shop/invoices`);
    await cashier.getByText("Paid today").waitFor();
    const filters = cashier.getByRole("group", { name: "Show" });
    await filters.getByText("Closed", { exact: true }).click();
    await expect.poll(() => cashier.getByRole("link", { name: invoice.number }).count()).toBe(1);
    await filters.getByText("Open", { exact: true }).click();
    await expect.poll(() => cashier.getByRole("link", { name: invoice.number }).count()).toBe(0);
    await expectAccessible(cashier, "invoices dashboard filtered");
    await screenshot(cashier, "invoices-dashboard");

    expect(errors).toEqual([]);
    await Promise.all([advisorContext.close(), customerContext.close(), cashierContext.close()]);
  });

  it("sends with a due date and a note, shows the payment link's state, cancels it once and sends a new one", async () => {
    const invoice = await issuedInvoice();
    const detail = (await accounting("GET", `/api/v1/invoices/${invoice.id}`)).json();
    const errors: string[] = [];
    const context = await rig.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);
    await page.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    await expect.poll(() => heading(page)).toContain(invoice.number);
    // Never sent: no link state yet, and nothing to cancel.
    await expect.poll(() => page.getByText("Not sent yet").count()).toBe(1);
    expect(await page.getByText("Payment link", { exact: true }).count()).toBe(0);

    // Send invoice: email, due date (the invoice's terms by default, not before the invoice date), note.
    await page.getByRole("button", { name: "Send invoice" }).click();
    const dialog = page.getByRole("dialog");
    const due = dialog.getByLabel(/^Due date/);
    await expect.poll(() => due.inputValue()).toBe(detail.dueDate);
    await due.fill("2020-01-01");
    await dialog.getByRole("button", { name: "Send invoice" }).click();
    await expect
      .poll(() => dialog.getByText(/The due date cannot be before the invoice date/).count())
      .toBe(1);
    await due.fill("2027-02-15");
    await dialog.getByLabel("Note (optional)").fill("Pay by bank transfer, please.");
    await expectAccessible(page, "send invoice dialog with due date");
    await screenshot(page, "send-invoice-due-date");
    await dialog.getByRole("button", { name: "Send invoice" }).click();
    await closedDialogs(page);
    await expect.poll(() => page.getByText("15 Feb 2027").count()).toBeGreaterThan(0);
    const [mail] = await rig.t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Invoice ${invoice.number}%`));
    expect(mail?.text).toContain("due on 15 Feb 2027");
    expect(mail?.text).toContain("Pay by bank transfer, please.");
    const state = page.getByTestId("payment-link-state");
    await expect.poll(() => state.getByText("Active", { exact: true }).count()).toBe(1);
    await expect.poll(() => state.getByText("Not opened by the customer yet").count()).toBe(1);

    // The customer opens the page; the shop sees when.
    const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]+)/)![1]!;
    expect((await rig.t.app.inject({ url: `/api/v1/pay/${token}` })).statusCode).toBe(200);
    await page.reload();
    await expect.poll(() => state.getByText(/^First opened by the customer on /).count()).toBe(1);

    // Cancel payment link, once: then the button is gone and the state says who and when.
    await page.getByRole("button", { name: "Cancel payment link" }).click();
    await dialog.getByRole("button", { name: "Cancel payment link" }).click();
    await closedDialogs(page);
    await expect.poll(() => state.getByText("Cancelled", { exact: true }).count()).toBe(1);
    await expect.poll(() => state.getByText(/^Cancelled on .+ by service_advisor /).count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "Cancel payment link" }).count()).toBe(0);
    await expectAccessible(page, "cancelled payment link");
    await screenshot(page, "payment-link-cancelled");
    // Keyboard only: Resend opens with the address focused, Enter sends a new link.
    await page.getByRole("button", { name: "Resend" }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => dialog.getByLabel(/^Recipient email/).evaluate((e) => e === document.activeElement))
      .toBe(true);
    await page.keyboard.press("Enter");
    await closedDialogs(page);
    await expect.poll(() => state.getByText("Active", { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "Cancel payment link" }).count()).toBe(1);

    // In German, and on a phone.
    await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
    await expect.poll(() => state.getByText("Aktiv", { exact: true }).count()).toBe(1);
    await page.getByRole("button", { name: "Erneut senden" }).click();
    await expect.poll(() => dialog.getByLabel(/^Fälligkeitsdatum/).inputValue()).toBe("2027-02-15");
    await screenshot(page, "send-invoice-de");
    await page.keyboard.press("Escape");
    await closedDialogs(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => state.getByText("Vom Kunden noch nicht geöffnet").count()).toBe(1);
    await expectAccessible(page, "payment link state on a phone");
    await screenshot(page, "payment-link-phone-de");
    await page.getByRole("button", { name: "Erneut senden" }).click();
    await screenshot(page, "send-invoice-phone-de");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("records a payment at the counter and asks before handing over an unpaid vehicle", async () => {
    const invoice = await issuedInvoice();
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    await expect.poll(() => heading(page)).toContain(invoice.number);

    // Delivered while unpaid: the warning, then Hand over anyway.
    await page.getByRole("button", { name: "Delivered" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Picked up by/).fill("Paula Driver");
    await dialog.getByRole("button", { name: "Record handover" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toContain("The invoice is not paid and the customer is not on account.");
    await expectAccessible(page, "unpaid handover warning");
    await dialog.getByRole("button", { name: "Hand over anyway" }).click();
    await closedDialogs(page);
    await expect.poll(() => page.getByText(/^Picked up by Paula Driver on /).count()).toBe(1);

    await page.getByRole("button", { name: "Paid POS" }).click();
    await expect.poll(() => dialog.getByLabel(/^Amount received/).inputValue()).toBe("238.00");
    await dialog.getByRole("radio", { name: "Card terminal" }).check();
    await dialog.getByLabel("Receipt reference (optional)").fill("R-1001");
    await expectAccessible(page, "paid POS dialog");
    await dialog.getByRole("button", { name: "Record payment" }).click();
    await closedDialogs(page);
    await expect.poll(() => page.getByText("Paid", { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("button", { name: "Paid POS" }).count()).toBe(0);
    await screenshot(page, "invoice-paid-pos");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a refund beyond its payment for review, in English and German, until it is marked reviewed", async () => {
    const invoice = await issuedInvoice();
    const { app, database } = rig.t;
    expect((await advisorApi("POST", `/api/v1/invoices/${invoice.id}/send`, {})).statusCode).toBe(200);
    const [mail] = await database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Invoice ${invoice.number} %`));
    const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!;
    const checkout = await app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "paypal" },
    });
    const sessionId = new URL(checkout.json().url).pathname.split("/").pop()!;
    // The provider reports the payment, then €300.00 refunded on it: €238.00 counts, €62.00 is flagged.
    const sandbox = new SandboxProvider(sandboxSecret, "");
    const deliver = (event: object) => {
      const raw = JSON.stringify(event);
      return app.inject({
        method: "POST",
        url: "/api/v1/payments/webhooks/sandbox",
        headers: { "content-type": "application/json", "pitlane-sandbox-signature": sandbox.sign(raw) },
        payload: raw,
      });
    };
    const data = {
      sessionId,
      reference: `pay_${sessionId}`,
      amount: 23_800,
      currency: "EUR",
      method: "paypal",
    };
    expect((await deliver({ id: "evt_b_paid", type: "checkout.succeeded", data })).json().outcome).toBe(
      "recorded",
    );
    const refund = { id: "evt_b_refund", type: "charge.refunded", data: { ...data, refundedTotal: 30_000 } };
    expect((await deliver(refund)).json().outcome).toBe("flagged");

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    const flag = page.getByRole("alert").filter({ hasText: "Refund larger than the payment: please review" });
    await expect
      .poll(() => flag.textContent())
      .toContain(
        "The payment sandbox reported €300.00 refunded on a payment of €238.00. Refunds count at most up to the payment, so €62.00 beyond it was not counted.",
      );
    // What is open is the gross, not more.
    await expect.poll(() => page.getByText("€238.00").count()).toBeGreaterThan(0);
    await expectAccessible(page, "refund excess flagged");
    await screenshot(page, "invoice-refund-excess-en");

    // The admin reads it in German and marks it reviewed.
    await database.db
      .update(staffUsers)
      .set({ language: "de" })
      .where(eq(staffUsers.id, rig.shop.staff.admin.id));
    const german = await rig.browser.newContext({ ...desktop, locale: "de-DE" });
    const de = await german.newPage();
    de.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(de, "/login", rig.shop.staff.admin.email);
    await de.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    const markiert = de
      .getByRole("alert")
      .filter({ hasText: "Erstattung höher als die Zahlung: bitte prüfen" });
    // German writes "300,00 €" with a no-break space.
    await expect
      .poll(async () => (await markiert.textContent())?.replaceAll("\u00a0", " "))
      .toContain("Die Zahlungs-Sandbox meldet 300,00 € erstattet auf eine Zahlung von 238,00 €.");
    await screenshot(de, "invoice-refund-excess-de");
    await markiert.getByRole("button", { name: "Als geprüft markieren" }).click();
    const dialog = de.getByRole("dialog");
    await dialog
      .getByLabel("Wie wurde es geklärt? (optional)")
      .fill("Doppelte Meldung, mit Anbieter geklärt");
    await expectAccessible(de, "mark reviewed dialog");
    await dialog.getByRole("button", { name: "Als geprüft markieren" }).click();
    await closedDialogs(de);
    await expect.poll(() => markiert.count()).toBe(0);
    await page.reload();
    await expect.poll(() => heading(page)).toContain(invoice.number);
    await expect.poll(() => flag.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
    await german.close();
  });

  it("speaks the customer's language and says when a link is no longer valid", async () => {
    const customer = (await advisorApi("GET", `/api/v1/customers/${rig.shop.businessCustomerId}`)).json();
    await advisorApi("PATCH", `/api/v1/customers/${rig.shop.businessCustomerId}`, {
      language: "de",
      version: customer.version,
    });
    const invoice = await issuedInvoice();
    expect((await advisorApi("POST", `/api/v1/invoices/${invoice.id}/send`, {})).statusCode).toBe(200);
    const [mail] = await rig.t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.text, `%${invoice.number}%`));
    const path = mail!.text.match(/\/pay\/[A-Za-z0-9_-]+/)![0];

    const context = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${rig.base}${path}`);
    await expect.poll(() => heading(page)).toBe(`Rechnung ${invoice.number}`);
    await expect.poll(() => page.getByText("238,00 €").count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByRole("button", { name: "Mit Karte bezahlen" }).count()).toBe(1);
    await screenshot(page, "pay-active-de");

    expect((await advisorApi("POST", `/api/v1/invoices/${invoice.id}/payment-link/cancel`)).statusCode).toBe(
      204,
    );
    await page.reload();
    await expect
      .poll(() => page.getByRole("heading", { name: "Dieser Zahlungslink ist nicht mehr gültig" }).count())
      .toBe(1);
    await expect.poll(() => page.getByText(/Bitte wenden Sie sich an Payment shop/).count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: /bezahlen/ }).count()).toBe(0);
    await expectAccessible(page, "payment page (cancelled)");
    await screenshot(page, "pay-cancelled-de");
    await context.close();
  });
});
