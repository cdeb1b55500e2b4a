import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, like } from "drizzle-orm";
import sharp from "sharp";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  customerLinks,
  invoicePayments,
  locations,
  mailMessages,
  notifications,
  providerEvents,
  staffUsers,
} from "../../src/db/schema";
import { isValidCreditorReference } from "../../src/domain/payment-reference";
import { SandboxProvider } from "../../src/integrations/payments/sandbox";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

const stripeSecret = "whsec_test_pitlane";
const sandboxSecret = "sandbox-secret-for-tests";

/** Stripe's API on loopback: answers Checkout Session creation and records what was asked. */
let fakeStripe: Server;
const stripeRequests: { path: string; body: URLSearchParams; idempotencyKey: string | undefined }[] = [];
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

let t: TestApp;
let shop: Shop;
let advisor: Client;
let accounting: Client;
beforeAll(async () => {
  fakeStripe = createServer(async (req, res) => {
    const body = new URLSearchParams(await readBody(req));
    stripeRequests.push({
      path: req.url ?? "",
      body,
      idempotencyKey: req.headers["idempotency-key"] as string,
    });
    const id = `cs_test_${stripeRequests.length}`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}` }),
    );
  });
  await new Promise<void>((resolve) => fakeStripe.listen(0, "127.0.0.1", resolve));
  const port = (fakeStripe.address() as AddressInfo).port;
  t = await startTestApp({
    STRIPE_SECRET_KEY: "sk_test_pitlane",
    STRIPE_WEBHOOK_SECRET: stripeSecret,
    STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    PAYMENT_SANDBOX_SECRET: sandboxSecret,
  });
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  const customer = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
  await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
    email: "ap@fleet.test",
    version: customer.version,
  });
});
afterAll(async () => {
  await t.close();
  fakeStripe.close();
});

/** An issued invoice of €238.00, sent by the advisor; returns it and its payment-page token. */
async function sentInvoice() {
  const draft = (
    await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: [
        { description: "Brake service", quantityMilli: 1500, unitPrice: 10_000, taxRateBp: 1900 },
        { description: "Brake pads", quantityMilli: 1000, unitPrice: 4_550, taxRateBp: 1900 },
        { description: "Hand soap", quantityMilli: 2000, unitPrice: 250, taxRateBp: 700 },
      ],
      serviceDate: "2026-11-20",
    })
  ).json();
  const invoice = (await accounting("POST", `/api/v1/invoices/${draft.id}/issue`)).json();
  const sent = await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, { note: "Thank you!" });
  expect(sent.statusCode, sent.body).toBe(200);
  const [mail] = await t.database.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.subject, `Invoice ${invoice.number} %`));
  const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!;
  return { invoice, token, mail: mail! };
}

const page = (token: string) => t.app.inject({ url: `/api/v1/pay/${token}` }).then((r) => r.json());
const invoiceOf = (id: string) => accounting("GET", `/api/v1/invoices/${id}`).then((r) => r.json());

/** Starts a checkout from the payment page; the provider's session id. */
async function checkoutSession(token: string, method: string) {
  const checkout = await t.app.inject({
    method: "POST",
    url: `/api/v1/pay/${token}/checkout`,
    payload: { method },
  });
  expect(checkout.statusCode, checkout.body).toBe(200);
  return new URL(checkout.json().url).pathname.split("/").pop()!;
}

/** Pays through the sandbox's own checkout page, as a browser would. */
async function sandboxPay(token: string, method: string, card?: string) {
  const checkout = await t.app.inject({
    method: "POST",
    url: `/api/v1/pay/${token}/checkout`,
    payload: { method },
  });
  expect(checkout.statusCode, checkout.body).toBe(200);
  const path = new URL(checkout.json().url).pathname;
  const form = await t.app.inject({ url: path });
  expect(form.headers["content-type"]).toContain("text/html");
  return t.app.inject({
    method: "POST",
    url: path,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ method, ...(card ? { card } : {}) }).toString(),
  });
}

describe("payment page and the sandbox", () => {
  it("opens the sandbox checkout in the payment page's language, else the customer's", async () => {
    const { token } = await sentInvoice();
    const open = async (language?: "en" | "de") => {
      const checkout = await t.app.inject({
        method: "POST",
        url: `/api/v1/pay/${token}/checkout`,
        payload: { method: "card", ...(language ? { language } : {}) },
      });
      expect(checkout.statusCode, checkout.body).toBe(200);
      const url = new URL(checkout.json().url);
      return { url, html: (await t.app.inject({ url: `${url.pathname}${url.search}` })).body };
    };
    // The fleet customer reads English; the reader switched the payment page to German.
    const german = await open("de");
    expect(german.html).toContain('<html lang="de">');
    expect(german.html).toContain("Kartennummer");
    expect(german.html).toContain("238,00\u00a0€ bezahlen");
    expect(german.html).not.toContain("Card number");
    // Switched back: a checkout in English, not the German one again.
    const english = await open();
    expect(english.url.pathname).not.toBe(german.url.pathname);
    expect(english.html).toContain("Card number");
    expect(english.html).toContain("Pay €238.00");
    // The same language again within the hour: the same checkout.
    expect((await open("de")).url.pathname).toBe(german.url.pathname);
  });

  it("mails the invoice with a pay link, refuses a declined card and takes a good one", async () => {
    const { invoice, token, mail } = await sentInvoice();
    expect(mail.to).toBe("ap@fleet.test");
    expect(mail.attachments?.[0]).toMatchObject({
      filename: `${invoice.number}.pdf`,
      contentType: "application/pdf",
    });
    let shown = await page(token);
    expect(shown).toMatchObject({
      state: "active",
      invoice: { number: invoice.number, open: 23_800, paymentStatus: "invoiced" },
      methods: ["card", "paypal", "instant_transfer", "bank_transfer", "counter"],
      lastFailure: null,
    });
    expect(isValidCreditorReference(shown.bankTransfer.reference)).toBe(true);
    expect(shown.bankTransfer.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await t.app.inject({ url: `/api/v1/pay/${token}/pdf` })).headers["content-type"]).toBe(
      "application/pdf",
    );
    expect((await t.app.inject({ url: `/api/v1/pay/${"x".repeat(43)}` })).statusCode).toBe(404);

    const declined = await sandboxPay(token, "card", "4000 0000 0000 0002");
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe(`http://pitlane.test/pay/${token}`);
    shown = await page(token);
    expect(shown).toMatchObject({
      lastFailure: "Your card was declined.",
      // The page says it in its reader's language from the code, not in the provider's English.
      lastFailureCode: "card_declined",
      invoice: { paymentStatus: "invoiced" },
    });

    const paid = await sandboxPay(token, "card", "4242 4242 4242 4242");
    expect(paid.headers.location).toBe(`http://pitlane.test/pay/${token}?paid=1`);
    shown = await page(token);
    expect(shown).toMatchObject({
      lastFailure: null,
      invoice: { paymentStatus: "paid", open: 0 },
      bankTransfer: null,
    });
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("paid");
    // The advisor who sent it hears, the customer gets a receipt.
    const bell = (await advisor("GET", "/api/v1/notifications")).json();
    expect(bell.items[0]).toMatchObject({ kind: "invoice-paid", title: `${invoice.number}: paid` });
    const [receipt] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.subject, `Payment received for invoice ${invoice.number}`));
    expect(receipt?.text).toContain("€238.00");
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "paypal" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("cancels a payment link, after which the page says so", async () => {
    const { invoice, token } = await sentInvoice();
    expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/payment-link/cancel`)).statusCode).toBe(
      204,
    );
    expect((await page(token)).state).toBe("cancelled");
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    expect(checkout.statusCode).toBe(410);
  });

  it("shows the payment link's state: sent to whom, first opened, cancelled by whom; a second cancel is a 409; a new send works", async () => {
    const { invoice, token } = await sentInvoice();
    let shown = await invoiceOf(invoice.id);
    expect(shown.paymentLink).toMatchObject({
      state: "active",
      sentTo: "ap@fleet.test",
      openedAt: null,
      cancelledAt: null,
      cancelledBy: null,
    });
    // The shop looking through the link does not count as the customer opening it.
    await advisor("GET", `/api/v1/pay/${token}`);
    expect((await invoiceOf(invoice.id)).paymentLink.openedAt).toBeNull();
    await page(token);
    const opened = (await invoiceOf(invoice.id)).paymentLink.openedAt;
    expect(opened).toEqual(expect.any(String));
    await page(token);
    // The first opening is kept.
    expect((await invoiceOf(invoice.id)).paymentLink.openedAt).toBe(opened);

    expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/payment-link/cancel`)).statusCode).toBe(
      204,
    );
    shown = await invoiceOf(invoice.id);
    expect(shown.paymentLink).toMatchObject({
      state: "cancelled",
      openedAt: opened,
      cancelledAt: expect.any(String),
      cancelledBy: expect.stringMatching(/^service_advisor /),
    });
    const again = await advisor("POST", `/api/v1/invoices/${invoice.id}/payment-link/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    expect(again.json().detail).toMatch(/no payment link to cancel/);

    // Sent again after the cancel: a new, working link.
    expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, {})).statusCode).toBe(200);
    expect((await invoiceOf(invoice.id)).paymentLink).toMatchObject({
      state: "active",
      openedAt: null,
      cancelledAt: null,
    });
  });

  it("shows an expired link as expired, refuses to cancel it, and a new send gives a working one", async () => {
    const { invoice, token } = await sentInvoice();
    await t.database.db
      .update(customerLinks)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(customerLinks.subjectId, invoice.id));
    expect((await invoiceOf(invoice.id)).paymentLink.state).toBe("expired");
    expect((await page(token)).state).toBe("expired");
    expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/payment-link/cancel`)).statusCode).toBe(
      409,
    );
    expect((await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, {})).statusCode).toBe(200);
    expect((await invoiceOf(invoice.id)).paymentLink.state).toBe("active");
  });
});

