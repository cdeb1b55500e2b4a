import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconFileSpreadsheet, IconTool } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../estimates/estimateUi";
import { useFormat } from "../shared/format";
import { ListPanel, SearchField } from "../shared/ListPanel";
import { PageHeader } from "../shared/ui";
import { PAGE_SIZE, useListParams } from "../shared/useListParams";
import {
  exportHref,
  isPortalWorkOrderStatus,
  type PortalWorkOrderSummary,
  portalWorkOrderStatuses,
  usePortalWorkOrders,
} from "./portalWorkOrderApi";
import { unitTitle, WorkOrderStatusBadge } from "./portalWorkOrderUi";

/** Repair Orders – History: every work order of the customer, searchable by PO number, as CSV too. */
export function PortalRepairOrdersPage() {
  const { t } = useTranslation();
  // The URL's ?q= is the PO search (debounced by useListParams); ?status= narrows by status.
  const list = useListParams(["status"]);
  const status = isPortalWorkOrderStatus(list.filters.status ?? "") ? list.filters.status : "";
  const filters = { status: status || undefined, po: list.q || undefined };
  const query = usePortalWorkOrders(filters, list.offset, PAGE_SIZE);
  const filtered = Boolean(filters.status || filters.po);

  return (
    <>
      <PageHeader title={t("portalWorkOrders.history")} />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SearchField
            label={t("portalWorkOrders.searchPo")}
            placeholder={t("portalWorkOrders.searchPoPlaceholder")}
            list={list}
            busy={query.isFetching && !query.isPending}
          />
          <NativeSelect
            label={t("portalWorkOrders.statusFilter")}
            value={status}
            onChange={(event) => list.setFilter("status", event.currentTarget.value)}
            data={[
              { value: "", label: t("portalWorkOrders.allStatuses") },
              ...portalWorkOrderStatuses.map((value) => ({
                value,
                label: t(`portalWorkOrders.status.${value}`),
              })),
            ]}
            style={{ flex: "1 1 12rem", maxWidth: "20rem" }}
          />
          <Button
            component="a"
            href={exportHref(filters)}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            title={t("portalWorkOrders.exportLabel")}
            style={{ flex: "0 0 auto" }}
          >
            {t("portalWorkOrders.exportCsv")}
          </Button>
        </Group>
        <ListPanel
          query={query}
          list={list}
          empty={{
            icon: <IconTool size={32} aria-hidden />,
            filtered,
            title: filtered ? t("portalWorkOrders.noMatch") : t("portalWorkOrders.historyEmpty"),
            hint: filtered ? t("portalWorkOrders.noMatchHint") : t("portalWorkOrders.historyEmptyHint"),
            clearLabel: t("portalWorkOrders.clearSearch"),
          }}
        >
          {(items) => (
            <SimpleGrid
              cols={{ base: 1, md: 2 }}
              spacing="sm"
              component="ul"
              p={0}
              m={0}
              aria-label={t("portalWorkOrders.historyList")}
            >
              {items.map((order) => (
                <HistoryCard key={order.id} order={order} />
              ))}
            </SimpleGrid>
          )}
        </ListPanel>
      </Stack>
    </>
  );
}

function HistoryCard({ order }: { order: PortalWorkOrderSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(order.currency);
  return (
    <Paper component="li" withBorder radius="md" p="sm" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} size="h4" className="pl-num">
            <Anchor component={Link} to={`/portal/repair-orders/${order.id}`} inherit>
              {order.number}
            </Anchor>
          </Title>
          <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
            {unitTitle(order)}
          </Text>
        </Stack>
        <WorkOrderStatusBadge status={order.status} size="sm" />
      </Group>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xs" mt={6}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          {order.fleetNumber ? (
            <Text size="sm" c="dimmed">
              {t("portalWorkOrders.fleetNumber", { number: order.fleetNumber })}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {`${t("portalWorkOrders.opened")}: ${format.date(order.openedAt)}`}
          </Text>
          {order.invoicedAt ? (
            <Text size="sm" c="dimmed">
              {`${t("portalWorkOrders.invoiced")}: ${format.date(order.invoicedAt)}`}
            </Text>
          ) : null}
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {order.poNumber
              ? t("portalWorkOrders.poValue", { number: order.poNumber })
              : t("portalWorkOrders.noPo")}
          </Text>
        </Stack>
        <Text fw={700} className="pl-num">
          {fmt.money(order.gross)}
        </Text>
      </Group>
    </Paper>
  );
}
