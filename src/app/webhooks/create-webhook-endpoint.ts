import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { webhookEndpoints } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { validateWebhookUrl } from "../support/integrations/webhook-target";
import { allowsPrivateTargets, checkedEventTypes } from "./webhook-inputs";

export interface CreateWebhookEndpointInput {
  url: string;
  description?: string | null | undefined;
  eventTypes: string[];
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * A new endpoint for the location's events. The answer carries the signing secret, the one time it
 * is shown; the audit log records the URL and types, never the secret.
 */
export async function createWebhookEndpoint(db: Db, actor: ShopActor, input: CreateWebhookEndpointInput) {
  const eventTypes = checkedEventTypes(input.eventTypes);
  const url = await validateWebhookUrl(input.url, await allowsPrivateTargets(db, actor.locationId));
  const secret = newWebhookSecret();
  const id = newId("webhookEndpoint");
  const endpoint = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id,
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        url,
        description: input.description?.trim() || null,
        eventTypes,
        secret,
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: id,
      action: "create",
      data: { url, eventTypes },
    });
    return row!;
  });
  return { endpoint, secret };
}
