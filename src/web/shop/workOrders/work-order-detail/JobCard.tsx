import { Alert, Badge, Button, Group, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCheck,
  IconClock,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconRotate,
} from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { ScrollTable } from "../../../shared/ScrollTable";
import { useCan, useCurrentSession } from "../../../shared/session";
import { useClockOn } from "../ClockSwitch";
import { NumberTableHead } from "../NumberTableHead";
import type { Job, WorkOrder } from "../workOrderApi";
import { hoursMinutes } from "../workOrderUi";
import { AddPartForm } from "./AddPartForm";
import type { Run } from "./useRunner";

export function JobCard({
  job,
  order,
  busy,
  run,
}: {
  job: Job;
  order: WorkOrder;
  busy: string | null;
  run: Run;
}) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const canClock = useCan("time:clock");
  const canAddParts = useCan("job-parts:write");
  const fmt = useMoney(order.currency);
  const [addingPart, setAddingPart] = useState(false);
  const { clockOn, dialog: clockSwitch } = useClockOn();
  const open = order.status === "in_progress";
  const mine = job.clockedOn.some((c) => c.id === session.user.id);
  const over = job.clockedHoursMilli > job.estimatedHoursMilli;
  const jobPath = `/api/v1/jobs/${encodeURIComponent(job.id)}`;
  const titleId = `job-${job.id}`;
  const statusColor = job.status === "done" ? "green" : job.status === "started" ? "blue" : "gray";

  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-labelledby={titleId}>
      {clockSwitch}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Title order={3} size="h4" id={titleId} style={{ overflowWrap: "anywhere" }}>
          {job.description}
        </Title>
        <Badge variant="light" color={statusColor} radius="sm" tt="none" className="pl-badge-full">
          {t(`workOrders.jobStatus.${job.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt="xs">
        <Fact label={t("workOrders.pricing")}>
          {job.pricing === "flat"
            ? t("workOrders.flatPrice", { price: fmt.money(job.unitPrice) })
            : t("workOrders.hourlyPrice", { rate: fmt.money(job.unitPrice) })}
        </Fact>
        <Fact label={t("workOrders.estimated")}>
          <span className="pl-num">
            {t("workOrders.hours", { value: hoursMinutes(job.estimatedHoursMilli) })}
          </span>
        </Fact>
        <Fact label={t("workOrders.clocked")}>
          <Text span inherit className="pl-num" c={over ? "red.9" : undefined} fw={over ? 700 : undefined}>
            {t("workOrders.hours", { value: hoursMinutes(job.clockedHoursMilli) })}
            {over ? ` · ${t("workOrders.overEstimate")}` : null}
          </Text>
        </Fact>
        <Fact label={t("workOrders.billed")}>
          <Text span inherit className="pl-num" fw={job.beyondTolerance ? 700 : undefined}>
            {job.billedHoursMilli === null
              ? t("workOrders.hoursCheckFlat")
              : t("workOrders.hours", { value: hoursMinutes(job.billedHoursMilli) })}
          </Text>
        </Fact>
      </SimpleGrid>
      {job.beyondTolerance && job.billedHoursMilli !== null ? (
        <Alert
          color="yellow"
          variant="light"
          mt="xs"
          p="xs"
          icon={<IconAlertTriangle size={18} aria-hidden />}
        >
          <Text size="sm" fw={600}>
            {t("workOrders.beyondTolerance", {
              billed: hoursMinutes(job.billedHoursMilli),
              approved: hoursMinutes(job.estimatedHoursMilli),
              tolerance: order.billingPolicy.tolerancePct,
            })}
          </Text>
        </Alert>
      ) : null}
      {job.clockedOn.length > 0 ? (
        <Group gap={6} mt="xs" wrap="nowrap" align="flex-start">
          <IconClock size={16} aria-hidden color="var(--mantine-color-green-8)" style={{ marginTop: 2 }} />
          <Text size="sm">
            {t("workOrders.clockedOnNow", { names: job.clockedOn.map((c) => c.name).join(", ") })}
          </Text>
        </Group>
      ) : null}
      {job.parts.length > 0 ? (
        <ScrollTable minWidth={420} label={t("workOrders.partsOf", { job: job.description })}>
          <Table
            mt="xs"
            verticalSpacing={4}
            fz="sm"
            aria-label={t("workOrders.partsOf", { job: job.description })}
          >
            <NumberTableHead
              columns={[
                { label: t("workOrders.part") },
                { label: t("workOrders.partNumber") },
                { label: t("workOrders.quantity"), numeric: true },
                { label: t("workOrders.unitPrice"), numeric: true },
              ]}
            />
            <Table.Tbody>
              {job.parts.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.description}</Table.Td>
                  <Table.Td className="pl-num">{p.partNumber ?? t("common.notSet")}</Table.Td>
                  <Table.Td ta="right" className="pl-num">
                    {fmt.quantity(p.quantityMilli)}
                  </Table.Td>
                  <Table.Td ta="right" className="pl-num">
                    {fmt.money(p.unitPrice)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      {open && (canClock || canAddParts) ? (
        <Group gap="xs" mt="sm">
          {canClock && job.status !== "done" ? (
            mine ? (
              <Button
                h={44}
                color="red.9"
                leftSection={<IconPlayerStop size={18} aria-hidden />}
                loading={busy === `off-${job.id}`}
                disabled={busy !== null}
                aria-label={t("workOrders.clockOffFrom", { job: job.description })}
                onClick={() => void run(`off-${job.id}`, () => api.post<WorkOrder>("/api/v1/clock-off"))}
              >
                {t("workOrders.clockOff")}
              </Button>
            ) : (
              <Button
                h={44}
                leftSection={<IconPlayerPlay size={18} aria-hidden />}
                loading={busy === `on-${job.id}`}
                disabled={busy !== null}
                aria-label={t("workOrders.clockOnTo", { job: job.description })}
                onClick={() => void run(`on-${job.id}`, () => clockOn(`${jobPath}/clock-on`))}
              >
                {t("workOrders.clockOn")}
              </Button>
            )
          ) : null}
          {canClock && job.status !== "done" ? (
            <Button
              h={44}
              variant="light"
              color="green"
              leftSection={<IconCheck size={18} aria-hidden />}
              loading={busy === `finish-${job.id}`}
              disabled={busy !== null}
              aria-label={t("workOrders.finishJob", { job: job.description })}
              onClick={() =>
                void run(
                  `finish-${job.id}`,
                  () => api.post<WorkOrder>(`${jobPath}/finish`),
                  t("workOrders.finished", { job: job.description }),
                )
              }
            >
              {t("workOrders.finish")}
            </Button>
          ) : null}
          {canClock && job.status === "done" ? (
            <Button
              h={44}
              variant="default"
              leftSection={<IconRotate size={18} aria-hidden />}
              loading={busy === `reopen-${job.id}`}
              disabled={busy !== null}
              aria-label={t("workOrders.reopenJob", { job: job.description })}
              onClick={() => void run(`reopen-${job.id}`, () => api.post<WorkOrder>(`${jobPath}/reopen`))}
            >
              {t("workOrders.reopen")}
            </Button>
          ) : null}
          {canAddParts ? (
            <Button
              h={44}
              variant="default"
              leftSection={<IconPlus size={18} aria-hidden />}
              aria-label={t("workOrders.addPartTo", { job: job.description })}
              onClick={() => setAddingPart(true)}
            >
              {t("workOrders.addPart")}
            </Button>
          ) : null}
        </Group>
      ) : null}
      <AppModal
        opened={addingPart}
        onClose={() => setAddingPart(false)}
        title={t("workOrders.addPartTo", { job: job.description })}
      >
        {addingPart ? (
          <AddPartForm job={job} currency={order.currency} onClose={() => setAddingPart(false)} />
        ) : null}
      </AppModal>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
