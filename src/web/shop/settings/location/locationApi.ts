import { useQuery } from "@tanstack/react-query";
import { api } from "../../../api";
import type { LocationSettings } from "../../../types";

export const locationKey = ["settings", "location"] as const;

/** The location's settings, which every section of the page edits a part of. */
export function useLocationSettings() {
  return useQuery({
    queryKey: locationKey,
    queryFn: ({ signal }) => api.get<LocationSettings>("/api/v1/settings/location", undefined, signal),
  });
}
