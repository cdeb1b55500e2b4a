// Provider events, processed once each: the event is stored under (provider, event id) in the same
// transaction that acts on it, so a repeated delivery finds it and does nothing. Payments and refunds
// go into the invoice's ledger (unique per provider reference, so "completed" and "async succeeded"
// for one payment count once); the amount and currency are checked against what the checkout asked
// for — a mismatch is flagged for review and never marks the invoice paid. A refund counts at most
// what its payment brought; a report beyond that is flagged for review (flag-refund-excess.ts).
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { lockInvoice } from "../../db/queries/invoices";
import { providerPayment, providerSession, refundsAccountedFor } from "../../db/queries/payments";
import { invoicePayments, paymentSessions, providerEvents } from "../../db/schema";
import { newId } from "../../domain/ids";
import { refundToRecord } from "../../domain/invoice-case";
import type { ProviderEvent } from "../../integrations/payments/port";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordPosition } from "../invoices/record-position";
import {
  recordIntegrationEvent,
  recordPaymentEvents,
} from "../support/integrations/record-integration-event";
import { afterPayment, announce } from "../support/payments/after-payment";
import { flagRefundExcess } from "./flag-refund-excess";

export const eventOutcomes = [
  "duplicate",
  "recorded",
  "flagged",
  "failed",
  "pending",
  "ignored",
  "unmatched",
] as const;

export type EventOutcome = (typeof eventOutcomes)[number];

export async function processProviderEvent(
  db: Db,
  ctx: NotifyContext,
  provider: string,
  event: ProviderEvent,
  payload: unknown,
): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(providerEvents)
      .values({
        provider,
        eventId: event.eventId,
        type: event.type,
        outcome: "processing",
        // The provider's own payload, and what it meant, so a parked event can be acted on later.
        payload: { raw: payload, event } as object,
      })
      .onConflictDoNothing()
      .returning({ eventId: providerEvents.eventId });
    if (!stored) return "duplicate";
    const { outcome, invoiceId, organisationId, detail } = await act(tx, ctx, provider, event);
    await tx
      .update(providerEvents)
      .set({ outcome, invoiceId, organisationId, detail })
      .where(and(eq(providerEvents.provider, provider), eq(providerEvents.eventId, event.eventId)));
    return outcome;
  });
}

interface Acted {
  outcome: EventOutcome;
  invoiceId: string | null;
  organisationId: string | null;
  detail: string | null;
}

