// Mark reviewed: someone looked at money a provider reported that Pitlane did not count (a refund
// beyond its payment) and settled it outside — at the provider, with the customer, in the books.
// The review leaves the invoice page; the note and who resolved it stay, and in the audit log.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { paymentReviews } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";

export async function resolvePaymentReview(
  db: Db,
  actor: StaffActor,
  invoiceId: string,
  reviewId: string,
  input: { note?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const inScope = and(
      eq(paymentReviews.id, reviewId),
      eq(paymentReviews.invoiceId, invoiceId),
      eq(paymentReviews.organisationId, actor.organisationId),
      eq(paymentReviews.locationId, actor.locationId),
    );
    // Only an open review: of two people marking it at once, the second hears it is done.
    const [resolved] = await tx
      .update(paymentReviews)
      .set({ resolvedAt: new Date(), resolvedById: actor.id, resolutionNote: input.note ?? null })
      .where(and(inScope, isNull(paymentReviews.resolvedAt)))
      .returning();
    if (!resolved) {
      const [exists] = await tx.select({ id: paymentReviews.id }).from(paymentReviews).where(inScope);
      if (!exists) throw notFound("Payment review");
      throw new DomainError("conflict", "This review was already marked reviewed.");
    }
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "resolve-payment-review",
      note: input.note ?? null,
      data: { reviewId, kind: resolved.kind, amount: resolved.amount, currency: resolved.currency },
    });
  });
}
