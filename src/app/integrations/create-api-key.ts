import { z } from "zod";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { apiKeyVisibleLength, apiScopes } from "../../domain/api-scopes";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { newApiKey } from "../support/auth/api-keys";
import { hashToken } from "../support/auth/tokens";

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. the DMS and the branch.").max(120),
  scopes: z.array(z.enum(apiScopes)).min(1, "Choose at least one scope."),
  /** No expiry when absent. */
  expiresAt: z.coerce.date().nullish(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/**
 * An admin creates a key for the location's DMS. The answer carries the key itself, the only time it
 * is ever shown; what is stored is its hash and the visible prefix.
 */
export async function createApiKey(db: Db, actor: StaffActor, input: CreateApiKeyInput, now = new Date()) {
  if (input.expiresAt && input.expiresAt <= now) {
    throw new DomainError("validation", "The expiry date must lie in the future.", [
      { field: "expiresAt", message: "The expiry date must lie in the future." },
    ]);
  }
  const key = newApiKey();
  const id = newId("apiKey");
  const scopes = [...new Set(input.scopes)];
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        id,
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        name: input.name,
        visiblePrefix: key.slice(0, apiKeyVisibleLength),
        keyHash: hashToken(key),
        scopes,
        createdById: actor.id,
        expiresAt: input.expiresAt ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: "api_key",
      entityId: id,
      action: "create",
      data: { name: input.name, scopes },
    });
    return created!;
  });
  return { apiKey: row, key };
}