async function act(tx: DbOrTx, ctx: NotifyContext, provider: string, event: ProviderEvent): Promise<Acted> {
  const none = { invoiceId: null, organisationId: null, detail: null };
  if (event.kind === "ignored") return { outcome: "ignored", ...none };

  if (event.kind === "refunded") {
    // The refunded payment tells which invoice; refunds are recorded as the growth of the running total.
    const payment = await providerPayment(tx, provider, event.reference);
    if (!payment) return { outcome: "unmatched", ...none, detail: `no payment ${event.reference} yet` };
    // Locked before reading what was refunded: two refund events at once queue here, so the second
    // counts only its growth over the first.
    await lockInvoice(tx, payment.invoiceId);
    const scope = { invoiceId: payment.invoiceId, organisationId: payment.organisationId };
    if (event.currency !== payment.currency) {
      return {
        outcome: "flagged",
        ...scope,
        detail: `refund in ${event.currency}, payment in ${payment.currency}`,
      };
    }
    const accounted = await refundsAccountedFor(tx, { ...payment, reference: event.reference });
    const { record, excess } = refundToRecord({
      paid: payment.amount,
      ...accounted,
      reportedTotal: event.refundedTotal,
    });
    // An older event of a refund already counted (events may arrive out of order) adds nothing.
    if (record === 0 && excess === 0) return { outcome: "recorded", ...scope, detail: "already counted" };
    if (record > 0) {
      await tx.insert(invoicePayments).values({
        id: newId("payment"),
        organisationId: payment.organisationId,
        locationId: payment.locationId,
        invoiceId: payment.invoiceId,
        kind: "refund",
        amount: record,
        currency: event.currency,
        method: payment.method,
        source: provider,
        reference: `${event.reference}:${event.refundedTotal}`,
      });
      await recordPosition(tx, payment.invoiceId);
      await recordIntegrationEvent(tx, "payment.refunded", payment.invoiceId, {
        refund: {
          amount: record,
          currency: event.currency,
          method: payment.method,
          source: provider,
          providerReference: event.reference,
          refundedTotal: event.refundedTotal,
        },
      });
    }
    if (excess > 0) {
      await flagRefundExcess(tx, ctx, {
        payment,
        eventId: event.eventId,
        reportedTotal: event.refundedTotal,
        excess,
      });
    }
    await announce(tx, payment.invoiceId);
    if (excess === 0) return { outcome: "recorded", ...scope, detail: null };
    return {
      outcome: "flagged",
      ...scope,
      detail: `refunded ${event.refundedTotal} ${event.currency} in total on a payment of ${payment.amount}: ${record} recorded, ${excess} beyond the payment flagged for review`,
    };
  }

  const session = await providerSession(tx, provider, event.sessionId);
  if (!session) return { outcome: "unmatched", ...none, detail: `no checkout ${event.sessionId}` };
  const scope = { invoiceId: session.invoiceId, organisationId: session.organisationId };

  if (event.kind === "payment_pending") return { outcome: "pending", ...scope, detail: null };
  if (event.kind === "payment_failed") {
    // A late failure never undoes a payment already recorded for this checkout.
    if (session.status !== "paid") {
      await tx
        .update(paymentSessions)
        .set({ status: "failed", failureMessage: event.message, failureCode: event.code })
        .where(eq(paymentSessions.id, session.id));
      await announce(tx, session.invoiceId);
    }
    return { outcome: "failed", ...scope, detail: event.message };
  }

  if (event.amount !== session.amount || event.currency !== session.currency) {
    return {
      outcome: "flagged",
      ...scope,
      detail: `paid ${event.amount} ${event.currency}, checkout asked ${session.amount} ${session.currency}`,
    };
  }
  await lockInvoice(tx, session.invoiceId);
  const [recorded] = await tx
    .insert(invoicePayments)
    .values({
      id: newId("payment"),
      organisationId: session.organisationId,
      locationId: session.locationId,
      invoiceId: session.invoiceId,
      kind: "payment",
      amount: event.amount,
      currency: event.currency,
      method: session.method,
      source: provider,
      reference: event.reference,
    })
    .onConflictDoNothing()
    .returning({ id: invoicePayments.id });
  await tx.update(paymentSessions).set({ status: "paid" }).where(eq(paymentSessions.id, session.id));
  if (recorded) {
    await recordPosition(tx, session.invoiceId);
    await recordPaymentEvents(tx, session.invoiceId, {
      paymentId: recorded.id,
      amount: event.amount,
      currency: event.currency,
      method: session.method,
      source: provider,
      reference: event.reference,
    });
    await actOnParkedRefunds(tx, ctx, provider, event.reference);
    await afterPayment(tx, ctx, session.invoiceId);
  }
  return { outcome: "recorded", ...scope, detail: recorded ? null : "payment already recorded" };
}

/**
 * Events may arrive out of order: a refund reported before its payment was parked as unmatched.
 * Once the payment is recorded, those refunds are acted on.
 */
async function actOnParkedRefunds(tx: DbOrTx, ctx: NotifyContext, provider: string, reference: string) {
  const parked = await tx
    .select()
    .from(providerEvents)
    .where(
      and(
        eq(providerEvents.provider, provider),
        eq(providerEvents.outcome, "unmatched"),
        eq(providerEvents.detail, `no payment ${reference} yet`),
      ),
    );
  for (const row of parked) {
    const event = (row.payload as { event?: ProviderEvent }).event;
    if (!event) continue;
    const acted = await act(tx, ctx, provider, event);
    await tx
      .update(providerEvents)
      .set({
        outcome: acted.outcome,
        invoiceId: acted.invoiceId,
        organisationId: acted.organisationId,
        detail: acted.detail,
      })
      .where(and(eq(providerEvents.provider, provider), eq(providerEvents.eventId, row.eventId)));
  }
}
