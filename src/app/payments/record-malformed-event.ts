// A provider event whose signature matches but whose body cannot be used (not JSON, no id, no data,
// a handled type without its fields). It used to end in a 500, which the provider retries for days
// and nobody saw. Now it is stored with the reason (outcome "malformed") and the staff who look after
// payments — admins and accounting — are told in the bell, in their language; the route answers 400.
//
// The row's key is the body's hash, not the id it may carry: a retry of the same broken body finds
// it and tells nobody twice, and a broken body cannot take the id of a real event that may follow.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { providerPayment, providerSession } from "../../db/queries/payments";
import { invoices, locations, providerEvents } from "../../db/schema";
import type { Language } from "../../domain/customer";
import type { EventClues, MalformedReason } from "../../integrations/payments/port";
import type { NotifyContext } from "../bookings/notify-booking";
import { notifyRoles } from "../support/notifications/notify-staff";
import { describeReason, malformedNotice } from "../support/payments/malformed-event-texts";

/** The stored body is for a person to read; a provider's event is a few kilobytes. */
const keptBytes = 64 * 1024;

export interface MalformedOutcome {
  /** The stored row's event id (malformed:<sha-256 of the body>). */
  storedAs: string;
  /** False when the same body had already arrived: stored and told once. */
  first: boolean;
}

export async function recordMalformedEvent(
  db: Db,
  ctx: NotifyContext,
  provider: string,
  rawBody: Buffer,
  reason: MalformedReason,
  clues: EventClues,
): Promise<MalformedOutcome> {
  const storedAs = `malformed:${createHash("sha256").update(rawBody).digest("hex")}`;
  return db.transaction(async (tx) => {
    const invoice = await invoiceOf(tx, provider, clues);
    const [stored] = await tx
      .insert(providerEvents)
      .values({
        provider,
        eventId: storedAs,
        type: clues.type ?? "(unreadable)",
        outcome: "malformed",
        detail: describeReason(reason, "en"),
        organisationId: invoice?.organisationId ?? null,
        invoiceId: invoice?.id ?? null,
        payload: {
          malformed: { reason, clues },
          bytes: rawBody.length,
          // As text, for a person: PostgreSQL's text cannot hold NUL, and the rest is shown as sent.
          body: rawBody.subarray(0, keptBytes).toString("utf8").replaceAll("\u0000", "\uFFFD"),
        },
      })
      .onConflictDoNothing()
      .returning({ eventId: providerEvents.eventId });
    if (!stored) return { storedAs, first: false };

    const notice = (language: Language) => ({
      kind: "payment-event-malformed",
      ...malformedNotice(language, provider, reason, clues, invoice?.number ?? null),
      link: invoice ? `/invoices/${invoice.id}` : null,
    });
    // Whose payment it was, when the body still says; otherwise everyone taking this provider's
    // payments, since the provider account is the deployment's (one webhook secret). The notice names
    // only the provider, the event id and the field, nothing of the body.
    const scopes = invoice
      ? [{ organisationId: invoice.organisationId, locationId: invoice.locationId }]
      : await tx
          .select({ organisationId: locations.organisationId, locationId: locations.id })
          .from(locations)
          .where(eq(locations.paymentProvider, provider as "sandbox" | "stripe"));
    for (const scope of scopes) await notifyRoles(tx, ctx, scope, ["admin", "accounting"], notice);
    return { storedAs, first: true };
  });
}

/** The invoice the clues point at: Pitlane's own id in the metadata, the checkout, or the payment. */
async function invoiceOf(tx: DbOrTx, provider: string, clues: EventClues) {
  let invoiceId: string | null = null;
  if (clues.invoiceId) invoiceId = clues.invoiceId;
  else if (clues.sessionId)
    invoiceId = (await providerSession(tx, provider, clues.sessionId))?.invoiceId ?? null;
  else if (clues.reference)
    invoiceId = (await providerPayment(tx, provider, clues.reference))?.invoiceId ?? null;
  if (!invoiceId) return null;
  const [invoice] = await tx
    .select({
      id: invoices.id,
      number: invoices.number,
      organisationId: invoices.organisationId,
      locationId: invoices.locationId,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  return invoice ?? null;
}
