import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";

/**
 * An admin revokes a key: from the next request on it is refused (401), and the row stays so the
 * audit log's "via API key …" still names a key the list can show. Revoking is final; a second
 * revoke is a 409 rather than a silent success, so two admins learn that the other was first.
 */
export async function revokeApiKey(db: Db, actor: StaffActor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.id, id),
          eq(apiKeys.organisationId, actor.organisationId),
          eq(apiKeys.locationId, actor.locationId),
        ),
      )
      .for("update");
    if (!key) throw notFound("The API key");
    if (key.revokedAt) throw new DomainError("conflict", "This API key was revoked already.");
    // The WHERE repeats the check: the row lock above makes it hold, the condition documents it.
    await tx
      .update(apiKeys)
      .set({ revokedAt: now, revokedById: actor.id })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
    await recordAudit(tx, actor, {
      entityType: "api_key",
      entityId: id,
      action: "revoke",
      data: { name: key.name },
    });
  });
}