describe("Send invoice with a due date and a note", () => {
  it("stores the due date it is sent with (invoice, list, PDF terms, mail) and puts the note in the mail", async () => {
    const { invoice } = await sentInvoice();
    const dueDate = "2027-01-31";
    const sent = await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, {
      dueDate,
      note: "Please pay by bank transfer.",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ to: "ap@fleet.test", dueDate });
    expect((await invoiceOf(invoice.id)).dueDate).toBe(dueDate);
    const list = (await accounting("GET", `/api/v1/invoices?q=${invoice.number}`)).json();
    expect(list.items[0]).toMatchObject({ id: invoice.id, dueDate });
    const mails = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Invoice ${invoice.number} %`));
    const last = mails.find((m) => m.text.includes("bank transfer"))!;
    expect(last.text).toContain("due on 31 Jan 2027");
    expect(last.text).toContain("Please pay by bank transfer.");
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, invoice.id), eq(auditEvents.action, "send")));
    expect(audit.at(-1)?.data).toMatchObject({ dueDate });
  });

  it("refuses a due date before the invoice date, or not a date, naming the field", async () => {
    const { invoice } = await sentInvoice();
    const early = await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, { dueDate: "2020-01-01" });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([
      { field: "dueDate", message: expect.stringMatching(/invoice date/) },
    ]);
    const bad = await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, { dueDate: "31.01.2027" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("dueDate");
    expect((await invoiceOf(invoice.id)).dueDate).toBe(invoice.dueDate);
  });
});

describe("webhook processing", () => {
  const sandboxEvent = async (token: string) => {
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "paypal" },
    });
    const sessionId = new URL(checkout.json().url).pathname.split("/").pop()!;
    return (id: string, overrides: Record<string, unknown> = {}) =>
      JSON.stringify({
        id,
        type: "checkout.succeeded",
        created: Math.floor(Date.now() / 1000),
        data: {
          sessionId,
          reference: `pay_${sessionId}`,
          amount: 23_800,
          currency: "EUR",
          method: "paypal",
          ...overrides,
        },
      });
  };
  const deliver = (raw: string, signature?: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/sandbox",
      headers: {
        "content-type": "application/json",
        "pitlane-sandbox-signature": signature ?? signSandbox(raw),
      },
      payload: raw,
    });
  const signSandbox = (raw: string) => new SandboxProvider(sandboxSecret, "").sign(raw);

  it("records ten deliveries of one event once, and refuses a bad signature without a change", async () => {
    const { invoice, token } = await sentInvoice();
    const event = await sandboxEvent(token);
    const raw = event("evt_sbx_dup");
    const forged = await deliver(raw, `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().type).toBe("/problems/bad-signature");
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("invoiced");

    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(raw)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(results.map((r) => r.json().outcome).sort()).toEqual([...Array(9).fill("duplicate"), "recorded"]);
    const ledger = await t.database.db
      .select()
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoice.id));
    expect(ledger).toHaveLength(1);
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("paid");
  });

  it("flags a payment whose amount does not match and never marks the invoice paid", async () => {
    const { invoice, token } = await sentInvoice();
    const event = await sandboxEvent(token);
    const res = await deliver(event("evt_sbx_short", { amount: 100 }));
    expect(res.json().outcome).toBe("flagged");
    const [stored] = await t.database.db
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventId, "evt_sbx_short"));
    expect(stored).toMatchObject({ invoiceId: invoice.id, detail: "paid 100 EUR, checkout asked 23800 EUR" });
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("invoiced");
  });
});

