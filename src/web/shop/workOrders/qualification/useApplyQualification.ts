import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { extensionKeys, type Qualification } from "../../../extensions/extensionApi";
import { errorMessage } from "../../../shared/ui";

/** Puts the server's answer (the whole qualification) in the cache. */
export function useApplyQualification(workOrderId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (q: Qualification) => queryClient.setQueryData(extensionKeys.qualification(workOrderId), q),
    [queryClient, workOrderId],
  );
}

/** Runs one change of a recommendation at a time; what the server refuses shows on its card. */
export function useRecommendationChange(workOrderId: string) {
  const { t } = useTranslation();
  const apply = useApplyQualification(workOrderId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, call: () => Promise<Qualification>) => {
    setBusy(key);
    setError(null);
    try {
      apply(await call());
      return true;
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}

export type RunChange = ReturnType<typeof useRecommendationChange>["run"];
