// The stored payment position (columns on invoices) is the derivation, always: over random sequences
// of what happens to an invoice — checkouts, provider payments and refunds through the signed sandbox
// webhook (duplicated, reordered, a refund before its payment, a refund larger than the payment —
// capped at the payment, the excess flagged), Paid POS, credit notes in part and in full — the
// projection equals `ledgerStanding` of the ledger rows read back after every step, equals what the
// database's set-based derivation (the one the refresh and the migrations' backfill write) computes,
// and the API shows `paymentPosition` of it.
import { and, eq, like } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshInvoiceProjections } from "../../src/app/invoices/refresh-invoice-projections";
import { derivedPositions, locationToday } from "../../src/db/queries/invoices";
import {
  invoicePayments,
  invoices,
  mailMessages,
  paymentReviews,
  paymentSessions,
} from "../../src/db/schema";
import { ledgerStanding, paymentPosition } from "../../src/domain/invoice-case";
import { SandboxProvider } from "../../src/integrations/payments/sandbox";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

const sandboxSecret = "sandbox-secret-for-projection-tests";
const sandbox = new SandboxProvider(sandboxSecret, "");

let t: TestApp;
let shop: Shop;
let accounting: Client;
beforeAll(async () => {
  t = await startTestApp({ PAYMENT_SANDBOX_SECRET: sandboxSecret });
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
});
afterAll(() => t.close());

const gross = 23_800;

/** An issued invoice of €238.00, sent (so it has a payment page); its id and the page's token. */
async function sentInvoice() {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId: shop.businessCustomerId,
    lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 20_000, taxRateBp: 1900 }],
    serviceDate: "2026-11-20",
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const id: string = draft.json().id;
  await expectProjected(id);
  const issued = await accounting("POST", `/api/v1/invoices/${id}/issue`);
  expect(issued.statusCode, issued.body).toBe(200);
  await expectProjected(id);
  const sent = await accounting("POST", `/api/v1/invoices/${id}/send`, { to: "ap@fleet.test" });
  expect(sent.statusCode, sent.body).toBe(200);
  const [mail] = await t.database.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.subject, `Invoice ${issued.json().number} %`));
  const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!;
  return { id, token };
}

/** The projection equals the domain's derivation from the ledger read back, and the database's. */
async function expectProjected(invoiceId: string) {
  const db = t.database.db;
  const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  const ledger = await db
    .select({
      kind: invoicePayments.kind,
      amount: invoicePayments.amount,
      currency: invoicePayments.currency,
    })
    .from(invoicePayments)
    .where(eq(invoicePayments.invoiceId, invoiceId));
  const credits = await db
    .select({ totals: invoices.totals })
    .from(invoices)
    .where(and(eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.status, "issued")));
  const facts = {
    issued: row!.status === "issued",
    gross: row!.totals.gross,
    currency: row!.currency,
    credited: credits.reduce((s, c) => s + c.totals.gross, 0),
    charges: row!.dunningCharges,
    dueDate: row!.dueDate,
  };
  const standing = ledgerStanding(facts, ledger);
  const stored = {
    invoiceId,
    paymentStatus: row!.paymentStatus,
    receivedAmount: row!.receivedAmount,
    creditedAmount: row!.creditedAmount,
    openAmount: row!.openAmount,
    overpaid: row!.overpaid,
    foreignCurrency: row!.foreignCurrency,
  };
  expect(stored).toEqual({
    invoiceId,
    paymentStatus: standing.status,
    receivedAmount: standing.received,
    creditedAmount: facts.credited,
    openAmount: standing.open,
    overpaid: standing.overpaid,
    foreignCurrency: standing.foreignCurrency,
  });
  const derived = (await derivedPositions(db, shop.locationId)).find((d) => d.invoiceId === invoiceId);
  expect(derived).toEqual(stored);
  // What the API shows is the domain's position as of today, "overdue" included.
  const position = paymentPosition(facts, ledger, await locationToday(db, shop.locationId));
  const shown = (await accounting("GET", `/api/v1/invoices/${invoiceId}`)).json();
  expect({
    paymentStatus: shown.paymentStatus,
    received: shown.received,
    open: shown.open,
    overpaid: shown.overpaid,
  }).toEqual({
    paymentStatus: position.status,
    received: position.received,
    open: position.open,
    overpaid: position.overpaid,
  });
  return stored;
}

const deliver = (event: object) => {
  const raw = JSON.stringify(event);
  return t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers: { "content-type": "application/json", "pitlane-sandbox-signature": sandbox.sign(raw) },
    payload: raw,
  });
};

