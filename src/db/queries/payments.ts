// Reads of a provider's payments: the checkout and the ledger entry a provider event refers to
// (by the provider's own ids, both under unique keys), shared by the event processing and the
// recording of events that cannot be read.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { invoicePayments, paymentSessions } from "../schema";

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
