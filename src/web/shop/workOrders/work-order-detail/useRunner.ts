import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage } from "../../../shared/ui";
import type { WorkOrder } from "../workOrderApi";
import { useApplyWorkOrder } from "../workOrderUi";

/** Runs one change at a time; what the server refuses (409 detail) shows in the page's alert. */
export function useRunner(onError: (message: string | null) => void) {
  const { t } = useTranslation();
  const apply = useApplyWorkOrder();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, call: () => Promise<WorkOrder | null>, success?: string) => {
    setBusy(key);
    onError(null);
    try {
      const order = await call();
      // null: the technician cancelled (e.g. kept the job they are clocked on to).
      if (!order) return false;
      apply(order);
      if (success) notifySuccess(success);
      return true;
    } catch (error) {
      onError(errorMessage(error, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

export type Run = ReturnType<typeof useRunner>["run"];
