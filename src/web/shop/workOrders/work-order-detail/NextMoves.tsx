import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { IconRotate } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useCan } from "../../../shared/session";
import { MOVE_PATHS, type WorkOrder, type WorkOrderMove } from "../workOrderApi";
import { HoursWarning } from "./HoursCheck";
import type { Run } from "./useRunner";

/** The moves allowed now, and Submit / Invoice waiting for their confirmation. */
export function useMoves(order: WorkOrder, run: Run) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<"submit" | "invoice" | null>(null);
  const base = `/api/v1/work-orders/${encodeURIComponent(order.id)}`;

  // Submit (customer authorises) and Invoice (direct) exclude each other: show the one that applies.
  const moves = order.moves.filter((m) =>
    m === "submit" ? order.requiresAuthorisation : m === "invoice" ? !order.requiresAuthorisation : true,
  );
  const move = (m: WorkOrderMove, note?: string) =>
    run(
      m,
      () =>
        api.post<WorkOrder>(`${base}/${MOVE_PATHS[m]}`, { version: order.version, note: note || undefined }),
      t(`workOrders.moved.${m}`),
    );
  return { moves, move, confirming, setConfirming };
}

/** What comes next: the moves allowed now (Unit Ready … Invoice), or why there are none. */
export function NextMoves({
  order,
  busy,
  moves,
  move,
  onConfirm,
}: {
  order: WorkOrder;
  busy: string | null;
  moves: WorkOrderMove[];
  move: (m: WorkOrderMove) => Promise<boolean>;
  onConfirm: (m: "submit" | "invoice") => void;
}) {
  const { t } = useTranslation();
  const canWrite = useCan("work-orders:write");
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="sm">
        {t("workOrders.next")}
      </Title>
      {order.status !== "invoiced" ? <HoursWarning order={order} /> : null}
      {moves.length === 0 ? (
        <Text size="sm" c="dimmed">
          {order.status === "in_progress" ? t("workOrders.finishJobsFirst") : t("workOrders.noMoves")}
        </Text>
      ) : canWrite ? (
        <Stack gap="xs">
          {moves.map((m) => (
            <Button
              key={m}
              h={44}
              variant={m === "reopen" ? "default" : "filled"}
              leftSection={m === "reopen" ? <IconRotate size={18} aria-hidden /> : null}
              loading={busy === m}
              disabled={busy !== null && busy !== m}
              onClick={() => (m === "submit" || m === "invoice" ? onConfirm(m) : void move(m))}
            >
              {t(`workOrders.moves.${m}`)}
            </Button>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("workOrders.advisorMoves")}
        </Text>
      )}
    </Paper>
  );
}
