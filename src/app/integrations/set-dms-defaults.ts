// The location's defaults for invoices its DMS pushes: whether the payment request is mailed on
// arrival or waits for Send invoice. A push may still say otherwise per invoice.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { locations } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import type { SendMode } from "../invoices/push-invoices";
import { recordAudit } from "../support/audit";

export async function setDmsDefaults(db: Db, actor: StaffActor, input: { sendMode: SendMode }) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ sendMode: locations.dmsSendMode })
      .from(locations)
      .where(and(eq(locations.id, actor.locationId), eq(locations.organisationId, actor.organisationId)))
      .for("update");
    await tx
      .update(locations)
      .set({ dmsSendMode: input.sendMode, updatedAt: new Date() })
      .where(eq(locations.id, actor.locationId));
    await recordAudit(tx, actor, {
      entityType: "location",
      entityId: actor.locationId,
      action: "update",
      data: { changed: ["dmsSendMode"], from: before?.sendMode ?? null, to: input.sendMode },
    });
    return { sendMode: input.sendMode };
  });
}
