import { Anchor, Button, Card, EmptyState, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type EstimateSummary, usePortalEstimates } from "../estimates/estimateApi";
import { EstimateStatusBadge, useMoney } from "../estimates/estimateUi";
import { PageHeader, QueryError, TableSkeleton } from "../shared/ui";

export function PortalEstimatesPage() {
  const { t } = useTranslation();
  const query = usePortalEstimates();
  const items = [...(query.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.status === "awaiting_customer") - Number(a.status === "awaiting_customer") ||
      b.updatedAt.localeCompare(a.updatedAt),
  );

  return (
    <>
      <PageHeader title={t("portal.pendingApproval")} />
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyState
            py="lg"
            icon={<IconClipboardCheck size={32} aria-hidden />}
            withIndicatorBackground
            title={t("estimates.portal.empty")}
            description={t("estimates.portal.emptyHint")}
          />
        </Card>
      ) : (
        <SimpleGrid
          cols={{ base: 1, sm: 2 }}
          spacing="md"
          component="ul"
          p={0}
          m={0}
          aria-label={t("estimates.portal.listLabel")}
        >
          {items.map((estimate) => (
            <EstimateCard key={estimate.id} estimate={estimate} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

function EstimateCard({ estimate }: { estimate: EstimateSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fmt = useMoney(estimate.currency);
  const to = `/portal/estimates/${estimate.id}`;
  return (
    <Card component="li" withBorder radius="md" padding="md" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <Title order={2} size="h3" style={{ minWidth: 0 }}>
          <Anchor component={Link} to={to} inherit>
            {estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel}
          </Anchor>
        </Title>
        <EstimateStatusBadge status={estimate.status} />
      </Group>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" className="pl-num">
          {`${estimate.number} · ${t("estimates.versionNo", { version: estimate.currentVersion })}`}
        </Text>
        {estimate.gross !== null && estimate.gross !== undefined ? (
          <Text fw={700} size="lg" className="pl-num">
            {fmt.money(estimate.gross)}
          </Text>
        ) : null}
        <Button
          mt={4}
          variant={estimate.status === "awaiting_customer" ? "filled" : "default"}
          onClick={() => navigate(to)}
        >
          {t("estimates.portal.review")}
        </Button>
      </Stack>
    </Card>
  );
}
