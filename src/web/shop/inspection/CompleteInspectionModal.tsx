import { Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { AppModal } from "../../shared/AppModal";
import { notifySuccess } from "../../shared/notify";
import { errorMessage } from "../../shared/ui";
import { type Inspection, type InspectionResponse, useApplyInspection } from "./inspectionApi";
import { RatingTag } from "./RatingTag";

/** Complete: asks first (showing the counts), then the inspection is read-only and the advisor is told. */
export function useCompleteInspection(workOrderId: string) {
  const { t } = useTranslation();
  const apply = useApplyInspection(workOrderId);
  const [confirming, setConfirming] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [completeError, setCompleteError] = useState<string | null>(null);

  const complete = async () => {
    setCompleting(true);
    setCompleteError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/inspection/complete`,
          {},
        ),
      );
      notifySuccess(t("inspection.completed"));
    } catch (e) {
      setCompleteError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setCompleting(false);
      setConfirming(false);
    }
  };
  return { confirming, setConfirming, completing, completeError, setCompleteError, complete };
}

export function CompleteInspectionModal({
  opened,
  counts,
  completing,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  counts: Inspection["counts"];
  completing: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t("inspection.completeTitle")} centered>
      <Stack gap="md">
        <Text size="sm">{t("inspection.completeBody")}</Text>
        <Group gap="xs">
          <RatingTag rating="ok" />
          <Text size="sm" className="pl-num">
            {counts.ok}
          </Text>
          <RatingTag rating="attention" />
          <Text size="sm" className="pl-num">
            {counts.attention}
          </Text>
          <RatingTag rating="urgent" />
          <Text size="sm" className="pl-num">
            {counts.urgent}
          </Text>
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button h={44} variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button h={44} loading={completing} onClick={onConfirm}>
            {t("inspection.completeConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
