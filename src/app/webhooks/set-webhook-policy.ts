import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { locations } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { recordAudit } from "../support/audit";

/**
 * Lets this location's webhooks reach private, loopback and link-local addresses (an on-premises DMS
 * in the shop's own network), or stops it. Checked again at every delivery, so switching it off
 * stops such deliveries at once.
 */
export async function setWebhookPolicy(db: Db, actor: ShopActor, input: { allowPrivateTargets: boolean }) {
  await db.transaction(async (tx) => {
    await tx
      .update(locations)
      .set({ webhooksAllowPrivate: input.allowPrivateTargets, updatedAt: new Date() })
      .where(eq(locations.id, actor.locationId));
    await recordAudit(tx, actor, {
      entityType: "location",
      entityId: actor.locationId,
      action: "webhook-policy",
      data: { allowPrivateTargets: input.allowPrivateTargets },
    });
  });
  return { allowPrivateTargets: input.allowPrivateTargets };
}
