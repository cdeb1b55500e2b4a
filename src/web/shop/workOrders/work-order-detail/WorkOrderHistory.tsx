import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useActorName } from "../../../shared/actorName";
import { useFormat } from "../../../shared/format";
import type { JobStatus, WorkOrder, WorkOrderStatus } from "../workOrderApi";

const HISTORY_ACTIONS = [
  "open",
  "add-job",
  "add-part",
  "clock-on",
  "clock-off",
  "finish-job",
  "reopen-job",
  "unit_ready",
  "reopen",
  "ready_to_submit",
  "submit",
  "invoice",
  "authorize",
  "set-po-number",
  "waiting-for-parts",
  "parts-arrived",
  "qualify",
  "price-part",
  "remove-part",
  "send-extension",
  "decide-extension",
  "start-inspection",
  "rate-item",
  "add-photo",
  "reject-photo",
  "complete-inspection",
] as const;

function HistoryAction({ action }: { action: string }) {
  const { t } = useTranslation();
  const known = HISTORY_ACTIONS.find((a) => a === action);
  return <>{known ? t(`workOrders.history.${known}`) : action}</>;
}

/** What happened on the work order, newest first. */
export function WorkOrderHistory({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorName();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="md">
        {t("workOrders.history.title")}
      </Title>
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
        {[...order.history].reverse().map((h, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: history never reorders
          <Paper component="li" key={index} withBorder radius="sm" p="xs" bg="white">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm">
                <Text span fw={600} inherit>
                  <HistoryAction action={h.action} />
                </Text>
                {` · ${actor.name(h.by, h.byKind)}`}
              </Text>
              <Text size="xs" c="dimmed" component="time" dateTime={h.at} style={{ whiteSpace: "nowrap" }}>
                {format.dateTime(h.at)}
              </Text>
            </Group>
            {h.fromStatus && h.toStatus && h.fromStatus !== h.toStatus ? (
              <Text size="xs" c="dimmed">
                {/* Job moves carry job statuses, order moves order statuses. */}
                {h.action.endsWith("-job")
                  ? `${t(`workOrders.jobStatus.${h.fromStatus as JobStatus}`)} → ${t(`workOrders.jobStatus.${h.toStatus as JobStatus}`)}`
                  : `${t(`workOrders.status.${h.fromStatus as WorkOrderStatus}`)} → ${t(`workOrders.status.${h.toStatus as WorkOrderStatus}`)}`}
              </Text>
            ) : null}
            {h.note ? (
              <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {t("common.quoted", { text: h.note })}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
