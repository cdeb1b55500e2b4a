// An API key in an Authorization header becomes an ApiKeyActor, or nothing. The key is looked up by
// its SHA-256 only (src/db keeps no key), and a revoked or expired key is the same as an unknown one
// to the caller: the 401 says no more than "not a working key".
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { apiKeys } from "../../../db/schema";
import type { ApiKeyActor } from "../../../domain/actor";
import { apiKeyPrefix } from "../../../domain/api-scopes";
import { hashToken, newToken } from "./tokens";

/** `pl_live_` + 256 random bits. */
export const newApiKey = () => `${apiKeyPrefix}${newToken()}`;

/** The key from `Authorization: Bearer pl_live_…`, or null when the header carries none. */
export function bearerKeyOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Last used is for the admin's eye, so it is written at most once a minute per key, not per call. */
const lastUsedResolutionSeconds = 60;

export async function resolveApiKey(db: DbOrTx, key: string, now = new Date()): Promise<ApiKeyActor | null> {
  if (!key.startsWith(apiKeyPrefix)) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      organisationId: apiKeys.organisationId,
      locationId: apiKeys.locationId,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashToken(key)))
    .limit(1);
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > lastUsedResolutionSeconds * 1000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(
            isNull(apiKeys.lastUsedAt),
            lt(apiKeys.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`),
          ),
        ),
      );
  }
  return {
    kind: "api_key",
    id: row.id,
    name: row.name,
    organisationId: row.organisationId,
    locationId: row.locationId,
    scopes: row.scopes,
  };
}