/** A checkout from the payment page: the sandbox session and the amount it asks (what was open). */
async function checkout(token: string, method: string) {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/pay/${token}/checkout`,
    payload: { method },
  });
  if (res.statusCode !== 200) return null;
  const sessionId = new URL(res.json().url).pathname.split("/").pop()!;
  const [session] = await t.database.db
    .select()
    .from(paymentSessions)
    .where(eq(paymentSessions.providerSessionId, sessionId));
  return { sessionId, amount: session!.amount, method };
}

type Session = NonNullable<Awaited<ReturnType<typeof checkout>>>;
let eventSeq = 0;
const paymentEvent = (s: Session) => ({
  id: `evt_prop_${++eventSeq}`,
  type: "checkout.succeeded",
  created: Math.floor(Date.now() / 1000),
  data: {
    sessionId: s.sessionId,
    reference: `pay_${s.sessionId}`,
    amount: s.amount,
    currency: "EUR",
    method: s.method,
  },
});
const refundEvent = (s: Session, refundedTotal: number) => ({
  id: `evt_prop_${++eventSeq}`,
  type: "charge.refunded",
  created: Math.floor(Date.now() / 1000),
  data: {
    sessionId: s.sessionId,
    reference: `pay_${s.sessionId}`,
    amount: s.amount,
    currency: "EUR",
    method: s.method,
    refundedTotal,
  },
});

type RefundEvent = ReturnType<typeof refundEvent>;

/**
 * Refunds are capped at their payment: after every step no payment has more refunded than it
 * brought (so nothing received goes below zero and nothing open above what is owed), and what was
 * refunded plus what was flagged for review is the highest total the provider reported for it.
 */
async function expectCapped(invoiceId: string, refundsSent: RefundEvent[]) {
  const db = t.database.db;
  const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  expect(row!.openAmount).toBeLessThanOrEqual(Math.max(0, row!.totals.gross - row!.creditedAmount));
  expect(row!.receivedAmount).toBeGreaterThanOrEqual(0);
  const ledger = await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoiceId));
  const reviews = await db.select().from(paymentReviews).where(eq(paymentReviews.invoiceId, invoiceId));
  for (const payment of ledger.filter((e) => e.kind === "payment" && e.source === "sandbox")) {
    const refunded = ledger
      .filter((e) => e.kind === "refund" && e.reference?.startsWith(`${payment.reference}:`))
      .reduce((sum, e) => sum + e.amount, 0);
    const flagged = reviews
      .filter((r) => r.reference === payment.reference)
      .reduce((sum, r) => sum + r.amount, 0);
    const reported = Math.max(
      0,
      ...refundsSent.filter((e) => e.data.reference === payment.reference).map((e) => e.data.refundedTotal),
    );
    expect(refunded, `refunds of ${payment.reference}`).toBeLessThanOrEqual(payment.amount);
    expect(refunded + flagged, `refunds and flags of ${payment.reference}`).toBe(reported);
  }
}

const method = fc.constantFrom("card", "paypal", "instant_transfer");
const step = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("checkout" as const), method }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("pay" as const), session: fc.nat(5) }), weight: 3 },
  {
    // Refunds report the running total; a lower one than before is an older event arriving late,
    // and one above the payment is more than was paid (up to three times it): capped, the rest flagged.
    arbitrary: fc.record({
      kind: fc.constant("refund" as const),
      session: fc.nat(5),
      total: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 23_801, max: 3 * gross })),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("redeliver" as const), event: fc.nat(20) }), weight: 1 },
  {
    // Share of what is open; above 100 % the counter refuses it.
    arbitrary: fc.record({ kind: fc.constant("pos" as const), percent: fc.integer({ min: 1, max: 120 }) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("creditPart" as const),
      amount: fc.integer({ min: 1, max: 12_000 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("creditFull" as const) }), weight: 1 },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

async function run(steps: Step[]) {
  const { id, token } = await sentInvoice();
  const sessions: Session[] = [];
  const sent: object[] = [];
  const refundsSent: RefundEvent[] = [];
  for (const s of steps) {
    if (s.kind === "checkout") {
      const session = await checkout(token, s.method);
      if (session) sessions.push(session);
    } else if (s.kind === "pay" && sessions.length) {
      const event = paymentEvent(sessions[s.session % sessions.length]!);
      sent.push(event);
      expect((await deliver(event)).statusCode).toBe(200);
    } else if (s.kind === "refund" && sessions.length) {
      const event = refundEvent(sessions[s.session % sessions.length]!, s.total);
      sent.push(event);
      refundsSent.push(event);
      expect((await deliver(event)).statusCode).toBe(200);
    } else if (s.kind === "redeliver" && sent.length) {
      const again = await deliver(sent[s.event % sent.length]!);
      expect(again.json().outcome).toBe("duplicate");
    } else if (s.kind === "pos") {
      const [row] = await t.database.db.select().from(invoices).where(eq(invoices.id, id));
      const amount = Math.max(1, Math.round((row!.openAmount * s.percent) / 100));
      const res = await accounting("POST", `/api/v1/invoices/${id}/payments`, { amount, method: "cash" });
      expect(res.statusCode, res.body).toBe(amount <= row!.openAmount ? 204 : 422);
    } else if (s.kind === "creditPart") {
      await accounting("POST", `/api/v1/invoices/${id}/credit`, {
        lines: [{ description: "Goodwill", quantityMilli: 1000, unitPrice: s.amount, taxRateBp: 0 }],
      });
    } else if (s.kind === "creditFull") {
      await accounting("POST", `/api/v1/invoices/${id}/credit`, {});
    }
    await expectProjected(id);
    await expectCapped(id, refundsSent);
  }
}

describe("the invoice's stored payment position", () => {
  it("equals the derivation from the ledger after every step of random payment histories", async () => {
    const seed = Number(process.env.PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    console.log(`invoice projection property: seed ${seed} (PROPERTY_SEED=${seed} to replay)`);
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), run), {
      seed,
      numRuns: 30,
    });
    // Every invoice and credit note of the shop, and nothing for a refresh to correct.
    const db = t.database.db;
    const stored = await db.select().from(invoices).where(eq(invoices.locationId, shop.locationId));
    const derived = await derivedPositions(db, shop.locationId);
    expect(derived).toHaveLength(stored.length);
    for (const row of stored) {
      expect(derived.find((d) => d.invoiceId === row.id)).toMatchObject({
        paymentStatus: row.paymentStatus,
        receivedAmount: row.receivedAmount,
        creditedAmount: row.creditedAmount,
        openAmount: row.openAmount,
        overpaid: row.overpaid,
      });
    }
    expect(await refreshInvoiceProjections(db, { locationId: shop.locationId })).toEqual({ changed: 0 });
  }, 120_000);

  it("loses no payment when payments for one invoice arrive at the same moment", async () => {
    const online = await sentInvoice();
    const sessions: Session[] = [];
    for (const m of ["card", "paypal", "instant_transfer"]) sessions.push((await checkout(online.token, m))!);
    const outcomes = await Promise.all(sessions.map((s) => deliver(paymentEvent(s))));
    expect(outcomes.map((r) => r.json().outcome)).toEqual(["recorded", "recorded", "recorded"]);
    expect(await expectProjected(online.id)).toMatchObject({
      paymentStatus: "paid",
      receivedAmount: 3 * gross,
      overpaid: true,
    });
    // Refunds of two payments at once, each reported twice.
    await Promise.all(
      sessions.slice(0, 2).flatMap((s) => [deliver(refundEvent(s, gross)), deliver(refundEvent(s, gross))]),
    );
    expect(await expectProjected(online.id)).toMatchObject({ receivedAmount: gross, overpaid: false });

    // At the counter: five payments at once, each checked against what is open after the others.
    const counter = await sentInvoice();
    const paid = await Promise.all(
      Array.from({ length: 5 }, () =>
        accounting("POST", `/api/v1/invoices/${counter.id}/payments`, { amount: 6_000, method: "cash" }),
      ),
    );
    expect(paid.map((r) => r.statusCode).sort()).toEqual([204, 204, 204, 422, 422]);
    expect(await expectProjected(counter.id)).toMatchObject({
      paymentStatus: "partially_paid",
      receivedAmount: 18_000,
      openAmount: gross - 18_000,
    });
  });

  it("refreshes positions written around the app (a bulk load) to the derivation", async () => {
    const { id } = await sentInvoice();
    const db = t.database.db;
    // What a bulk load leaves: a ledger entry, and the position as it was before it.
    await db.insert(invoicePayments).values({
      id: `pay_bulk_${id}`,
      organisationId: shop.organisationId,
      locationId: shop.locationId,
      invoiceId: id,
      kind: "payment",
      amount: 5_000,
      currency: "EUR",
      method: "bank_transfer",
      source: "bulk",
      reference: `bulk_${id}`,
    });
    await db.update(invoices).set({ paymentStatus: "paid", openAmount: 0 }).where(eq(invoices.id, id));
    expect(await refreshInvoiceProjections(db, { locationId: shop.locationId })).toEqual({ changed: 1 });
    expect(await expectProjected(id)).toMatchObject({
      paymentStatus: "partially_paid",
      receivedAmount: 5_000,
      openAmount: gross - 5_000,
    });
    expect(await refreshInvoiceProjections(db)).toEqual({ changed: 0 });
  });

  it("counts reminders' charges as owed on top of the gross, in the app's derivation and the SQL one", async () => {
    const { id } = await sentInvoice();
    const db = t.database.db;
    await db.update(invoices).set({ dunningCharges: 4_250 }).where(eq(invoices.id, id));
    expect(await refreshInvoiceProjections(db, { locationId: shop.locationId })).toEqual({ changed: 1 });
    expect(await expectProjected(id)).toMatchObject({ paymentStatus: "invoiced", openAmount: gross + 4_250 });
    // Paying the gross alone leaves the charges open; paying them too settles the invoice.
    await db.insert(invoicePayments).values({
      id: `pay_charges_${id}`,
      organisationId: shop.organisationId,
      locationId: shop.locationId,
      invoiceId: id,
      kind: "payment",
      amount: gross,
      currency: "EUR",
      method: "bank_transfer",
      source: "bulk",
      reference: `charges_${id}`,
    });
    await refreshInvoiceProjections(db, { locationId: shop.locationId });
    expect(await expectProjected(id)).toMatchObject({ paymentStatus: "partially_paid", openAmount: 4_250 });
  });
});
