// One work order: its jobs with estimated against clocked hours, who is on them, their parts, the
// billing it will hand over, the moves allowed now (Unit Ready … Invoice) and its history.
import { Alert, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DetailSkeleton, PageHeader, QueryError } from "../../shared/ui";
import { InspectionSection } from "../inspection/InspectionSection";
import { QualificationSection } from "./QualificationSection";
import { BillingSection } from "./work-order-detail/BillingSection";
import { ConfirmMoveModal } from "./work-order-detail/ConfirmMoveModal";
import { DetailsPanel } from "./work-order-detail/DetailsPanel";
import { JobCard } from "./work-order-detail/JobCard";
import { NextMoves, useMoves } from "./work-order-detail/NextMoves";
import { useRunner } from "./work-order-detail/useRunner";
import { BackLink, WorkOrderHeader } from "./work-order-detail/WorkOrderHeader";
import { WorkOrderHistory } from "./work-order-detail/WorkOrderHistory";
import { useWorkOrder, type WorkOrder } from "./workOrderApi";

export function WorkOrderDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useWorkOrder(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("workOrders.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <WorkOrderView order={query.data} />;
}

function WorkOrderView({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useRunner(setError);
  const { moves, move, confirming, setConfirming } = useMoves(order, run);

  return (
    <>
      <BackLink />
      <WorkOrderHeader order={order} />
      <Stack gap="lg">
        {error ? (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            title={t("workOrders.actionFailed")}
            role="alert"
            withCloseButton
            closeButtonLabel={t("common.close")}
            onClose={() => setError(null)}
          >
            <Text size="sm">{error}</Text>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap="lg" className="pl-span-2">
            <Paper withBorder radius="md" p="md">
              <Title order={2} mb="md">
                {t("workOrders.jobs")}
              </Title>
              <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                {order.jobs.map((job) => (
                  <JobCard key={job.id} job={job} order={order} busy={busy} run={run} />
                ))}
              </Stack>
            </Paper>
          </Stack>
          <Stack gap="lg">
            <NextMoves order={order} busy={busy} moves={moves} move={move} onConfirm={setConfirming} />
            <DetailsPanel order={order} busy={busy} run={run} />
          </Stack>
        </SimpleGrid>
        <InspectionSection workOrderId={order.id} />
        <QualificationSection workOrderId={order.id} currency={order.currency} />
        <BillingSection order={order} />
        <WorkOrderHistory order={order} />
      </Stack>
      <ConfirmMoveModal
        move={confirming}
        order={order}
        busy={busy !== null}
        onClose={() => setConfirming(null)}
        onConfirm={async (note) => {
          if (confirming && (await move(confirming, note))) setConfirming(null);
          else setConfirming(null);
        }}
      />
    </>
  );
}
