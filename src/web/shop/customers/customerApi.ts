import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type { Customer, ListResponse, PortalAccount } from "../../types";

export const customerKeys = {
  all: ["customers"] as const,
  list: (params: { q: string; type: string; offset: number; limit: number }) =>
    ["customers", "list", params] as const,
  options: (q: string) => ["customers", "options", q] as const,
  detail: (id: string) => ["customer", id] as const,
  portalAccounts: (id: string) => ["customer", id, "portal-accounts"] as const,
};

export function useCustomerList(params: { q: string; type: string; offset: number; limit: number }) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Customer>>(
        "/api/v1/customers",
        { q: params.q, type: params.type, limit: params.limit, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api.get<Customer>(`/api/v1/customers/${encodeURIComponent(id ?? "")}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePortalAccounts(customerId: string) {
  return useQuery({
    queryKey: customerKeys.portalAccounts(customerId),
    queryFn: ({ signal }) =>
      api.get<{ items: PortalAccount[] }>(
        `/api/v1/customers/${encodeURIComponent(customerId)}/portal-accounts`,
        undefined,
        signal,
      ),
  });
}
