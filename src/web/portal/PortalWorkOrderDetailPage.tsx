import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconClock, IconFileCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { TotalsBox, useMoney } from "../estimates/estimateUi";
import { useFormat } from "../shared/format";
import { emptyToNull } from "../shared/forms";
import { ConflictAlert, DetailSkeleton, PageHeader, QueryError } from "../shared/ui";
import { type PortalWorkOrder, usePortalWorkOrder } from "./portalWorkOrderApi";
import { unitTitle, WorkOrderStatusBadge } from "./portalWorkOrderUi";
import { AuthorizeModal } from "./workOrder/AuthorizeModal";
import { InvoiceBox } from "./workOrder/InvoiceBox";
import { JobsList } from "./workOrder/JobsList";
import { usePoNumber } from "./workOrder/usePoNumber";
import { WorkOrderFacts } from "./workOrder/WorkOrderFacts";

function BackLink() {
  const { t } = useTranslation();
  const location = useLocation();
  const fromAwaiting = (location.state as { from?: string } | null)?.from === "awaiting";
  return (
    <Anchor
      component={Link}
      to={fromAwaiting ? "/portal/authorizations" : "/portal/repair-orders"}
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {fromAwaiting ? t("portalWorkOrders.backToAwaiting") : t("portalWorkOrders.backToHistory")}
    </Anchor>
  );
}

export function PortalWorkOrderDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = usePortalWorkOrder(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("portalWorkOrders.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <WorkOrderView order={query.data} onReload={() => void query.refetch()} />;
}

function WorkOrderView({ order, onReload }: { order: PortalWorkOrder; onReload: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(order.currency);
  const invoiced = order.status === "invoiced";
  const canAuthorize = order.moves.includes("authorize");

  const po = usePoNumber(order);
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span className="pl-num">{order.number}</span>
            <WorkOrderStatusBadge status={order.status} size="lg" />
          </Group>
        }
        documentTitle={`${t("portalWorkOrders.detailTitle")} ${order.number}`}
        description={
          <>
            <Text fw={600} c="dark" style={{ overflowWrap: "anywhere" }}>
              {unitTitle(order)}
            </Text>
            {order.fleetNumber ? (
              <Text size="sm">{t("portalWorkOrders.fleetNumber", { number: order.fleetNumber })}</Text>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        <ConflictAlert message={po.conflict} onReload={onReload} />
        {invoiced && order.invoice ? (
          <InvoiceBox order={order} invoice={order.invoice} />
        ) : invoiced ? (
          // Handed to invoicing, but the shop has not issued the invoice yet: say so, not "Invoiced".
          <Alert
            color="blue"
            icon={<IconClock aria-hidden />}
            title={t("portalWorkOrders.invoicePending", { date: format.date(order.invoicedAt) })}
            role="status"
          >
            <Text size="sm">{t("portalWorkOrders.invoicePendingBody")}</Text>
          </Alert>
        ) : canAuthorize ? (
          <Alert color="yellow" icon={<IconClock aria-hidden />} title={t("portalWorkOrders.awaitingAlert")}>
            <Text size="sm">{t("portalWorkOrders.awaitingAlertBody")}</Text>
          </Alert>
        ) : null}

        <WorkOrderFacts order={order} po={po} />

        <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }}>
          <Title order={2} mb="sm" px={{ base: "xs", sm: 0 }} pt={{ base: "xs", sm: 0 }}>
            {t("portalWorkOrders.jobs")}
          </Title>
          <JobsList order={order} />
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={2} mb="sm">
            {t("portalWorkOrders.totals")}
          </Title>
          <TotalsBox totals={order.billing.totals} currency={order.currency} />
        </Paper>

        {canAuthorize ? (
          <Button
            size="md"
            color="#1e6b30"
            leftSection={<IconFileCheck size={18} aria-hidden />}
            onClick={() => {
              po.setFormError(null);
              if (po.validPo()) setConfirming(true);
            }}
          >
            {t("portalWorkOrders.authorize")}
          </Button>
        ) : null}
      </Stack>
      <AuthorizeModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        order={order}
        gross={fmt.money(order.billing.totals.gross)}
        poNumber={emptyToNull(po.po)}
        onConfirm={po.authorize}
        onError={po.handleError}
      />
    </>
  );
}
