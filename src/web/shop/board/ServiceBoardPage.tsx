// The Service Board: every unit with work in the shop, in six columns from Work Required to Ready to
// Submit. Technicians clock on to approved work right from a card; the board follows every change live.
import {
  Anchor,
  Badge,
  Box,
  Button,
  Chip,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconClock, IconPackage, IconPlayerPlay, IconShieldCheck, IconTool } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useMoney } from "../../estimates/estimateUi";
import { useCan } from "../../shared/session";
import { PageHeader, QueryError, TableSkeleton } from "../../shared/ui";
import { useClockOn } from "../workOrders/ClockSwitch";
import {
  BOARD_COLUMNS,
  type BoardCard,
  type BoardColumn,
  useServiceBoard,
  type WorkItem,
} from "../workOrders/workOrderApi";
import { notifyFailure, useApplyWorkOrder, WorkOrderStatusBadge } from "../workOrders/workOrderUi";

export type { WorkItem };

const COLUMN_COLORS: Record<BoardColumn, string> = {
  work_required: "blue",
  in_progress: "indigo",
  waiting_customer: "yellow",
  waiting_parts: "orange",
  unit_ready: "teal",
  ready_to_submit: "green",
};

export function ServiceBoardPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const technician = searchParams.get("technician") ?? "";
  const columnParam = searchParams.get("column") ?? "";
  const picked = columnParam
    .split(",")
    .filter((c): c is BoardColumn => (BOARD_COLUMNS as readonly string[]).includes(c));
  const query = useServiceBoard({ technician, column: picked.join(",") });
  const shown = picked.length > 0 ? BOARD_COLUMNS.filter((c) => picked.includes(c)) : BOARD_COLUMNS;
  const filtered = technician !== "" || picked.length > 0;

  const setParam = (key: string, value: string) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t("board.title")} description={t("board.hint")} />
      <Group mb="md" align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t("board.technician")}
          data={[
            { value: "", label: t("board.allTechnicians") },
            ...(query.data?.technicians ?? []).map((tech) => ({ value: tech.id, label: tech.name })),
          ]}
          value={technician}
          onChange={(value) => setParam("technician", value ?? "")}
          allowDeselect={false}
          w={220}
        />
        <Box>
          <Text size="sm" fw={500} mb={4} id="board-column-filter">
            {t("board.columnFilter")}
          </Text>
          <Chip.Group multiple value={picked} onChange={(value) => setParam("column", value.join(","))}>
            <Group gap={6} role="group" aria-labelledby="board-column-filter">
              {BOARD_COLUMNS.map((column) => (
                <Chip key={column} value={column} size="sm" color={COLUMN_COLORS[column]}>
                  {t(`board.columns.${column}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Box>
        {filtered ? (
          <Button variant="subtle" onClick={() => setSearchParams({}, { replace: true })}>
            {t("board.clearFilters")}
          </Button>
        ) : null}
        {query.isFetching && !query.isPending ? <Loader size="sm" aria-label={t("common.loading")} /> : null}
      </Group>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 && !filtered ? (
        <Paper withBorder radius="md" p="lg">
          <Text>{t("board.empty")}</Text>
        </Paper>
      ) : (
        <Box
          role="region"
          aria-label={t("board.title")}
          tabIndex={0}
          // The six columns share the width on a wide screen (all of them in view at 1440 px); narrower,
          // the region scrolls sideways, by keyboard too, one column at a time on a phone.
          className="pl-scroll-region pl-board"
        >
          {shown.map((column) => (
            <BoardColumnView
              key={column}
              column={column}
              cards={query.data.items.filter((card) => card.column === column)}
            />
          ))}
        </Box>
      )}
    </>
  );
}

function BoardColumnView({ column, cards }: { column: BoardColumn; cards: BoardCard[] }) {
  const { t } = useTranslation();
  const headingId = `board-column-${column}`;
  return (
    <Box component="section" aria-labelledby={headingId} bg="gray.1" p="xs" bdrs="md">
      <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
        <Title order={2} size="h5" id={headingId}>
          {t(`board.columns.${column}`)}
        </Title>
        <Badge
          variant="filled"
          color={`${COLUMN_COLORS[column]}.9`}
          radius="sm"
          aria-label={t("board.count", { count: cards.length })}
        >
          {cards.length}
        </Badge>
      </Group>
      {cards.length === 0 ? (
        <Text size="sm" c="dimmed" px={4} py="sm">
          {t("board.columnEmpty")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {cards.map((card) => (
            <li key={card.unitId}>
              <UnitCard card={card} />
            </li>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function UnitCard({ card }: { card: BoardCard }) {
  const { t } = useTranslation();
  const wo = card.workOrder;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={[card.unitLabel, card.plate].filter(Boolean).join(" ")}
    >
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Anchor
            component={Link}
            to={`/shop/units/${card.unitId}`}
            fw={700}
            style={{ overflowWrap: "anywhere" }}
          >
            {card.unitLabel}
          </Anchor>
          {wo ? <WorkOrderStatusBadge status={wo.status} size="sm" /> : null}
        </Group>
        {card.plate || card.fleetNumber ? (
          // A narrow column (six share 1440 px) wraps between plate and fleet number, never past the card.
          <Text size="sm" className="pl-num" style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>
            {[card.plate, card.fleetNumber ? t("board.fleetNo", { number: card.fleetNumber }) : null]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {card.customerName}
        </Text>
        {wo ? (
          <>
            <Group gap={4} justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/shop/work-orders/${wo.id}`} size="sm" className="pl-num">
                {wo.number}
              </Anchor>
              <Text size="sm" className="pl-num">
                {t("board.jobsDone", { done: wo.jobsDone, total: wo.jobsTotal })}
              </Text>
            </Group>
            {wo.waitingForParts || wo.requiresAuthorisation ? (
              <Group gap={4}>
                {wo.waitingForParts ? (
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
                {wo.requiresAuthorisation ? (
                  <Badge
                    variant="light"
                    color="gray"
                    radius="sm"
                    tt="none"
                    leftSection={<IconShieldCheck size={12} aria-hidden />}
                  >
                    {t("workOrders.requiresAuthorisation")}
                  </Badge>
                ) : null}
              </Group>
            ) : null}
            {wo.clockedOn.map((c) => (
              <Group key={`${c.id}-${c.job}`} gap={6} wrap="nowrap" align="flex-start">
                <IconClock
                  size={16}
                  aria-hidden
                  color="var(--mantine-color-green-8)"
                  style={{ flexShrink: 0, marginTop: 2 }}
                />
                <Text size="sm">{t("board.clockedOn", { name: c.name, job: c.job })}</Text>
              </Group>
            ))}
          </>
        ) : null}
        {card.work.length > 0 ? <WorkItems card={card} /> : null}
      </Stack>
    </Paper>
  );
}

function WorkItems({ card }: { card: BoardCard }) {
  const { t } = useTranslation();
  const canClock = useCan("time:clock");
  const navigate = useNavigate();
  const applyOrder = useApplyWorkOrder();
  const fmt = useMoney(card.work[0]?.currency ?? "EUR");
  const [busy, setBusy] = useState<string | null>(null);
  const { clockOn: post, dialog: clockSwitch } = useClockOn();

  const clockOn = async (item: WorkItem) => {
    setBusy(item.id);
    try {
      const order = await post(`/api/v1/work-items/${encodeURIComponent(item.id)}/clock-on`);
      if (!order) return;
      applyOrder(order);
      navigate(`/shop/work-orders/${order.id}`);
    } catch (error) {
      notifyFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap={6} mt={4}>
      {clockSwitch}
      <Group gap={4}>
        <IconTool size={14} aria-hidden />
        <Text size="xs" fw={700} tt="uppercase" c="blue.9">
          {t("board.workRequired")}
        </Text>
      </Group>
      <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {card.work.map((w) => (
          <Box component="li" key={w.id} p={6} bg="blue.0" bdrs="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {w.description}
              </Text>
              <Text size="sm" className="pl-num" style={{ whiteSpace: "nowrap" }}>
                {fmt.money(w.net)}
              </Text>
            </Group>
            {w.estimateId ? (
              <Anchor component={Link} to={`/shop/estimates/${w.estimateId}`} size="xs">
                {t("board.fromEstimate", { number: w.estimateNumber ?? "", version: w.versionNo ?? 1 })}
              </Anchor>
            ) : null}
            {canClock ? (
              <Button
                fullWidth
                mt={6}
                h={44}
                leftSection={<IconPlayerPlay size={18} aria-hidden />}
                loading={busy === w.id}
                disabled={busy !== null && busy !== w.id}
                aria-label={t("board.clockOnTo", { description: w.description })}
                onClick={() => void clockOn(w)}
              >
                {t("workOrders.clockOn")}
              </Button>
            ) : null}
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}
