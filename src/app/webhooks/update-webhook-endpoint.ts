import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findEndpoint } from "../../db/queries/webhooks";
import { webhookEndpoints } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { webhookChannel } from "../support/integrations/record-integration-event";
import { validateWebhookUrl } from "../support/integrations/webhook-target";
import { allowsPrivateTargets, checkedEventTypes } from "./webhook-inputs";

export interface UpdateWebhookEndpointInput {
  url?: string | undefined;
  description?: string | null | undefined;
  eventTypes?: string[] | undefined;
  enabled?: boolean | undefined;
}

/**
 * Changes an endpoint's URL, description, event types or switches it on or off. Switching a
 * disabled endpoint back on clears why it was switched off and its run of failures; what waited for
 * it is sent from then on.
 */
export async function updateWebhookEndpoint(
  db: Db,
  actor: ShopActor,
  id: string,
  input: UpdateWebhookEndpointInput,
) {
  // Someone else's endpoint is a 404 before anything about the input is said.
  if (!(await findEndpoint(db, actor, id))) throw notFound("Webhook endpoint");
  const eventTypes = input.eventTypes === undefined ? undefined : checkedEventTypes(input.eventTypes);
  const url =
    input.url === undefined
      ? undefined
      : await validateWebhookUrl(input.url, await allowsPrivateTargets(db, actor.locationId));
  return db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, actor, id);
    if (!endpoint) throw notFound("Webhook endpoint");
    const switching =
      input.enabled === undefined || input.enabled === endpoint.enabled
        ? {}
        : input.enabled
          ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null }
          : { enabled: false, disabledReason: "manual", disabledAt: new Date() };
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(url === undefined ? {} : { url }),
        ...(eventTypes === undefined ? {} : { eventTypes }),
        ...(input.description === undefined ? {} : { description: input.description?.trim() || null }),
        ...switching,
        updatedAt: new Date(),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: id,
      action: "update",
      data: { url: url ?? null, eventTypes: eventTypes ?? null, enabled: input.enabled ?? null },
    });
    // Switched back on: what waited for it goes out now, not at the sender's next look.
    if (switching.enabled) await tx.execute(sql`select pg_notify(${webhookChannel}, ${actor.locationId})`);
    return row!;
  });
}
