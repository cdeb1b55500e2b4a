import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inspectionPhotos, staffUsers } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { orderInScope, photoInScope } from "../support/inspections/in-scope";
import { type NotifyDeps, notifyUsers } from "../support/notifications/notify-staff";
import { publishWorkOrder } from "../work-orders/publish";

/** The advisor sends a photo back: it is hidden from the customer and its technician is told. */
export async function rejectPhoto(
  db: Db,
  deps: NotifyDeps,
  actor: StaffActor,
  photoId: string,
  note: string,
) {
  return db.transaction(async (tx) => {
    const { photo, workOrderId } = await photoInScope(tx, actor, photoId);
    if (photo.rejectedAt) throw new DomainError("conflict", "This photo was already sent back.");
    await tx
      .update(inspectionPhotos)
      .set({ rejectedAt: new Date(), rejectedById: actor.id, rejectionNote: note })
      .where(eq(inspectionPhotos.id, photoId));
    const order = await orderInScope(tx, actor, workOrderId);
    const [uploader] = await tx.select().from(staffUsers).where(eq(staffUsers.id, photo.uploadedById));
    if (uploader && uploader.id !== actor.id) {
      await notifyUsers(tx, deps, actor, [uploader], {
        kind: "photo-rejected",
        params: { number: order.number, by: actor.name, note },
        link: `/work-orders/${workOrderId}`,
      });
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "reject-photo",
      note,
      data: { photoId },
    });
    await publishWorkOrder(tx, order);
    return workOrderId;
  });
}
