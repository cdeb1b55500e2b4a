// Discard Draft: the shop throws away an estimate it never sent. The customer never saw it, so it
// leaves the lists (and their counts, through the row's delete trigger); its number stays used
// (numbers are drawn from a counter, never reused), and the audit event keeps what it was.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findEstimate, loadLines } from "../../db/queries/estimates";
import { bookingRequests, estimateLines, estimates } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";

export async function discardEstimate(db: Db, actor: StaffActor, id: string) {
  return db.transaction(async (tx) => {
    const estimate = await findEstimate(tx, actor, id);
    if (!estimate) throw notFound("Estimate");
    if (estimate.status !== "draft" || estimate.currentVersion > 0) {
      throw new DomainError(
        "conflict",
        "Only a draft that was never sent can be discarded: the customer has seen this estimate.",
        [{ field: "status", message: "The estimate was sent to the customer." }],
      );
    }
    const lines = await loadLines(tx, id);
    await tx.delete(estimateLines).where(eq(estimateLines.estimateId, id));
    // The booking it was created from no longer links to it.
    await tx
      .update(bookingRequests)
      .set({ estimateId: null })
      .where(and(eq(bookingRequests.estimateId, id), eq(bookingRequests.locationId, estimate.locationId)));
    const gone = await tx
      .delete(estimates)
      .where(and(eq(estimates.id, id), eq(estimates.status, "draft"), eq(estimates.currentVersion, 0)))
      .returning({ id: estimates.id });
    if (gone.length === 0) {
      throw new DomainError("conflict", "The estimate changed meanwhile. Reload it.", [
        { field: "status", message: "Reload the estimate." },
      ]);
    }
    await recordAudit(tx, actor, {
      entityType: "estimate",
      entityId: id,
      action: "discard",
      fromStatus: "draft",
      data: {
        number: estimate.number,
        customerId: estimate.customerId,
        unitId: estimate.unitId,
        bookingRequestId: estimate.bookingRequestId,
        lines: lines.map((l) => ({ kind: l.kind, description: l.description, unitPrice: l.unitPrice })),
      },
    });
    return { id, number: estimate.number };
  });
}
