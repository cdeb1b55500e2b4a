import type { Db } from "../../db/client";
import { inspectionPhotos } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { itemInScope, orderInScope } from "../support/inspections/in-scope";
import { publishWorkOrder } from "../work-orders/publish";
import type { PhotoStore } from "./photo-store";

export async function addPhoto(db: Db, store: PhotoStore, actor: StaffActor, itemId: string, upload: Buffer) {
  // Checked before the file is processed, so nobody can fill the disk through someone else's item.
  const { inspection } = await itemInScope(db, actor, itemId);
  const stored = await store.store(actor.organisationId, upload);
  return db.transaction(async (tx) => {
    const id = newId("photo");
    await tx.insert(inspectionPhotos).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      itemId,
      ...stored,
      uploadedById: actor.id,
    });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: inspection.workOrderId,
      action: "add-photo",
      data: { itemId, photoId: id, bytes: stored.bytes },
    });
    await publishWorkOrder(tx, (await orderInScope(tx, actor, inspection.workOrderId))!);
    return { workOrderId: inspection.workOrderId, photoId: id };
  });
}
