// Work orders (repair orders) with status chips, "Ready to Submit" (CompleteRO) among them, and search.
import { Anchor, Badge, Chip, Group, Table, Text } from "@mantine/core";
import { IconClipboardList, IconPackage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { ListFilters, ListPanel, ListRow, ListTable, useListTexts } from "../../shared/ListPanel";
import { PageHeader } from "../../shared/ui";
import { useListParams } from "../../shared/useListParams";
import { useWorkOrders, WORK_ORDER_STATUSES, type WorkOrderSummary } from "./workOrderApi";
import { WorkOrderStatusBadge } from "./workOrderUi";

export function WorkOrdersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useListParams(["status"], { minSearch: 3 });
  const status = list.filters.status ?? "";
  const query = useWorkOrders({ status, q: list.q, offset: list.offset });
  const filtered = list.q !== "" || status !== "";
  const texts = useListTexts("workOrders");

  return (
    <>
      <PageHeader title={t("workOrders.title")} description={t("workOrders.hint")} />
      <ListFilters list={list} busy={query.isFetching && !query.isPending} search={texts.search} gap="md">
        <div>
          <Text size="sm" fw={500} mb={4} id="work-order-status-filter">
            {t("workOrders.filter")}
          </Text>
          <Chip.Group
            value={status || "all"}
            onChange={(v) => list.setFilter("status", v === "all" ? "" : v)}
          >
            <Group gap={6} role="group" aria-labelledby="work-order-status-filter">
              <Chip value="all" size="sm">
                {t("workOrders.all")}
              </Chip>
              {WORK_ORDER_STATUSES.map((s) => (
                <Chip key={s} value={s} size="sm">
                  {t(`workOrders.status.${s}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
      </ListFilters>
      <ListPanel
        query={query}
        list={list}
        empty={texts.empty(<IconClipboardList size={32} aria-hidden />, filtered)}
      >
        {(items) => (
          <ListTable
            minWidth={820}
            caption={t("workOrders.tableCaption")}
            columns={[
              { label: t("workOrders.col.number") },
              { label: t("workOrders.col.customer") },
              { label: t("workOrders.col.unit") },
              { label: t("workOrders.col.status") },
              { label: t("workOrders.col.po") },
              { label: t("workOrders.col.gross"), numeric: true },
              { label: t("workOrders.col.opened") },
            ]}
          >
            {items.map((order) => (
              <ListRow key={order.id} to={`/shop/work-orders/${order.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/work-orders/${order.id}`} fw={600} className="pl-num">
                    {order.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{order.customerName}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {order.unitLabel}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[order.plate, order.fleetNumber].filter(Boolean).join(" · ") || t("common.notSet")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <WorkOrderStatusBadge status={order.status} />
                    {order.waitingForParts ? (
                      <Badge
                        variant="light"
                        color="orange"
                        radius="sm"
                        tt="none"
                        leftSection={<IconPackage size={12} aria-hidden />}
                      >
                        {t("workOrders.waitingForParts")}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td className="pl-num">{order.poNumber ?? t("common.notSet")}</Table.Td>
                <Table.Td ta="right">
                  <Gross order={order} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={order.openedAt}>
                    {format.dateTime(order.openedAt)}
                  </Text>
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}

function Gross({ order }: { order: WorkOrderSummary }) {
  const fmt = useMoney(order.currency);
  return (
    <Text size="sm" fw={600} className="pl-num">
      {fmt.money(order.gross)}
    </Text>
  );
}
