// A location's API keys as Settings → Integrations lists them. A location has a handful of keys (one
// per DMS or branch), so the list reads whole through api_keys_location_idx. The hash is never
// selected: nothing that leaves the database for a screen could then carry it.
import { and, desc, eq } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import { type ApiKeyStatus, type ApiScope, apiKeyStatus } from "../../domain/api-scopes";
import type { DbOrTx } from "../client";
import { apiKeys, staffUsers } from "../schema";

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  visiblePrefix: apiKeys.visiblePrefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  createdByName: staffUsers.name,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

export interface ApiKeyListRow {
  id: string;
  name: string;
  visiblePrefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
}

const withStatus = <T extends { expiresAt: Date | null; revokedAt: Date | null }>(row: T, now: Date) => ({
  ...row,
  status: apiKeyStatus(row, now),
});

/** Newest first: the key just made is the one the admin looks for. */
export async function listApiKeys(db: DbOrTx, scope: Scope, now = new Date()): Promise<ApiKeyListRow[]> {
  const rows = await db
    .select(listColumns)
    .from(apiKeys)
    .innerJoin(staffUsers, eq(staffUsers.id, apiKeys.createdById))
    .where(and(eq(apiKeys.organisationId, scope.organisationId), eq(apiKeys.locationId, scope.locationId)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => withStatus(r, now));
}

/** One key of the location, as the list shows it, or undefined (another location's id reads as absent). */
export async function findApiKey(
  db: DbOrTx,
  scope: Scope,
  id: string,
  now = new Date(),
): Promise<ApiKeyListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(apiKeys)
    .innerJoin(staffUsers, eq(staffUsers.id, apiKeys.createdById))
    .where(
      and(
        eq(apiKeys.id, id),
        eq(apiKeys.organisationId, scope.organisationId),
        eq(apiKeys.locationId, scope.locationId),
      ),
    );
  return row && withStatus(row, now);
}
