import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconClipboardCheck, IconHistory } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import {
  type EstimateSummary,
  type PortalEstimateState,
  usePendingEstimatesCount,
  usePortalEstimates,
} from "../estimates/estimateApi";
import { EstimateStatusBadge, useMoney } from "../estimates/estimateUi";
import { PageHeader } from "../shared/ui";
import { PAGE_SIZE, useListParams } from "../shared/useListParams";
import { PortalCardPage } from "./PortalCardPage";

/**
 * Pending Approval shows only what waits for the customer's decision (its count on the tab);
 * what was decided, disputed or is being revised moves to History. The tab is in the address.
 */
export function PortalEstimatesPage() {
  const { t } = useTranslation();
  // The tab and the page are in the address; a new tab starts on its first page.
  const list = useListParams(["tab"]);
  const tab: PortalEstimateState = list.filters.tab === "history" ? "history" : "pending";
  const count = usePendingEstimatesCount();

  return (
    <>
      <PageHeader title={t("portal.pendingApproval")} />
      <Tabs
        value={tab}
        onChange={(value) => list.setFilter("tab", value === "history" ? "history" : "")}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="pending"
            leftSection={<IconClipboardCheck size={16} aria-hidden />}
            rightSection={
              count > 0 ? (
                <Badge
                  size="sm"
                  circle={count < 10}
                  color="red.9"
                  aria-label={t("estimates.portal.waitingCount", { count })}
                >
                  {count}
                </Badge>
              ) : null
            }
          >
            {t("estimates.portal.pendingTab")}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} aria-hidden />}>
            {t("estimates.portal.historyTab")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending">
          <EstimateList state="pending" offset={list.offset} onOffsetChange={list.setOffset} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <EstimateList state="history" offset={list.offset} onOffsetChange={list.setOffset} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function EstimateList({
  state,
  offset,
  onOffsetChange,
}: {
  state: PortalEstimateState;
  offset: number;
  onOffsetChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const query = usePortalEstimates(state, offset, PAGE_SIZE);
  const pending = state === "pending";
  return (
    <PortalCardPage
      label={t(pending ? "estimates.portal.listLabel" : "estimates.portal.historyLabel")}
      query={query}
      card={(estimate) => <EstimateCard key={estimate.id} estimate={estimate} />}
      empty={{
        icon: pending ? <IconClipboardCheck size={32} aria-hidden /> : <IconHistory size={32} aria-hidden />,
        title: t(pending ? "estimates.portal.empty" : "estimates.portal.historyEmpty"),
        description: t(pending ? "estimates.portal.emptyHint" : "estimates.portal.historyEmptyHint"),
      }}
      limit={PAGE_SIZE}
      offset={offset}
      onOffsetChange={onOffsetChange}
    />
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
