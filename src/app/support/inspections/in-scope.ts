import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { findWorkOrder } from "../../../db/queries/work-orders";
import { inspectionItems, inspectionPhotos, inspections } from "../../../db/schema";
import type { Scope, StaffActor } from "../../../domain/actor";
import { notFound } from "../../../domain/errors";

export async function orderInScope(tx: DbOrTx, actor: StaffActor, workOrderId: string) {
  const order = await findWorkOrder(tx, actor, workOrderId);
  if (!order) throw notFound("Work order");
  return order;
}

export async function itemInScope(tx: DbOrTx, actor: StaffActor, itemId: string) {
  const [row] = await tx
    .select({ item: inspectionItems, inspection: inspections })
    .from(inspectionItems)
    .innerJoin(inspections, eq(inspections.id, inspectionItems.inspectionId))
    .where(
      and(
        eq(inspectionItems.id, itemId),
        eq(inspectionItems.organisationId, actor.organisationId),
        eq(inspectionItems.locationId, actor.locationId),
      ),
    );
  if (!row) throw notFound("Inspection item");
  return row;
}

export async function photoInScope(db: DbOrTx, scope: Scope, photoId: string) {
  const [row] = await db
    .select({ photo: inspectionPhotos, workOrderId: inspections.workOrderId })
    .from(inspectionPhotos)
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPhotos.itemId))
    .innerJoin(inspections, eq(inspections.id, inspectionItems.inspectionId))
    .where(
      and(
        eq(inspectionPhotos.id, photoId),
        eq(inspectionPhotos.organisationId, scope.organisationId),
        eq(inspectionPhotos.locationId, scope.locationId),
      ),
    );
  if (!row) throw notFound("Photo");
  return row;
}
