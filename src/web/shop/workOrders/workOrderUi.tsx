import { Badge } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { i18n } from "../../i18n";
import { errorMessage } from "../../shared/ui";
import { type WorkOrder, type WorkOrderStatus, workOrderKeys } from "./workOrderApi";

const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  in_progress: "blue",
  unit_ready: "teal",
  ready_to_submit: "green",
  awaiting_authorization: "yellow",
  invoiced: "gray",
};

export function WorkOrderStatusBadge({
  status,
  size = "md",
}: {
  status: WorkOrderStatus;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      tt="none"
      size={size}
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`workOrders.status.${status}`)}
    </Badge>
  );
}

/** After a change the server answered with the whole work order: show it, and refetch what it touches. */
export function useApplyWorkOrder() {
  const queryClient = useQueryClient();
  return useCallback(
    (order: WorkOrder) => {
      queryClient.setQueryData(workOrderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: ["work-orders", "list"] });
      void queryClient.invalidateQueries({ queryKey: ["service-board"] });
      void queryClient.invalidateQueries({ queryKey: workOrderKeys.clock });
    },
    [queryClient],
  );
}

/** Red toast with what the server said (e.g. the 409 detail "Finish every job first: Brakes."). */
export function notifyFailure(error: unknown): void {
  notifications.show({
    color: "red",
    title: i18n.t("workOrders.actionFailed"),
    message: errorMessage(error, i18n.t("errors.saveFailed")),
    closeButtonProps: { "aria-label": i18n.t("common.close") },
  });
}

/** "1:30" for 1500 thousandths of an hour (hours:minutes). */
export function hoursMinutes(milli: number): string {
  const minutes = Math.round((milli / 1000) * 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Elapsed "h:mm" since an ISO time. */
export function elapsedSince(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}
