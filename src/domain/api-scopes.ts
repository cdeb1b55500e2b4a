// What an API key may do. A key carries a subset, chosen by the admin who creates it; a route that an
// integration may call names the one scope it needs (route config `apiScope`).
export const apiScopes = [
  "invoices:write",
  "invoices:read",
  "customers:write",
  "events:read",
  "webhooks:manage",
] as const;

export type ApiScope = (typeof apiScopes)[number];

export const isApiScope = (value: string): value is ApiScope =>
  (apiScopes as readonly string[]).includes(value);

/** Keys are shown once; the prefix stays visible so an admin can tell keys apart in lists and logs. */
export const apiKeyPrefix = "pl_live_";

/** How many characters of a key the list shows (the prefix plus a few random ones). */
export const apiKeyVisibleLength = apiKeyPrefix.length + 6;

export const hasScope = (scopes: readonly ApiScope[], needed: ApiScope) => scopes.includes(needed);

export const apiKeyStatuses = ["active", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof apiKeyStatuses)[number];

/** Revoked wins over expired: revoking is what someone did, expiring only what the calendar did. */
export function apiKeyStatus(
  key: { expiresAt: Date | null; revokedAt: Date | null },
  now: Date,
): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}
