import { Anchor, Group } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../../shared/ui";
import type { WorkOrder } from "../workOrderApi";
import { WorkOrderStatusBadge } from "../workOrderUi";

export function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/shop/work-orders"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("workOrders.backToList")}
    </Anchor>
  );
}

/** Number and status, with the customer and the unit it is for. */
export function WorkOrderHeader({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  return (
    <PageHeader
      title={
        <Group gap="sm" component="span" wrap="wrap">
          <span className="pl-num">{order.number}</span>
          <WorkOrderStatusBadge status={order.status} size="lg" />
        </Group>
      }
      documentTitle={`${t("workOrders.detailTitle")} ${order.number}`}
      description={
        <Group gap="md" component="span" wrap="wrap">
          <Anchor component={Link} to={`/shop/customers/${order.customerId}`}>
            {order.customerName}
          </Anchor>
          <Anchor component={Link} to={`/shop/units/${order.unitId}`}>
            {[order.unitLabel, order.plate, order.fleetNumber].filter(Boolean).join(" · ")}
          </Anchor>
        </Group>
      }
    />
  );
}
