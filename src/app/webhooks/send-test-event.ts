import type { Db } from "../../db/client";
import { findEndpoint } from "../../db/queries/webhooks";
import type { ShopActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordTestEvent } from "../support/integrations/record-integration-event";

/** "Send test event": a webhook.test event to this endpoint alone, delivered and logged like any other. */
export async function sendTestEvent(db: Db, actor: ShopActor, endpointId: string) {
  return db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, actor, endpointId);
    if (!endpoint) throw notFound("Webhook endpoint");
    if (!endpoint.enabled)
      throw new DomainError("conflict", "Switch the endpoint on to send it a test event.");
    return recordTestEvent(tx, actor, endpointId);
  });
}
