import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../api";
import type { ListResponse, Reading, Unit } from "../types";

export const portalKeys = {
  all: ["portal"] as const,
  units: (q: string, offset: number) => ["portal", "units", q, offset] as const,
  unit: (id: string) => ["portal", "unit", id] as const,
  readings: (id: string) => ["portal", "unit", id, "readings"] as const,
};

export const PORTAL_PAGE_SIZE = 50;

export function usePortalUnits(q: string, offset: number) {
  return useQuery({
    queryKey: portalKeys.units(q, offset),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Unit>>("/api/v1/portal/units", { q, limit: PORTAL_PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * One of the customer's units. Uses GET /api/v1/portal/units/:id; if the API has no such
 * route (404/405 without the unit), falls back to finding it in the customer's unit list.
 */
export function usePortalUnit(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: portalKeys.unit(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Unit>(`/api/v1/portal/units/${encodeURIComponent(id)}`, undefined, signal);
      } catch (error) {
        if (!isApiError(error) || (error.status !== 404 && error.status !== 405)) throw error;
        const list = await api.get<ListResponse<Unit>>("/api/v1/portal/units", { limit: 100 }, signal);
        const unit = list.items.find((item) => item.id === id);
        if (!unit) throw error;
        return unit;
      }
    },
    initialData: () => {
      for (const [, data] of queryClient.getQueriesData<ListResponse<Unit>>({
        queryKey: ["portal", "units"],
      })) {
        const unit = data?.items.find((item) => item.id === id);
        if (unit) return unit;
      }
      return undefined;
    },
    initialDataUpdatedAt: 0,
  });
}

export function usePortalReadings(id: string) {
  return useQuery({
    queryKey: portalKeys.readings(id),
    queryFn: ({ signal }) =>
      api.get<{ items: Reading[] }>(
        `/api/v1/portal/units/${encodeURIComponent(id)}/readings`,
        undefined,
        signal,
      ),
  });
}
