// What the webhook commands share: the event types an endpoint may ask for, checked with a 422
// naming the field, and the location's choice about private targets.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { locations } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { integrationEventTypes } from "../../domain/integration-events";

export function checkedEventTypes(types: string[], field = "eventTypes"): string[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) {
    throw new DomainError("validation", "Choose at least one event type.", [
      { field, message: "Choose at least one event type." },
    ]);
  }
  const unknown = unique.find((t) => !(integrationEventTypes as readonly string[]).includes(t));
  if (unknown !== undefined) {
    throw new DomainError("validation", `There is no event type ${unknown}.`, [
      { field, message: `Unknown event type ${unknown}; one of ${integrationEventTypes.join(", ")}.` },
    ]);
  }
  return integrationEventTypes.filter((t) => unique.includes(t));
}

export async function allowsPrivateTargets(db: DbOrTx, locationId: string): Promise<boolean> {
  const [row] = await db
    .select({ allow: locations.webhooksAllowPrivate })
    .from(locations)
    .where(eq(locations.id, locationId));
  return row?.allow ?? false;
}
