import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PortalWorkOrderJob, PortalWorkOrderStatus, PortalWorkOrderSummary } from "./portalWorkOrderApi";

const STATUS_COLORS: Record<PortalWorkOrderStatus, string> = {
  in_progress: "blue",
  unit_ready: "teal",
  ready_to_submit: "grape",
  awaiting_authorization: "yellow",
  invoiced: "green",
};

export function WorkOrderStatusBadge({
  status,
  size = "md",
}: {
  status: PortalWorkOrderStatus;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status] ?? "gray"}
      radius="sm"
      tt="none"
      size={size}
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`portalWorkOrders.status.${status}`)}
    </Badge>
  );
}

const JOB_COLORS: Record<PortalWorkOrderJob["status"], string> = {
  to_do: "gray",
  started: "blue",
  done: "green",
};

export function JobStatusBadge({ status }: { status: PortalWorkOrderJob["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={JOB_COLORS[status] ?? "gray"}
      radius="sm"
      tt="none"
      size="sm"
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`portalWorkOrders.jobStatus.${status}`)}
    </Badge>
  );
}

/** "Ford Transit (B-FL 123)" */
export function unitTitle(order: Pick<PortalWorkOrderSummary, "unitLabel" | "plate">): string {
  return order.plate ? `${order.unitLabel} (${order.plate})` : order.unitLabel;
}
