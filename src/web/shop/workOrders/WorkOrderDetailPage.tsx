// One work order: its jobs with estimated against clocked hours, who is on them, their parts, the
// billing it will hand over, the moves allowed now (Unit Ready … Invoice) and its history.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconClock,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconRotate,
} from "@tabler/icons-react";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api";
import { TotalsBox, useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan, useCurrentSession } from "../../shared/session";
import { DetailSkeleton, errorMessage, FormError, PageHeader, QueryError } from "../../shared/ui";
import { InspectionSection } from "../inspection/InspectionSection";
import { WorkOrderInvoiceLink } from "../invoices/invoiceUi";
import { useClockOn } from "./ClockSwitch";
import {
  PartFields,
  type PartFieldValues,
  partBody,
  partInitialValues,
  partServerFields,
  partValidation,
} from "./partFields";
import { QualificationSection } from "./QualificationSection";
import {
  type Job,
  type JobStatus,
  MOVE_PATHS,
  useWorkOrder,
  type WorkOrder,
  type WorkOrderMove,
  type WorkOrderStatus,
} from "./workOrderApi";
import { hoursMinutes, useApplyWorkOrder, WorkOrderStatusBadge } from "./workOrderUi";

const TAX_RATES = [1900, 700, 0];

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/shop/work-orders"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("workOrders.backToList")}
    </Anchor>
  );
}

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

