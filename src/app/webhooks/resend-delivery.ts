import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findDelivery } from "../../db/queries/webhooks";
import { webhookDeliveries } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { webhookChannel } from "../support/integrations/record-integration-event";

/**
 * "Resend": the delivery is sent again now, with the same webhook-id (a DMS that kept it drops the
 * repeat), and retried from scratch if it fails. Its earlier attempts stay in the log.
 */
export async function resendDelivery(db: Db, actor: ShopActor, id: string) {
  return db.transaction(async (tx) => {
    const delivery = await findDelivery(tx, actor, id);
    if (!delivery) throw notFound("Delivery");
    if (delivery.status === "pending" || (delivery.lockedUntil && delivery.lockedUntil > new Date())) {
      throw new DomainError("conflict", "The delivery is on its way already.");
    }
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: new Date(), firstAttemptAt: null, lockedUntil: null })
      .where(eq(webhookDeliveries.id, id))
      .returning();
    await recordAudit(tx, actor, { entityType: "webhook_delivery", entityId: id, action: "resend" });
    await tx.execute(sql`select pg_notify(${webhookChannel}, ${actor.locationId})`);
    return row!;
  });
}
