// What the webhooks section reads and changes, through the API the DMS uses too.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api";

export const webhookEventTypes = [
  "invoice.sent",
  "invoice.paid",
  "invoice.partially_paid",
  "payment.received",
  "payment.refunded",
  "invoice.delivered",
  "invoice.booked",
  "invoice.closed",
  "invoice.overdue",
  "invoice.credited",
] as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: "gone" | "failing" | "manual" | null;
  disabledAt: string | null;
  failingSince: string | null;
  createdAt: string;
}

export interface WebhookAttempt {
  startedAt: string;
  durationMs: number;
  responseStatus: number | null;
  bodyExcerpt: string | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  invoiceId: string | null;
  status: "pending" | "failed" | "delivered" | "gave_up";
  attemptCount: number;
  lastResponseStatus: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  attempts: WebhookAttempt[];
}

export interface EndpointInput {
  url: string;
  description: string | null;
  eventTypes: string[];
}

const base = "/api/v1/settings/webhooks";
const listKey = ["settings", "webhooks"] as const;
const logKey = (id: string) => ["settings", "webhooks", id, "deliveries"] as const;

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) =>
      api.get<{ endpoints: WebhookEndpoint[]; allowPrivateTargets: boolean }>(base, undefined, signal),
  });
}

export function useDeliveries(endpointId: string | null) {
  return useQuery({
    queryKey: logKey(endpointId ?? ""),
    enabled: endpointId !== null,
    queryFn: ({ signal }) =>
      api.get<{ deliveries: WebhookDelivery[]; nextBefore: number | null }>(
        `${base}/${encodeURIComponent(endpointId ?? "")}/deliveries`,
        { limit: 25 },
        signal,
      ),
    // The log fills in as the sender works; a pending or retrying delivery is looked at again.
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((d) => d.status === "pending" || d.status === "failed")
        ? 2000
        : false,
  });
}

export function useWebhookActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });
  return {
    create: useMutation({
      mutationFn: (input: EndpointInput) =>
        api.post<{ endpoint: WebhookEndpoint; secret: string }>(base, input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...patch }: Partial<EndpointInput> & { id: string; enabled?: boolean }) =>
        api.patch<WebhookEndpoint>(`${base}/${encodeURIComponent(id)}`, patch),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete<void>(`${base}/${encodeURIComponent(id)}`),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (id: string) => api.post<{ eventId: string }>(`${base}/${encodeURIComponent(id)}/test`),
      onSuccess: (_r, id) => queryClient.invalidateQueries({ queryKey: logKey(id) }),
    }),
    resend: useMutation({
      mutationFn: ({ deliveryId }: { deliveryId: string; endpointId: string }) =>
        api.post<{ id: string }>(`${base}/deliveries/${encodeURIComponent(deliveryId)}/resend`),
      onSuccess: (_r, { endpointId }) => queryClient.invalidateQueries({ queryKey: logKey(endpointId) }),
    }),
    policy: useMutation({
      mutationFn: (allowPrivateTargets: boolean) =>
        api.put<{ allowPrivateTargets: boolean }>(`${base}/policy`, { allowPrivateTargets }),
      onSuccess: refresh,
    }),
  };
}
