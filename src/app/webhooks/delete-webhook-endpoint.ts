import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findEndpoint } from "../../db/queries/webhooks";
import { webhookEndpoints } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";

/** Deletes an endpoint with its delivery log (the events stay, in the feed). */
export async function deleteWebhookEndpoint(db: Db, actor: ShopActor, id: string) {
  await db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, actor, id);
    if (!endpoint) throw notFound("Webhook endpoint");
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: id,
      action: "delete",
      data: { url: endpoint.url },
    });
  });
}