describe("signed events with a body that cannot be used", () => {
  const sandbox = new SandboxProvider(sandboxSecret, "");
  const deliverRaw = (raw: string, signature = sandbox.sign(raw)) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/sandbox",
      headers: { "content-type": "application/json", "pitlane-sandbox-signature": signature },
      payload: raw,
    });
  const malformedRows = () =>
    t.database.db.select().from(providerEvents).where(eq(providerEvents.outcome, "malformed"));
  const bellOf = (userId: string) =>
    t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, userId), eq(notifications.kind, "payment-event-malformed")));

  it.each([
    ["not JSON", "{not json", "body", "the body is not JSON"],
    ["a JSON array", "[1,2,3]", "body", "the body is not a JSON object"],
    [
      "no id",
      JSON.stringify({ type: "checkout.succeeded", data: { sessionId: "sbx_cs_x" } }),
      "id",
      "the field id is missing",
    ],
    [
      "no data",
      JSON.stringify({ id: "evt_sbx_nodata", type: "checkout.succeeded" }),
      "data",
      "the field data is missing",
    ],
    [
      "data that is not an object",
      JSON.stringify({ id: "evt_sbx_strdata", type: "charge.refunded", data: "refund" }),
      "data",
      "the field data has a value that cannot be used",
    ],
    [
      "a refund without its total",
      JSON.stringify({
        id: "evt_sbx_nototal",
        type: "charge.refunded",
        data: { reference: "pay_x", currency: "EUR" },
      }),
      "data.refundedTotal",
      "the field data.refundedTotal is missing",
    ],
    [
      "a NUL character",
      JSON.stringify({
        id: "evt_sbx_nul",
        type: "checkout.failed",
        data: { sessionId: "sbx_cs_nul", message: "declined\u0000" },
      }),
      "data.message",
      "the field data.message holds a character no text may contain",
    ],
  ])(
    "stores a signed event with %s as malformed, answers 400 naming the field and tells admins and accounting once",
    async (_shape, raw, field, reason) => {
      const before = (await bellOf(shop.staff.accounting.id)).length;
      const res = await deliverRaw(raw);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({
        type: "/problems/malformed-event",
        errors: [{ field, message: reason }],
      });
      const stored = (await malformedRows()).filter(
        (r) => (r.payload as { body: string }).body === raw.replaceAll("\u0000", "\uFFFD"),
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ provider: "sandbox", outcome: "malformed", detail: reason });
      for (const role of ["admin", "accounting"] as const) {
        expect((await bellOf(shop.staff[role].id)).length, role).toBe(before + 1);
      }
      expect(await bellOf(shop.staff.service_advisor.id)).toHaveLength(0);

      // The provider retries the same body: still 400, stored and told once.
      expect((await deliverRaw(raw)).statusCode).toBe(400);
      expect((await malformedRows()).filter((r) => r.eventId === stored[0]!.eventId)).toHaveLength(1);
      expect((await bellOf(shop.staff.accounting.id)).length).toBe(before + 1);
    },
  );

  it("points the alert at the invoice when the broken event names its checkout, in the reader's language", async () => {
    await t.database.db
      .update(staffUsers)
      .set({ language: "de" })
      .where(eq(staffUsers.id, shop.staff.admin.id));
    const { invoice, token } = await sentInvoice();
    const sessionId = await checkoutSession(token, "paypal");
    const raw = JSON.stringify({
      id: "evt_sbx_noamount",
      type: "checkout.succeeded",
      data: { sessionId, reference: `pay_${sessionId}`, currency: "EUR", method: "paypal" },
    });
    const res = await deliverRaw(raw);
    expect(res.json().errors).toEqual([
      { field: "data.amount", message: "the field data.amount is missing" },
    ]);
    const [stored] = (await malformedRows()).filter((r) => r.invoiceId === invoice.id);
    expect(stored).toMatchObject({ type: "checkout.succeeded", organisationId: shop.organisationId });
    const [english] = await bellOf(shop.staff.accounting.id).then((n) =>
      n.filter((x) => x.link === `/invoices/${invoice.id}`),
    );
    expect(english).toMatchObject({
      title: `${invoice.number}: payment event unreadable`,
      body: "The payment sandbox sent a signed event (evt_sbx_noamount) that Pitlane cannot process: the field data.amount is missing. It was stored, not acted on. Please check the payment at the provider.",
    });
    const [german] = await bellOf(shop.staff.admin.id).then((n) =>
      n.filter((x) => x.link === `/invoices/${invoice.id}`),
    );
    expect(german).toMatchObject({
      title: `${invoice.number}: Zahlungsereignis nicht lesbar`,
      body: "Die Zahlungs-Sandbox hat ein signiertes Ereignis (evt_sbx_noamount) gesendet, das Pitlane nicht verarbeiten kann: das Feld data.amount fehlt. Es wurde gespeichert, aber nicht gebucht. Bitte prüfen Sie die Zahlung beim Anbieter.",
    });
    // Nothing was acted on, and the event's own id stays free for a good delivery of it.
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("invoiced");
    const good = JSON.stringify({
      id: "evt_sbx_noamount",
      type: "checkout.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: { sessionId, reference: `pay_${sessionId}`, amount: 23_800, currency: "EUR", method: "paypal" },
    });
    expect((await deliverRaw(good)).json()).toEqual({ received: true, outcome: "recorded" });
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("paid");
    await t.database.db
      .update(staffUsers)
      .set({ language: "en" })
      .where(eq(staffUsers.id, shop.staff.admin.id));
  });

  it("ignores a well-formed event of a type it does not handle, and keeps nothing of a forged broken one", async () => {
    const unknown = JSON.stringify({ id: "evt_sbx_unknown", type: "payout.paid", data: { amount: 1 } });
    expect((await deliverRaw(unknown)).json()).toEqual({ received: true, outcome: "ignored" });
    const before = (await malformedRows()).length;
    const bell = (await bellOf(shop.staff.accounting.id)).length;
    const forged = await deliverRaw("{not json", `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().type).toBe("/problems/bad-signature");
    const unsigned = await t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/sandbox",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ type: "checkout.succeeded" }),
    });
    expect(unsigned.json().type).toBe("/problems/bad-signature");
    expect(await malformedRows()).toHaveLength(before);
    expect(await bellOf(shop.staff.accounting.id)).toHaveLength(bell);
  });
});

describe("Stripe", () => {
  const stripe = new Stripe("sk_test_pitlane");
  /** Signed as Stripe signs: an event, or any body at all. */
  const deliverStripe = (event: object | string) => {
    const payload = typeof event === "string" ? event : JSON.stringify(event);
    return t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/stripe",
      headers: {
        "content-type": "application/json",
        "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret }),
      },
      payload,
    });
  };
  const session = (id: string, fields: Record<string, unknown>) => ({
    id,
    object: "checkout.session",
    amount_total: 23_800,
    currency: "eur",
    payment_intent: `pi_${id}`,
    payment_method_types: ["card"],
    ...fields,
  });
  const event = (id: string, type: string, object: object) => ({
    id,
    object: "event",
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
  });

  it("opens a Checkout Session with the amount, the invoice in the metadata and an idempotency key", async () => {
    await t.database.db
      .update(locations)
      .set({ paymentProvider: "stripe" })
      .where(eq(locations.id, shop.locationId));
    const { invoice, token } = await sentInvoice();
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    expect(checkout.statusCode, checkout.body).toBe(200);
    expect(checkout.json().url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const sent = stripeRequests.at(-1)!;
    expect(sent.path).toBe("/v1/checkout/sessions");
    expect(sent.idempotencyKey).toMatch(/^pss_/);
    expect(Object.fromEntries(sent.body)).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "23800",
      "line_items[0][price_data][currency]": "eur",
      "metadata[invoiceId]": invoice.id,
      "allowed_payment_method_types[0]": "card",
    });
    // A second click goes back to the same checkout.
    const twice = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    expect(twice.json().url).toBe(checkout.json().url);
    expect(stripeRequests.filter((r) => r.body.get("metadata[invoiceId]") === invoice.id)).toHaveLength(1);

    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/stripe",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=abc" },
      payload: JSON.stringify(
        event("evt_forged", "checkout.session.completed", session("cs_x", { payment_status: "paid" })),
      ),
    });
    expect(bad.statusCode).toBe(400);

    const sessionId = new URL(checkout.json().url).pathname.split("/").pop()!;
    // Out of order: the async success arrives before the completion; one payment either way.
    const succeeded = await deliverStripe(
      event(
        "evt_async_ok",
        "checkout.session.async_payment_succeeded",
        session(sessionId, { payment_status: "paid" }),
      ),
    );
    expect(succeeded.json().outcome).toBe("recorded");
    const completed = await deliverStripe(
      event("evt_completed", "checkout.session.completed", session(sessionId, { payment_status: "paid" })),
    );
    expect(completed.json()).toMatchObject({ outcome: "recorded" });
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("paid");
    const ledger = await t.database.db
      .select()
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoice.id));
    expect(ledger).toHaveLength(1);

    // A partial refund, reported twice (and once more out of order), counts once.
    const charge = (refunded: number) => ({
      id: "ch_1",
      object: "charge",
      amount: 23_800,
      amount_refunded: refunded,
      currency: "eur",
      payment_intent: `pi_${sessionId}`,
      refunded: refunded === 23_800,
    });
    expect(
      (await deliverStripe(event("evt_refund_2", "charge.refunded", charge(5_000)))).json().outcome,
    ).toBe("recorded");
    await deliverStripe(event("evt_refund_2", "charge.refunded", charge(5_000)));
    expect(
      (await deliverStripe(event("evt_refund_1", "charge.refunded", charge(2_000)))).json().outcome,
    ).toBe("recorded");
    const refunds = await t.database.db
      .select()
      .from(invoicePayments)
      .where(and(eq(invoicePayments.invoiceId, invoice.id), eq(invoicePayments.kind, "refund")));
    expect(refunds.map((r) => r.amount)).toEqual([5_000]);
    expect(await invoiceOf(invoice.id)).toMatchObject({ paymentStatus: "partially_paid", open: 5_000 });
  });

  it("acts on a refund that arrives before its payment once the payment is recorded", async () => {
    const { invoice, token } = await sentInvoice();
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    const sessionId = new URL(checkout.json().url).pathname.split("/").pop()!;
    const refund = await deliverStripe(
      event("evt_early_refund", "charge.refunded", {
        id: "ch_early",
        object: "charge",
        amount: 23_800,
        amount_refunded: 23_800,
        currency: "eur",
        payment_intent: `pi_${sessionId}`,
        refunded: true,
      }),
    );
    expect(refund.json().outcome).toBe("unmatched");
    const paid = await deliverStripe(
      event("evt_late_payment", "checkout.session.completed", session(sessionId, { payment_status: "paid" })),
    );
    expect(paid.json().outcome).toBe("recorded");
    // Paid and refunded in full: nothing received, the invoice is open again.
    expect(await invoiceOf(invoice.id)).toMatchObject({
      paymentStatus: "invoiced",
      received: 0,
      open: 23_800,
    });
    const [parked] = await t.database.db
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventId, "evt_early_refund"));
    expect(parked?.outcome).toBe("recorded");
  });

  it("stores a signed Stripe event it cannot read as malformed, and finds the invoice from the payment intent", async () => {
    const notJson = await deliverStripe("<html>502 Bad Gateway</html>");
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ type: "/problems/malformed-event", errors: [{ field: "body" }] });
    const noData = await deliverStripe(
      JSON.stringify({ id: "evt_nodata", object: "event", type: "charge.refunded" }),
    );
    expect(noData.json().errors).toEqual([{ field: "data", message: "the field data is missing" }]);
    const noObject = await deliverStripe(
      JSON.stringify({ id: "evt_noobject", type: "charge.refunded", data: {} }),
    );
    expect(noObject.json().errors[0].field).toBe("data.object");

    // A refund whose amount is text: the payment intent says whose payment it was.
    const { invoice, token } = await sentInvoice();
    const sessionId = await checkoutSession(token, "card");
    await deliverStripe(
      event(
        "evt_paid_before_bad",
        "checkout.session.completed",
        session(sessionId, { payment_status: "paid" }),
      ),
    );
    const bad = await deliverStripe(
      JSON.stringify(
        event("evt_bad_refund", "charge.refunded", {
          id: "ch_bad",
          object: "charge",
          amount_refunded: "all of it",
          currency: "eur",
          payment_intent: `pi_${sessionId}`,
        }),
      ),
    );
    expect(bad.json().errors).toEqual([
      {
        field: "data.object.amount_refunded",
        message: "the field data.object.amount_refunded has a value that cannot be used",
      },
    ]);
    const [stored] = await t.database.db
      .select()
      .from(providerEvents)
      .where(
        and(
          eq(providerEvents.provider, "stripe"),
          eq(providerEvents.invoiceId, invoice.id),
          eq(providerEvents.outcome, "malformed"),
        ),
      );
    expect(stored).toMatchObject({ type: "charge.refunded" });
    const [told] = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, shop.staff.accounting.id),
          eq(notifications.link, `/invoices/${invoice.id}`),
        ),
      );
    expect(told?.body).toContain("Stripe sent a signed event (evt_bad_refund)");
    expect(await invoiceOf(invoice.id)).toMatchObject({ paymentStatus: "paid", open: 0 });
  });

  it("caps a refund at what its payment brought, flags the excess for review, and lets staff mark it reviewed", async () => {
    const { invoice, token } = await sentInvoice();
    const sessionId = await checkoutSession(token, "card");
    await deliverStripe(
      event(
        "evt_paid_big_refund",
        "checkout.session.completed",
        session(sessionId, { payment_status: "paid" }),
      ),
    );
    const charge = (refunded: number) => ({
      id: "ch_big",
      object: "charge",
      amount: 23_800,
      amount_refunded: refunded,
      currency: "eur",
      payment_intent: `pi_${sessionId}`,
      refunded: true,
    });
    const big = await deliverStripe(event("evt_big_refund", "charge.refunded", charge(30_000)));
    expect(big.json().outcome).toBe("flagged");
    const refunds = () =>
      t.database.db
        .select()
        .from(invoicePayments)
        .where(and(eq(invoicePayments.invoiceId, invoice.id), eq(invoicePayments.kind, "refund")));
    expect((await refunds()).map((r) => r.amount)).toEqual([23_800]);
    // Never more open than the gross: what came in went back, no more.
    const shown = await invoiceOf(invoice.id);
    expect(shown).toMatchObject({ paymentStatus: "invoiced", received: 0, open: 23_800 });
    expect(shown.paymentReviews).toEqual([
      {
        id: expect.stringMatching(/^prv_/),
        kind: "refund-excess",
        amount: 6_200,
        currency: "EUR",
        source: "stripe",
        reference: `pi_${sessionId}`,
        reportedTotal: 30_000,
        paymentAmount: 23_800,
        createdAt: expect.any(String),
      },
    ]);
    const told = async (userId: string) =>
      t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, userId), eq(notifications.kind, "refund-excess")));
    expect(await told(shop.staff.accounting.id)).toMatchObject([
      {
        title: `${invoice.number}: refund larger than the payment`,
        body: "Stripe reports €300.00 refunded in total on a payment of €238.00. At most the payment is counted; €62.00 beyond it is flagged for review.",
        link: `/invoices/${invoice.id}`,
      },
    ]);
    expect(await told(shop.staff.admin.id)).toHaveLength(1);

    // The same total in another event adds nothing and tells nobody again; a higher one flags its growth.
    expect(
      (await deliverStripe(event("evt_big_again", "charge.refunded", charge(30_000)))).json().outcome,
    ).toBe("recorded");
    expect(await told(shop.staff.accounting.id)).toHaveLength(1);
    expect((await deliverStripe(event("evt_bigger", "charge.refunded", charge(31_000)))).json().outcome).toBe(
      "flagged",
    );
    expect((await refunds()).map((r) => r.amount)).toEqual([23_800]);
    const flagged = (await invoiceOf(invoice.id)).paymentReviews;
    expect(flagged.map((r: { amount: number }) => r.amount)).toEqual([6_200, 1_000]);
    expect(await invoiceOf(invoice.id)).toMatchObject({ open: 23_800, received: 0 });

    // Marking one reviewed: accounting may, a technician may not; twice is a conflict.
    const resolve = (who: Client, reviewId: string) =>
      who("POST", `/api/v1/invoices/${invoice.id}/payment-reviews/${reviewId}/resolve`, {
        note: "Stripe support: a duplicate report",
      });
    const technician = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect((await resolve(technician, flagged[0].id)).statusCode).toBe(403);
    const otherShop = await createShop(t.database.db, "Other shop");
    const stranger = client(t.app, await signIn(t.app, otherShop.staff.accounting.email));
    expect((await resolve(stranger, flagged[0].id)).statusCode).toBe(404);
    expect((await resolve(accounting, flagged[0].id)).statusCode).toBe(204);
    expect((await resolve(accounting, flagged[0].id)).statusCode).toBe(409);
    expect((await resolve(accounting, "prv_nothere")).statusCode).toBe(404);
    expect((await invoiceOf(invoice.id)).paymentReviews.map((r: { amount: number }) => r.amount)).toEqual([
      1_000,
    ]);
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, invoice.id), eq(auditEvents.action, "resolve-payment-review")));
    expect(audited).toMatchObject({
      actorId: shop.staff.accounting.id,
      note: "Stripe support: a duplicate report",
    });
  });

  it("keeps an unpaid completion (a bank debit) pending until the bank confirms, and records a failure", async () => {
    const { invoice, token } = await sentInvoice();
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "instant_transfer" },
    });
    const sessionId = new URL(checkout.json().url).pathname.split("/").pop()!;
    const pending = await deliverStripe(
      event("evt_pending", "checkout.session.completed", session(sessionId, { payment_status: "unpaid" })),
    );
    expect(pending.json().outcome).toBe("pending");
    const failed = await deliverStripe(
      event(
        "evt_failed",
        "checkout.session.async_payment_failed",
        session(sessionId, { payment_status: "unpaid" }),
      ),
    );
    expect(failed.json().outcome).toBe("failed");
    expect((await invoiceOf(invoice.id)).paymentStatus).toBe("invoiced");
    expect((await page(token)).lastFailure).toBe("The bank did not complete the payment.");
    expect((await page(token)).lastFailureCode).toBe("not_completed");
    await t.database.db
      .update(locations)
      .set({ paymentProvider: "sandbox" })
      .where(eq(locations.id, shop.locationId));
  });
});

describe("payment settings", () => {
  it("lets an admin choose the provider and the methods the payment page offers", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const location = (await admin("GET", "/api/v1/settings/location")).json();
    expect(location).toMatchObject({
      paymentProvider: "sandbox",
      paymentMethods: expect.arrayContaining(["card"]),
    });
    const none = await admin("PATCH", "/api/v1/settings/location", {
      paymentMethods: [],
      version: location.version,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe("paymentMethods");
    const changed = await admin("PATCH", "/api/v1/settings/location", {
      paymentMethods: ["bank_transfer", "counter"],
      version: location.version,
    });
    expect(changed.json().paymentMethods).toEqual(["bank_transfer", "counter"]);
    const { token } = await sentInvoice();
    expect((await page(token)).methods).toEqual(["bank_transfer", "counter"]);
    const card = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    expect(card.statusCode).toBe(422);
    await admin("PATCH", "/api/v1/settings/location", {
      paymentMethods: ["card", "paypal", "instant_transfer", "bank_transfer", "counter"],
      version: changed.json().version,
    });
  });
});

describe("the shop's logo", () => {
  it("shows the logo an admin uploaded on the payment page", async () => {
    const adminSession = await signIn(t.app, shop.staff.admin.email);
    const upload = (file: Buffer) => {
      const boundary = "----logo";
      return t.app.inject({
        method: "PUT",
        url: "/api/v1/settings/logo",
        headers: {
          cookie: adminSession.cookie,
          "x-csrf-token": adminSession.csrfToken,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const { token } = await sentInvoice();
    expect((await page(token)).shop.logoUrl).toBeNull();
    expect((await upload(Buffer.from("not an image"))).statusCode).toBe(415);
    const logo = await sharp({ create: { width: 1200, height: 300, channels: 4, background: "#1864ab" } })
      .png()
      .toBuffer();
    const uploaded = await upload(logo);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toEqual({ width: 480, height: 120 });
    const shown = await page(token);
    expect(shown.shop.logoUrl).toBe(`/api/v1/pay/${token}/logo`);
    const image = await t.app.inject({ url: shown.shop.logoUrl });
    expect(image.headers["content-type"]).toBe("image/png");
    expect((await sharp(image.rawPayload).metadata()).width).toBe(480);
  });
});

describe("at the counter and the handover", () => {
  it("takes a partial payment, asks before handing over unpaid, and closes the case when paid, delivered and booked", async () => {
    const { invoice } = await sentInvoice();
    const tooMuch = await accounting("POST", `/api/v1/invoices/${invoice.id}/payments`, {
      amount: 30_000,
      method: "cash",
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].field).toBe("amount");
    await accounting("POST", `/api/v1/invoices/${invoice.id}/payments`, {
      amount: 10_000,
      method: "card_terminal",
      reference: "Beleg 4711",
    });
    expect(await invoiceOf(invoice.id)).toMatchObject({ paymentStatus: "partially_paid", open: 13_800 });

    const unconfirmed = await accounting("POST", `/api/v1/invoices/${invoice.id}/deliver`, {
      deliveredTo: "Frank Flotte",
    });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().errors[0].field).toBe("confirmUnpaid");
    await accounting("POST", `/api/v1/invoices/${invoice.id}/payments`, { amount: 13_800, method: "cash" });
    expect(
      (await accounting("POST", `/api/v1/invoices/${invoice.id}/deliver`, { deliveredTo: "Frank Flotte" }))
        .statusCode,
    ).toBe(204);
    expect((await invoiceOf(invoice.id)).closed).toBe(false);
    expect((await accounting("POST", `/api/v1/invoices/${invoice.id}/book`)).statusCode).toBe(204);
    expect(await invoiceOf(invoice.id)).toMatchObject({
      paymentStatus: "paid",
      closed: true,
      deliveredTo: "Frank Flotte",
    });
    expect((await accounting("POST", `/api/v1/invoices/${invoice.id}/book`)).statusCode).toBe(409);

    // Handed over unpaid, after confirming.
    const unpaid = (await sentInvoice()).invoice;
    const confirmed = await accounting("POST", `/api/v1/invoices/${unpaid.id}/deliver`, {
      deliveredTo: "Frank Flotte",
      confirmUnpaid: true,
    });
    expect(confirmed.statusCode).toBe(204);

    // The dashboard's filters.
    const ids = async (filter: string) =>
      (await accounting("GET", `/api/v1/invoices?filter=${filter}&limit=100`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids("closed")).toEqual([invoice.id]);
    expect(await ids("delivered_unpaid")).toEqual([unpaid.id]);
    expect(await ids("open")).toContain(unpaid.id);
    expect(await ids("open")).not.toContain(invoice.id);
    // Paid online earlier in this file and still waiting for pick-up.
    const ready = await ids("paid_ready");
    expect(ready.length).toBeGreaterThan(0);
    expect(ready).not.toContain(invoice.id);
    const list = (await accounting("GET", "/api/v1/invoices?limit=1")).json();
    expect(list.summary.currency).toBe("EUR");
    expect(list.summary.paidToday).toBeGreaterThanOrEqual(23_800 * 2);
    expect(list.summary.openTotal).toBeGreaterThanOrEqual(23_800);
  });
});
