// Clock On when the technician is on another job: the server refuses a silent switch (409
// clocked-on-elsewhere, naming the running job); this asks them, and only on "Clock off and clock on"
// repeats the request with `switch: true`.
import { Button, Group, Text } from "@mantine/core";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api";
import { AppModal } from "../../shared/AppModal";
import type { WorkOrder } from "./workOrderApi";

interface Running {
  workOrderNumber: string;
  job: string;
}

/** `clockOn(path)` posts to a clock-on path; resolves to null when the technician cancelled the switch. */
export function useClockOn() {
  const { t } = useTranslation();
  const [running, setRunning] = useState<Running | null>(null);
  const answer = useRef<((switchJob: boolean) => void) | null>(null);

  const clockOn = useCallback(async (path: string): Promise<WorkOrder | null> => {
    try {
      return await api.post<WorkOrder>(path);
    } catch (error) {
      if (!(error instanceof ApiError && error.hasType("clocked-on-elsewhere"))) throw error;
      const named = error.problem.running as Running | undefined;
      const switchJob = await new Promise<boolean>((resolve) => {
        answer.current = resolve;
        setRunning(named ?? { workOrderNumber: "", job: "" });
      });
      if (!switchJob) return null;
      return api.post<WorkOrder>(path, { switch: true });
    }
  }, []);

  const decide = (switchJob: boolean) => {
    answer.current?.(switchJob);
    answer.current = null;
    setRunning(null);
  };

  const dialog = (
    <AppModal
      opened={running !== null}
      onClose={() => decide(false)}
      title={t("workOrders.switchTitle")}
      centered
    >
      <Text size="sm">
        {t("workOrders.switchBody", { number: running?.workOrderNumber ?? "", job: running?.job ?? "" })}
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => decide(false)} data-autofocus>
          {t("common.cancel")}
        </Button>
        <Button onClick={() => decide(true)}>{t("workOrders.switchConfirm")}</Button>
      </Group>
    </AppModal>
  );
  return { clockOn, dialog };
}
