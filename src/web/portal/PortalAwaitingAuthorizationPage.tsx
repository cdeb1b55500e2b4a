import { Anchor, Button, Card, EmptyState, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconFileCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMoney } from "../estimates/estimateUi";
import { PageHeader, QueryError, TableSkeleton } from "../shared/ui";
import { type PortalWorkOrderSummary, usePortalWorkOrders } from "./portalWorkOrderApi";
import { unitTitle, WorkOrderStatusBadge } from "./portalWorkOrderUi";

/** Work orders the shop submitted for the fleet customer's authorisation before invoicing. */
export function PortalAwaitingAuthorizationPage() {
  const { t } = useTranslation();
  const query = usePortalWorkOrders({ status: "awaiting_authorization" }, 0, 100);
  const items = [...(query.data?.items ?? [])].sort((a, b) =>
    (a.readyToSubmitAt ?? a.openedAt).localeCompare(b.readyToSubmitAt ?? b.openedAt),
  );

  return (
    <>
      <PageHeader title={t("portalWorkOrders.awaitingAuthorization")} />
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyState
            py="lg"
            icon={<IconFileCheck size={32} aria-hidden />}
            withIndicatorBackground
            title={t("portalWorkOrders.awaitingEmpty")}
            description={t("portalWorkOrders.awaitingEmptyHint")}
          />
        </Card>
      ) : (
        <SimpleGrid
          cols={{ base: 1, sm: 2 }}
          spacing="md"
          component="ul"
          p={0}
          m={0}
          aria-label={t("portalWorkOrders.awaitingList")}
        >
          {items.map((order) => (
            <AwaitingCard key={order.id} order={order} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

function AwaitingCard({ order }: { order: PortalWorkOrderSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fmt = useMoney(order.currency);
  const to = `/portal/repair-orders/${order.id}`;
  const state = { from: "awaiting" };
  return (
    <Card component="li" withBorder radius="md" padding="md" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <Title order={2} size="h3" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          <Anchor component={Link} to={to} state={state} inherit>
            {unitTitle(order)}
          </Anchor>
        </Title>
        <WorkOrderStatusBadge status={order.status} />
      </Group>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" className="pl-num" style={{ whiteSpace: "normal" }}>
          {[
            order.number,
            order.fleetNumber ? t("portalWorkOrders.fleetNumber", { number: order.fleetNumber }) : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {order.poNumber
            ? t("portalWorkOrders.poValue", { number: order.poNumber })
            : t("portalWorkOrders.noPo")}
        </Text>
        <Text fw={700} size="lg" className="pl-num">
          {fmt.money(order.gross)}
        </Text>
        <Button mt={4} onClick={() => navigate(to, { state })}>
          {t("portalWorkOrders.review")}
        </Button>
      </Stack>
    </Card>
  );
}
