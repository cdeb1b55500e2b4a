// The inspection of a work order: started from a template, items rated with notes and photos,
// completed with notifications to the service advisors (and the parts department when parts are
// flagged). Photos the advisor rejects go back to the technician.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inspectionItems, inspections } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { checkComplete } from "../../domain/inspection";
import { recommendFindings } from "../extensions/recommend-findings";
import { recordAudit } from "../support/audit";
import { orderInScope } from "../support/inspections/in-scope";
import { type NotifyDeps, notifyRoles } from "../support/notifications/notify-staff";
import { publishWorkOrder } from "../work-orders/publish";

/** Inspection complete: every item rated; the advisors hear, and the parts department when parts are flagged. */
export async function completeInspection(db: Db, deps: NotifyDeps, actor: StaffActor, workOrderId: string) {
  return db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, workOrderId);
    const [inspection] = await tx
      .select()
      .from(inspections)
      .where(eq(inspections.workOrderId, workOrderId))
      .for("update");
    if (!inspection) throw new DomainError("conflict", "Start the inspection first.");
    if (inspection.status === "complete")
      throw new DomainError("conflict", "The inspection is already complete.");
    const items = await tx
      .select()
      .from(inspectionItems)
      .where(eq(inspectionItems.inspectionId, inspection.id));
    checkComplete(items);
    await tx
      .update(inspections)
      .set({ status: "complete", completedById: actor.id, completedAt: new Date() })
      .where(eq(inspections.id, inspection.id));
    // Yellow and red items become recommendations for the advisor to qualify.
    await recommendFindings(tx, actor, workOrderId, inspection.id);
    const urgent = items.filter((i) => i.rating === "urgent").length;
    const attention = items.filter((i) => i.rating === "attention").length;
    const unit = `${order.unitLabel}${order.plate ? ` (${order.plate})` : ""}`;
    await notifyRoles(
      tx,
      deps,
      actor,
      ["service_advisor"],
      {
        kind: "inspection-complete",
        params: { number: order.number, unit, urgent, attention, by: actor.name },
        link: `/work-orders/${workOrderId}`,
      },
      actor.id,
    );
    const needParts = items.filter((i) => i.partsNeeded);
    if (needParts.length > 0) {
      await notifyRoles(
        tx,
        deps,
        actor,
        ["parts"],
        {
          kind: "parts-needed",
          params: { number: order.number, unit, items: needParts.map((i) => i.label) },
          link: `/work-orders/${workOrderId}`,
        },
        actor.id,
      );
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "complete-inspection",
      data: { urgent, attention, partsNeeded: needParts.length },
    });
    await publishWorkOrder(tx, order);
    return workOrderId;
  });
}
