import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type { ListResponse, Reading, Unit } from "../../types";

export interface UnitListParams {
  q?: string;
  customerId?: string;
  offset: number;
  limit: number;
}

export const unitKeys = {
  all: ["units"] as const,
  list: (params: UnitListParams) => ["units", "list", params] as const,
  detail: (id: string) => ["unit", id] as const,
  readings: (id: string) => ["unit", id, "readings"] as const,
};

export function useUnitList(params: UnitListParams) {
  return useQuery({
    queryKey: unitKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Unit>>(
        "/api/v1/units",
        { q: params.q, customerId: params.customerId, limit: params.limit, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api.get<Unit>(`/api/v1/units/${encodeURIComponent(id ?? "")}`, undefined, signal),
    enabled: !!id,
  });
}

export function useUnitReadings(id: string) {
  return useQuery({
    queryKey: unitKeys.readings(id),
    queryFn: ({ signal }) =>
      api.get<{ items: Reading[] }>(`/api/v1/units/${encodeURIComponent(id)}/readings`, undefined, signal),
  });
}

/** "Make Model (PLATE)" */
export function unitTitle(unit: Pick<Unit, "make" | "model" | "plate">): string {
  const name = `${unit.make} ${unit.model}`.trim();
  return unit.plate ? `${name} (${unit.plate})` : name;
}
