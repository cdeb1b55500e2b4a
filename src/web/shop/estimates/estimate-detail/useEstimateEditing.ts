import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api";
import { type Estimate, estimateKeys } from "../../../estimates/estimateApi";

function isStale(error: unknown) {
  return isApiError(error) && error.status === 409;
}

/**
 * What every edit on the estimate page shares: the estimate's path, putting the server's answer in
 * the cache, and the page's alerts (a stale version, a refused move).
 */
export function useEstimateEditing(estimate: Estimate, onReload: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const base = `/api/v1/estimates/${encodeURIComponent(estimate.id)}`;

  const applied = (next: Estimate) => {
    queryClient.setQueryData(estimateKeys.shopDetail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ["estimates", "shop", "list"] });
  };

  /** Handles 409 (stale version) for every edit; returns true when it did. */
  const handleConflict = (error: unknown) => {
    if (!isStale(error)) return false;
    setConflict(t("estimates.stale"));
    return true;
  };

  const reload = () => {
    setConflict(null);
    onReload();
  };

  return { base, conflict, actionError, setActionError, applied, handleConflict, reload };
}

export type EstimateEditing = ReturnType<typeof useEstimateEditing>;
