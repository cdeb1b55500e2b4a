import { Accordion, Alert, Button, Group, Stack, Text } from "@mantine/core";
import {
  IconAlertCircle,
  IconAlertOctagon,
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconClipboardCheck,
  IconLock,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../shared/format";
import { useCan } from "../../shared/session";
import { CompleteInspectionModal, useCompleteInspection } from "./CompleteInspectionModal";
import { ItemCard } from "./ItemCard";
import { type Inspection, useApplyInspection } from "./inspectionApi";
import { useItemSaver } from "./useItemSaver";

/** A started inspection: the counts, Complete, and the checklist by area. */
export function InspectionView({ workOrderId, inspection }: { workOrderId: string; inspection: Inspection }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan("inspections:write");
  const canAdvise = useCan("work-orders:write");
  const _apply = useApplyInspection(workOrderId);
  const save = useItemSaver(workOrderId);
  const editable = canWrite && inspection.status === "in_progress";
  const { confirming, setConfirming, completing, completeError, setCompleteError, complete } =
    useCompleteInspection(workOrderId);
  const [openAreas, setOpenAreas] = useState<string[]>(() =>
    inspection.areas.map((_, index) => `area-${index}`),
  );

  const { counts } = inspection;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t("inspection.checklist", { name: inspection.templateName })}
          </Text>
          <Group gap="xs" role="group" aria-label={t("inspection.summary")}>
            <span className="pl-rating-tag" data-rating="ok">
              <IconCircleCheck size={16} aria-hidden />
              {t("inspection.counts.ok", { count: counts.ok })}
            </span>
            <span className="pl-rating-tag" data-rating="attention">
              <IconAlertTriangle size={16} aria-hidden />
              {t("inspection.counts.attention", { count: counts.attention })}
            </span>
            <span className="pl-rating-tag" data-rating="urgent">
              <IconAlertOctagon size={16} aria-hidden />
              {t("inspection.counts.urgent", { count: counts.urgent })}
            </span>
            {counts.open > 0 ? (
              <span className="pl-rating-tag" data-rating="none">
                <IconCircleDashed size={16} aria-hidden />
                {t("inspection.counts.open", { count: counts.open })}
              </span>
            ) : null}
          </Group>
        </Stack>
        {editable ? (
          <Button
            h={44}
            leftSection={<IconClipboardCheck size={20} aria-hidden />}
            onClick={() => {
              setCompleteError(null);
              setConfirming(true);
            }}
          >
            {t("inspection.completeButton")}
          </Button>
        ) : null}
      </Group>

      {completeError ? (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          title={t("errors.saveFailed")}
          role="alert"
          withCloseButton
          closeButtonLabel={t("common.close")}
          onClose={() => setCompleteError(null)}
        >
          <Text size="sm">{completeError}</Text>
        </Alert>
      ) : null}

      {inspection.status === "complete" ? (
        <Alert color="gray" icon={<IconLock aria-hidden />} role="note">
          {inspection.completedAt
            ? `${t("inspection.completedAt", { date: format.dateTime(inspection.completedAt) })}. `
            : null}
          {t("inspection.readOnly")}
        </Alert>
      ) : null}

      <Accordion multiple value={openAreas} onChange={setOpenAreas} variant="separated" order={3}>
        {inspection.areas.map((area, areaIndex) => {
          const rated = area.items.filter((i) => i.rating !== null).length;
          return (
            <Accordion.Item key={area.area} value={`area-${areaIndex}`}>
              <Accordion.Control mih={48}>
                <Group justify="space-between" gap="xs" wrap="nowrap" pr="xs">
                  <Text fw={700}>{area.area}</Text>
                  <Text size="sm" c={rated === area.items.length ? "#1e5b2e" : "dimmed"} className="pl-num">
                    {t("inspection.areaProgress", { rated, total: area.items.length })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                  {area.items.map((item) => (
                    <ItemCard
                      key={item.id}
                      item={item}
                      workOrderId={workOrderId}
                      editable={editable}
                      canSendBack={canAdvise && inspection.status === "in_progress"}
                      save={save}
                    />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>

      <CompleteInspectionModal
        opened={confirming}
        counts={counts}
        completing={completing}
        onClose={() => setConfirming(false)}
        onConfirm={() => void complete()}
      />
    </Stack>
  );
}
