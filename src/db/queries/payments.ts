// Reads of a provider's payments: the checkout and the ledger entry a provider event refers to
// (by the provider's own ids, both under unique keys), what of a payment's refunds is accounted
// for, and the reviews an invoice has open.
import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { invoicePayments, paymentReviews, paymentSessions } from "../schema";

/** The checkout a provider's session id belongs to. */
export async function providerSession(db: DbOrTx, provider: string, sessionId: string) {
  const [session] = await db
    .select()
    .from(paymentSessions)
    .where(and(eq(paymentSessions.provider, provider), eq(paymentSessions.providerSessionId, sessionId)));
  return session;
}

/** The payment (not a refund) recorded under a provider's payment id. */
export async function providerPayment(db: DbOrTx, provider: string, reference: string) {
  const [payment] = await db
    .select()
    .from(invoicePayments)
    .where(
      and(
        eq(invoicePayments.source, provider),
        eq(invoicePayments.kind, "payment"),
        eq(invoicePayments.reference, reference),
      ),
    );
  return payment;
}

/**
 * What of a provider payment's refunds is accounted for: the refunds in the ledger (each recorded
 * under `<reference>:<running total reported>`) and the highest running total reported so far,
 * whether recorded or flagged as beyond the payment (payment_reviews).
 */
export async function refundsAccountedFor(
  db: DbOrTx,
  payment: { invoiceId: string; source: string; reference: string },
): Promise<{ refunded: number; reportedBefore: number }> {
  const prefix = `${payment.reference}:`;
  const refunds = await db
    .select({ amount: invoicePayments.amount, reference: invoicePayments.reference })
    .from(invoicePayments)
    .where(
      and(
        // The invoice's index first; the payment's refunds among its few entries.
        eq(invoicePayments.invoiceId, payment.invoiceId),
        eq(invoicePayments.source, payment.source),
        eq(invoicePayments.kind, "refund"),
        sql`starts_with(${invoicePayments.reference}, ${prefix})`,
      ),
    );
  const [flagged] = await db
    .select({ total: max(paymentReviews.reportedTotal) })
    .from(paymentReviews)
    .where(and(eq(paymentReviews.source, payment.source), eq(paymentReviews.reference, payment.reference)));
  const recordedTotals = refunds.map((r) => Number(r.reference!.slice(prefix.length)) || 0);
  return {
    refunded: refunds.reduce((sum, r) => sum + r.amount, 0),
    reportedBefore: Math.max(0, flagged?.total ?? 0, ...recordedTotals),
  };
}

/** The invoice's reviews nobody has marked reviewed yet, oldest first. */
export async function openPaymentReviews(db: DbOrTx, invoiceId: string) {
  return db
    .select()
    .from(paymentReviews)
    .where(and(eq(paymentReviews.invoiceId, invoiceId), isNull(paymentReviews.resolvedAt)))
    .orderBy(asc(paymentReviews.createdAt), asc(paymentReviews.id));
}
