// Work orders (repair orders) with status chips, "Ready to Submit" (CompleteRO) among them, and search.
import { Anchor, Badge, Chip, Group, Table, Text } from "@mantine/core";
import { IconClipboardList, IconPackage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { ListPanel, SearchField } from "../../shared/ListPanel";
import { rowClick } from "../../shared/rowClick";
import { ScrollTable } from "../../shared/ScrollTable";
import { PageHeader } from "../../shared/ui";
import { useListParams } from "../../shared/useListParams";
import { useWorkOrders, WORK_ORDER_STATUSES, type WorkOrderSummary } from "./workOrderApi";
import { WorkOrderStatusBadge } from "./workOrderUi";

export function WorkOrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const list = useListParams(["status"], { minSearch: 3 });
  const status = list.filters.status ?? "";
  const query = useWorkOrders({ status, q: list.q, offset: list.offset });
  const filtered = list.q !== "" || status !== "";

  return (
    <>
      <PageHeader title={t("workOrders.title")} description={t("workOrders.hint")} />
      <Group mb="md" align="flex-end" gap="md" wrap="wrap">
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
        <SearchField
          label={t("workOrders.search")}
          placeholder={t("workOrders.searchPlaceholder")}
          description={t("common.searchMinLength")}
          list={list}
          busy={query.isFetching && !query.isPending}
        />
      </Group>
      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconClipboardList size={32} aria-hidden />,
          filtered,
          title: filtered ? t("workOrders.noMatch") : t("workOrders.empty"),
          hint: filtered ? t("workOrders.noMatchHint") : t("workOrders.emptyHint"),
          clearLabel: t("workOrders.clearFilters"),
        }}
      >
        {(items) => (
          <ScrollTable minWidth={820} label={t("workOrders.tableCaption")}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={t("workOrders.tableCaption")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("workOrders.col.number")}</Table.Th>
                  <Table.Th scope="col">{t("workOrders.col.customer")}</Table.Th>
                  <Table.Th scope="col">{t("workOrders.col.unit")}</Table.Th>
                  <Table.Th scope="col">{t("workOrders.col.status")}</Table.Th>
                  <Table.Th scope="col">{t("workOrders.col.po")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("workOrders.col.gross")}
                  </Table.Th>
                  <Table.Th scope="col">{t("workOrders.col.opened")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((order) => (
                  <Table.Tr
                    key={order.id}
                    className="pl-clickable-row"
                    onClick={rowClick(navigate, `/shop/work-orders/${order.id}`)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/shop/work-orders/${order.id}`}
                        fw={600}
                        className="pl-num"
                      >
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
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
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
