import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inspectionItems } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, staleVersion } from "../../domain/errors";
import type { Rating } from "../../domain/inspection";
import { recordAudit } from "../support/audit";
import { itemInScope, orderInScope } from "../support/inspections/in-scope";
import { publishWorkOrder } from "../work-orders/publish";

export async function rateItem(
  db: Db,
  actor: StaffActor,
  itemId: string,
  input: {
    rating?: Rating | null | undefined;
    note?: string | null | undefined;
    partsNeeded?: boolean | undefined;
    version: number;
  },
) {
  return db.transaction(async (tx) => {
    const { item, inspection } = await itemInScope(tx, actor, itemId);
    if (inspection.status === "complete") {
      throw new DomainError(
        "conflict",
        "The inspection is complete; its findings are with the service advisor.",
      );
    }
    const { version, ...changes } = input;
    const [row] = await tx
      .update(inspectionItems)
      .set({
        ...changes,
        ratedById: actor.id,
        ratedAt: new Date(),
        version: sql`${inspectionItems.version} + 1`,
      })
      .where(and(eq(inspectionItems.id, itemId), eq(inspectionItems.version, version)))
      .returning({ id: inspectionItems.id });
    if (!row) throw staleVersion("inspection item");
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: inspection.workOrderId,
      action: "rate-item",
      data: { itemId, label: item.label, ...changes },
    });
    const order = await orderInScope(tx, actor, inspection.workOrderId);
    await publishWorkOrder(tx, order);
    return inspection.workOrderId;
  });
}
