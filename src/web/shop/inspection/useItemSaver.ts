import { useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { api } from "../../api";
import {
  type InspectionItem,
  type InspectionResponse,
  inspectionKey,
  useApplyInspection,
} from "./inspectionApi";

/**
 * Saves item changes one after another per item, each with the version the cache holds when it runs
 * (a note saved on blur and a rating tapped right after must not race each other into a 409).
 */
export function useItemSaver(workOrderId: string) {
  const queryClient = useQueryClient();
  const apply = useApplyInspection(workOrderId);
  const chains = useRef(new Map<string, Promise<unknown>>());
  return (itemId: string, change: Partial<Pick<InspectionItem, "rating" | "note" | "partsNeeded">>) => {
    const run = async () => {
      const cached = queryClient.getQueryData<InspectionResponse>(inspectionKey(workOrderId));
      const current = cached?.inspection?.areas.flatMap((a) => a.items).find((i) => i.id === itemId);
      if (!current) throw new Error("item not loaded");
      const response = await api.patch<InspectionResponse>(
        `/api/v1/inspection-items/${encodeURIComponent(itemId)}`,
        { ...change, version: current.version },
      );
      apply(response);
      return response;
    };
    // Show the change at once (a tapped rating or checkbox must not wait for the network).
    queryClient.setQueryData<InspectionResponse>(inspectionKey(workOrderId), (old) =>
      old?.inspection
        ? {
            inspection: {
              ...old.inspection,
              areas: old.inspection.areas.map((area) => ({
                ...area,
                items: area.items.map((i) => (i.id === itemId ? { ...i, ...change } : i)),
              })),
            },
          }
        : old,
    );
    const previous = chains.current.get(itemId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    chains.current.set(itemId, next);
    return next;
  };
}

export type Saver = ReturnType<typeof useItemSaver>;
