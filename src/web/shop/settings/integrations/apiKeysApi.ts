// The data of Settings → Integrations → API keys: the list, create (the answer carries the key, the
// only time the browser ever holds it) and revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api";

export const API_SCOPES = [
  "invoices:write",
  "invoices:read",
  "customers:write",
  "events:read",
  "webhooks:manage",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export type ApiKeyStatus = "active" | "expired" | "revoked";

export interface ApiKey {
  id: string;
  name: string;
  visiblePrefix: string;
  scopes: ApiScope[];
  createdAt: string;
  createdByName: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: ApiKeyStatus;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface NewApiKey {
  name: string;
  scopes: ApiScope[];
  expiresAt: string | null;
}

const apiKeysKey = ["settings", "api-keys"] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) =>
      api.get<{ items: ApiKey[] }>("/api/v1/settings/api-keys", undefined, signal).then((r) => r.items),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewApiKey) => api.post<CreatedApiKey>("/api/v1/settings/api-keys", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<ApiKey>(`/api/v1/settings/api-keys/${encodeURIComponent(id)}/revoke`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

/** The end of a calendar day picked in the browser, as the instant the key stops working. */
export function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}