/** Runs one change at a time; what the server refuses (409 detail) shows in the page's alert. */
function useRunner(onError: (message: string | null) => void) {
  const { t } = useTranslation();
  const apply = useApplyWorkOrder();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, call: () => Promise<WorkOrder | null>, success?: string) => {
    setBusy(key);
    onError(null);
    try {
      const order = await call();
      // null: the technician cancelled (e.g. kept the job they are clocked on to).
      if (!order) return false;
      apply(order);
      if (success) notifySuccess(success);
      return true;
    } catch (error) {
      onError(errorMessage(error, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function WorkOrderView({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan("work-orders:write");
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useRunner(setError);
  const [confirming, setConfirming] = useState<"submit" | "invoice" | null>(null);
  const base = `/api/v1/work-orders/${encodeURIComponent(order.id)}`;

  // Submit (customer authorises) and Invoice (direct) exclude each other: show the one that applies.
  const moves = order.moves.filter((m) =>
    m === "submit" ? order.requiresAuthorisation : m === "invoice" ? !order.requiresAuthorisation : true,
  );
  const move = (m: WorkOrderMove, note?: string) =>
    run(
      m,
      () =>
        api.post<WorkOrder>(`${base}/${MOVE_PATHS[m]}`, { version: order.version, note: note || undefined }),
      t(`workOrders.moved.${m}`),
    );

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
        documentTitle={`${t("workOrders.detailTitle")} ${order.number}`}
        description={
          <Group gap="md" component="span" wrap="wrap">
            <Anchor component={Link} to={`/shop/customers/${order.customerId}`}>
              {order.customerName}
            </Anchor>
            <Anchor component={Link} to={`/shop/units/${order.unitId}`}>
              {[order.unitLabel, order.plate, order.fleetNumber].filter(Boolean).join(" · ")}
            </Anchor>
          </Group>
        }
      />
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
            <Paper withBorder radius="md" p="md">
              <Title order={2} mb="sm">
                {t("workOrders.next")}
              </Title>
              {order.status !== "invoiced" ? <HoursWarning order={order} /> : null}
              {moves.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {order.status === "in_progress" ? t("workOrders.finishJobsFirst") : t("workOrders.noMoves")}
                </Text>
              ) : canWrite ? (
                <Stack gap="xs">
                  {moves.map((m) => (
                    <Button
                      key={m}
                      h={44}
                      variant={m === "reopen" ? "default" : "filled"}
                      leftSection={m === "reopen" ? <IconRotate size={18} aria-hidden /> : null}
                      loading={busy === m}
                      disabled={busy !== null && busy !== m}
                      onClick={() => (m === "submit" || m === "invoice" ? setConfirming(m) : void move(m))}
                    >
                      {t(`workOrders.moves.${m}`)}
                    </Button>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("workOrders.advisorMoves")}
                </Text>
              )}
            </Paper>
            <DetailsPanel order={order} busy={busy} run={run} />
          </Stack>
        </SimpleGrid>
        <InspectionSection workOrderId={order.id} />
        <QualificationSection workOrderId={order.id} currency={order.currency} />
        <BillingSection order={order} />
        <Paper withBorder radius="md" p="md">
          <Title order={2} mb="md">
            {t("workOrders.history.title")}
          </Title>
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
            {[...order.history].reverse().map((h, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history never reorders
              <Paper component="li" key={index} withBorder radius="sm" p="xs" bg="white">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm">
                    <Text span fw={600} inherit>
                      <HistoryAction action={h.action} />
                    </Text>
                    {` · ${h.by}`}
                  </Text>
                  <Text
                    size="xs"
                    c="dimmed"
                    component="time"
                    dateTime={h.at}
                    style={{ whiteSpace: "nowrap" }}
                  >
                    {format.dateTime(h.at)}
                  </Text>
                </Group>
                {h.fromStatus && h.toStatus && h.fromStatus !== h.toStatus ? (
                  <Text size="xs" c="dimmed">
                    {/* Job moves carry job statuses, order moves order statuses. */}
                    {h.action.endsWith("-job")
                      ? `${t(`workOrders.jobStatus.${h.fromStatus as JobStatus}`)} → ${t(`workOrders.jobStatus.${h.toStatus as JobStatus}`)}`
                      : `${t(`workOrders.status.${h.fromStatus as WorkOrderStatus}`)} → ${t(`workOrders.status.${h.toStatus as WorkOrderStatus}`)}`}
                  </Text>
                ) : null}
                {h.note ? (
                  <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                    {t("common.quoted", { text: h.note })}
                  </Text>
                ) : null}
              </Paper>
            ))}
          </Stack>
        </Paper>
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

const HISTORY_ACTIONS = [
  "open",
  "add-job",
  "add-part",
  "clock-on",
  "clock-off",
  "finish-job",
  "reopen-job",
  "unit_ready",
  "reopen",
  "ready_to_submit",
  "submit",
  "invoice",
  "authorize",
  "set-po-number",
  "waiting-for-parts",
  "parts-arrived",
  "qualify",
  "price-part",
  "remove-part",
  "send-extension",
  "decide-extension",
  "start-inspection",
  "rate-item",
  "add-photo",
  "reject-photo",
  "complete-inspection",
] as const;

function HistoryAction({ action }: { action: string }) {
  const { t } = useTranslation();
  const known = HISTORY_ACTIONS.find((a) => a === action);
  return <>{known ? t(`workOrders.history.${known}`) : action}</>;
}

type Run = ReturnType<typeof useRunner>["run"];

function JobCard({ job, order, busy, run }: { job: Job; order: WorkOrder; busy: string | null; run: Run }) {
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
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("workOrders.part")}</Table.Th>
                <Table.Th scope="col">{t("workOrders.partNumber")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("workOrders.quantity")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("workOrders.unitPrice")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
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

function AddPartForm({ job, currency, onClose }: { job: Job; currency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const apply = useApplyWorkOrder();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PartFieldValues>({
    initialValues: partInitialValues,
    validate: partValidation({
      description: t("workOrders.descriptionRequired"),
      quantity: t("workOrders.quantityInvalid"),
      price: t("workOrders.priceInvalid"),
    }),
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const order = await api.post<WorkOrder>(
          `/api/v1/jobs/${encodeURIComponent(job.id)}/parts`,
          partBody(values),
        );
        apply(order);
        notifySuccess(t("workOrders.partAdded"));
        onClose();
      } catch (error) {
        setFormError(applyServerErrors(form, error, partServerFields));
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={formError} />
        <PartFields form={form} pricePlaceholder={fmt.moneyInput(0)} />
        <NativeSelect
          label={t("workOrders.taxRate")}
          data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
          {...form.getInputProps("taxRate")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("workOrders.addPart")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DetailsPanel({ order, busy, run }: { order: WorkOrder; busy: string | null; run: Run }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan("work-orders:write");
  const editable = canWrite && order.status !== "invoiced";
  const [editingPo, setEditingPo] = useState(false);
  const [po, setPo] = useState(order.poNumber ?? "");
  const base = `/api/v1/work-orders/${encodeURIComponent(order.id)}`;

  const savePo = async () => {
    const ok = await run("po", () =>
      api.patch<WorkOrder>(base, { poNumber: po.trim() || null, version: order.version }),
    );
    if (ok) setEditingPo(false);
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="sm">
        {t("workOrders.details")}
      </Title>
      <Stack gap="sm">
        {editingPo ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void savePo();
            }}
          >
            <TextInput
              label={t("workOrders.poNumber")}
              value={po}
              maxLength={60}
              onChange={(event) => setPo(event.currentTarget.value)}
              data-autofocus
              autoFocus
            />
            <Group gap="xs" mt="xs">
              <Button type="submit" size="sm" loading={busy === "po"}>
                {t("common.save")}
              </Button>
              <Button size="sm" variant="default" onClick={() => setEditingPo(false)}>
                {t("common.cancel")}
              </Button>
            </Group>
          </form>
        ) : (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <div>
              <Text size="xs" c="dimmed">
                {t("workOrders.poNumber")}
              </Text>
              <Text size="sm" className="pl-num">
                {order.poNumber ?? t("common.notSet")}
              </Text>
            </div>
            {editable ? (
              <Button
                variant="subtle"
                size="sm"
                leftSection={<IconPencil size={16} aria-hidden />}
                aria-label={t("workOrders.editPoNumber")}
                onClick={() => {
                  setPo(order.poNumber ?? "");
                  setEditingPo(true);
                }}
              >
                {t("common.edit")}
              </Button>
            ) : null}
          </Group>
        )}
        <Switch
          label={t("workOrders.waitingForParts")}
          checked={order.waitingForParts}
          disabled={!editable || order.status !== "in_progress" || busy !== null}
          onChange={(event) => {
            const waitingForParts = event.currentTarget.checked;
            void run("parts", () => api.patch<WorkOrder>(base, { waitingForParts, version: order.version }));
          }}
        />
        <DataList labelWidth="8rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("workOrders.invoicing")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {order.requiresAuthorisation ? t("workOrders.viaAuthorisation") : t("workOrders.direct")}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("workOrders.opened")}</DataList.ItemLabel>
            <DataList.ItemValue>{format.dateTime(order.openedAt)}</DataList.ItemValue>
          </DataList.Item>
          {order.unitReadyAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.unit_ready")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(order.unitReadyAt)}</DataList.ItemValue>
            </DataList.Item>
          ) : null}
          {order.readyToSubmitAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.ready_to_submit")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(order.readyToSubmitAt)}</DataList.ItemValue>
            </DataList.Item>
          ) : null}
          {order.invoicedAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.invoiced")}</DataList.ItemLabel>
              <DataList.ItemValue>
                {format.dateTime(order.invoicedAt)}
                <WorkOrderInvoiceLink workOrder={order} />
              </DataList.ItemValue>
            </DataList.Item>
          ) : null}
        </DataList>
      </Stack>
    </Paper>
  );
}

/** The jobs whose billed hours are far from the approved (beyond the location's tolerance), if any. */
function HoursWarning({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const flagged = order.jobs.filter((j) => j.beyondTolerance);
  if (flagged.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" mb="sm" icon={<IconAlertTriangle aria-hidden />}>
      <Text size="sm" fw={600}>
        {t("workOrders.hoursCheckWarning", { count: flagged.length })}
      </Text>
      <Text size="sm">{flagged.map((j) => j.description).join(", ")}</Text>
    </Alert>
  );
}

/** Per job: the approved (estimated), clocked and billed hours, as invoicing will bill them. */
function HoursCheck({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const tolerance = order.billingPolicy.tolerancePct;
  return (
    <ScrollTable minWidth={300} label={t("workOrders.hoursCheckTitle")}>
      <Table verticalSpacing={4} fz="sm" aria-label={t("workOrders.hoursCheckTitle")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("workOrders.hoursCheckJob")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("workOrders.approved")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("workOrders.clocked")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("workOrders.billed")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.jobs.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Th scope="row" fw={600}>
                {j.description}
              </Table.Th>
              <Table.Td ta="right" className="pl-num">
                {t("workOrders.hours", { value: hoursMinutes(j.estimatedHoursMilli) })}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {t("workOrders.hours", { value: hoursMinutes(j.clockedHoursMilli) })}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {j.billedHoursMilli === null ? (
                  t("workOrders.hoursCheckFlat")
                ) : (
                  <>
                    <Text span inherit fw={j.beyondTolerance ? 700 : undefined}>
                      {t("workOrders.hours", { value: hoursMinutes(j.billedHoursMilli) })}
                    </Text>
                    {/* On its own line, so a phone's modal shows it without scrolling the table. */}
                    {j.beyondTolerance ? (
                      <Text size="xs" fw={700} style={{ whiteSpace: "normal" }}>
                        {t("workOrders.beyondToleranceShort", { tolerance })}
                      </Text>
                    ) : null}
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function BillingSection({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const fmt = useMoney(order.currency);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="sm">
        {t("workOrders.billing")}
      </Title>
      <ScrollTable minWidth={520} label={t("workOrders.billingLines")}>
        <Table verticalSpacing={4} fz="sm" aria-label={t("workOrders.billingLines")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("workOrders.line")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("workOrders.quantity")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("workOrders.unitPrice")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("workOrders.net")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.billing.lines.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id of their own
              <Table.Tr key={index}>
                <Table.Td pl={line.kind === "part" ? "lg" : undefined}>
                  <Text size="sm" fw={line.kind === "labour" ? 600 : 400}>
                    {line.description}
                  </Text>
                  {line.partNumber ? (
                    <Text size="xs" c="dimmed" className="pl-num">
                      {line.partNumber}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {line.kind === "labour"
                    ? t("workOrders.hours", { value: fmt.quantity(line.quantityMilli) })
                    : fmt.quantity(line.quantityMilli)}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {fmt.money(line.unitPrice)}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {fmt.money(line.net)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <Text size="xs" c="dimmed">
          {order.status === "invoiced"
            ? t("workOrders.billingFrozen")
            : order.billingPolicy.mode === "approved"
              ? t("workOrders.billingHintApproved")
              : t("workOrders.billingHint")}
        </Text>
        <TotalsBox totals={order.billing.totals} currency={order.currency} />
      </SimpleGrid>
    </Paper>
  );
}

function ConfirmMoveModal({
  move,
  order,
  busy,
  onClose,
  onConfirm,
}: {
  move: "submit" | "invoice" | null;
  order: WorkOrder;
  busy: boolean;
  onClose: () => void;
  onConfirm: (note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(order.currency);
  const [note, setNote] = useState("");
  return (
    <AppModal
      opened={move !== null}
      onClose={onClose}
      title={move ? t(`workOrders.confirm.${move}Title`) : ""}
    >
      {move ? (
        <Stack gap="md">
          <Text size="sm">
            {t(`workOrders.confirm.${move}`, {
              number: order.number,
              customer: order.customerName,
              gross: fmt.money(order.billing.totals.gross),
            })}
          </Text>
          <HoursWarning order={order} />
          <HoursCheck order={order} />
          <Textarea
            label={t("workOrders.note")}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button loading={busy} onClick={() => void onConfirm(note.trim())}>
              {t(`workOrders.moves.${move}`)}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}
