import { Button, Stack, Text } from "@mantine/core";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { errorMessage, FormError } from "../../shared/ui";
import { type InspectionResponse, useApplyInspection } from "./inspectionApi";

/** No inspection yet: who may, starts one from the location's checklist. */
export function StartInspection({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const canWrite = useCan("inspections:write");
  const apply = useApplyInspection(workOrderId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/inspection`,
          {},
        ),
      );
      notifySuccess(t("inspection.started"));
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  if (!canWrite) {
    return (
      <Text size="sm" c="dimmed">
        {t("inspection.noneReadOnly")}
      </Text>
    );
  }
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">{t("inspection.none")}</Text>
      <FormError message={error} />
      <Button
        h={44}
        leftSection={<IconClipboardCheck size={20} aria-hidden />}
        loading={busy}
        onClick={() => void start()}
      >
        {t("inspection.start")}
      </Button>
    </Stack>
  );
}
