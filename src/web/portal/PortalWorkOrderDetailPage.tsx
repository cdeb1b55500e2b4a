import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  IconArrowLeft,
  IconCheck,
  IconClock,
  IconDownload,
  IconFileCheck,
  IconPackage,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { isApiError } from "../api";
import { TotalsBox, useMoney } from "../estimates/estimateUi";
import { AppModal } from "../shared/AppModal";
import { useFormat } from "../shared/format";
import { emptyToNull, normaliseField } from "../shared/forms";
import { notifySuccess } from "../shared/notify";
import { ConflictAlert, DetailSkeleton, errorMessage, FormError, PageHeader, QueryError } from "../shared/ui";
import {
  authorizeInvoice,
  type PortalBillingLine,
  type PortalWorkOrder,
  type PortalWorkOrderJob,
  portalInvoicePdfHref,
  portalWorkOrderKeys,
  savePoNumber,
  usePortalWorkOrder,
} from "./portalWorkOrderApi";
import { JobStatusBadge, unitTitle, WorkOrderStatusBadge } from "./portalWorkOrderUi";

const PO_MAX = 60;

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
  const queryClient = useQueryClient();
  const invoiced = order.status === "invoiced";
  const canAuthorize = order.moves.includes("authorize");

  // The PO number as typed; follows the server's value while the field holds no unsaved edit.
  const [po, setPo] = useState(order.poNumber ?? "");
  const [poError, setPoError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const serverPo = useRef(order.poNumber ?? "");
  useEffect(() => {
    const next = order.poNumber ?? "";
    setPo((current) => (current === serverPo.current ? next : current));
    serverPo.current = next;
  }, [order.poNumber]);
  const poInputRef = useRef<HTMLInputElement>(null);
  const dirty = po.trim() !== (order.poNumber ?? "");

  const applied = (next: PortalWorkOrder) => {
    queryClient.setQueryData(portalWorkOrderKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: [...portalWorkOrderKeys.all, "list"] });
  };

  /** Handles what the server said about a PO save or an authorisation; true when shown in place. */
  const handleError = (error: unknown): boolean => {
    if (isApiError(error) && error.status === 409) {
      setConflict(t("portalWorkOrders.stale"));
      return true;
    }
    const field = isApiError(error)
      ? error.fieldErrors.find((e) => normaliseField(e.field) === "poNumber")
      : undefined;
    if (field) {
      setPoError(field.message);
      requestAnimationFrame(() => poInputRef.current?.focus());
      return true;
    }
    return false;
  };

  const validPo = (): boolean => {
    if (po.trim().length > PO_MAX) {
      setPoError(t("portalWorkOrders.poTooLong"));
      poInputRef.current?.focus();
      return false;
    }
    setPoError(null);
    return true;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!validPo()) return;
    setSaving(true);
    try {
      const next = await savePoNumber(order.id, emptyToNull(po));
      applied(next);
      setPo(next.poNumber ?? "");
      notifySuccess(t("portalWorkOrders.poSaved"));
    } catch (error) {
      if (!handleError(error)) setFormError(errorMessage(error, t("errors.saveFailed")));
    } finally {
      setSaving(false);
    }
  };

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
        <ConflictAlert message={conflict} onReload={onReload} />
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

        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
            <DateItem label={t("portalWorkOrders.opened")} value={format.date(order.openedAt)} />
            {order.unitReadyAt ? (
              <DateItem label={t("portalWorkOrders.unitReady")} value={format.date(order.unitReadyAt)} />
            ) : null}
            {order.invoicedAt ? (
              <DateItem label={t("portalWorkOrders.invoiced")} value={format.date(order.invoicedAt)} />
            ) : null}
          </SimpleGrid>
          {order.waitingForParts && !invoiced ? (
            <Badge
              mt="sm"
              variant="light"
              color="orange"
              radius="sm"
              tt="none"
              leftSection={<IconPackage size={14} aria-hidden />}
            >
              {t("portalWorkOrders.waitingForParts")}
            </Badge>
          ) : null}
          <Box mt="md">
            {invoiced ? (
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {t("portalWorkOrders.poNumber")}
                </Text>
                <Text style={{ overflowWrap: "anywhere" }}>
                  {order.poNumber ?? t("portalWorkOrders.noPo")}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("portalWorkOrders.poLocked")}
                </Text>
              </Stack>
            ) : (
              <form onSubmit={(event) => void save(event)} noValidate>
                <Stack gap="xs">
                  <FormError message={formError} />
                  <TextInput
                    ref={poInputRef}
                    label={t("portalWorkOrders.poNumber")}
                    description={t("portalWorkOrders.poHint")}
                    value={po}
                    error={poError}
                    autoComplete="off"
                    onChange={(event) => {
                      setPo(event.currentTarget.value);
                      setPoError(null);
                    }}
                  />
                  <Group justify="flex-end">
                    <Button type="submit" variant="default" loading={saving} disabled={!dirty}>
                      {t("common.save")}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Box>
        </Paper>

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
              setFormError(null);
              if (validPo()) setConfirming(true);
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
        poNumber={emptyToNull(po)}
        onConfirm={async () => {
          const next = await authorizeInvoice(order.id, emptyToNull(po));
          applied(next);
          setPo(next.poNumber ?? "");
          notifySuccess(t("portalWorkOrders.authorized"));
        }}
        onError={handleError}
      />
    </>
  );
}

/** The invoice the order became: its number, amount, what is still open, and the PDF. */
function InvoiceBox({
  order,
  invoice,
}: {
  order: PortalWorkOrder;
  invoice: NonNullable<PortalWorkOrder["invoice"]>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(order.currency);
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-label={t("portalWorkOrders.invoiceTitle")}>
      <Group gap="xs" mb="sm">
        <IconCheck size={20} color="var(--mantine-color-green-7)" aria-hidden />
        <Title order={2}>
          {t("portalWorkOrders.invoicedAlert", { date: format.date(order.invoicedAt) })}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <DateItem label={t("portalWorkOrders.invoiceNumber")} value={invoice.number ?? ""} />
        <DateItem label={t("portalWorkOrders.invoiceGross")} value={fmt.money(invoice.gross)} />
        <DateItem label={t("portalWorkOrders.invoiceOpen")} value={fmt.money(invoice.open)} />
        {invoice.dueDate ? (
          <DateItem label={t("portalWorkOrders.invoiceDue")} value={format.date(invoice.dueDate)} />
        ) : null}
      </SimpleGrid>
      <Button
        component="a"
        href={portalInvoicePdfHref(invoice.id)}
        target="_blank"
        rel="noopener"
        variant="default"
        mt="md"
        leftSection={<IconDownload size={18} aria-hidden />}
      >
        {t("portalWorkOrders.invoicePdf", { number: invoice.number ?? "" })}
      </Button>
    </Paper>
  );
}

function DateItem({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} className="pl-num">
        {value}
      </Text>
    </div>
  );
}

/** "1,5 Std. × 100,00 € · MwSt. 19 %": lines break between the details, not inside one. */
function joinDetails(details: (string | null)[]): string {
  return details
    .filter((detail): detail is string => Boolean(detail))
    .map((detail) => detail.replace(/ /g, "\u00a0"))
    .join(" · ");
}

interface JobGroup {
  key: string;
  job: PortalWorkOrderJob | undefined;
  labour: PortalBillingLine | undefined;
  parts: PortalBillingLine[];
}

/**
 * The billing lines come job by job: the job's labour, then its parts. Paired with the jobs (for
 * status, pricing and clocked hours) when they line up, which they do unless the data is odd.
 */
function groupJobs(order: PortalWorkOrder): JobGroup[] {
  const groups: JobGroup[] = [];
  for (const line of order.billing.lines) {
    const last = groups.at(-1);
    if (line.kind === "labour" || !last) {
      groups.push({
        key: String(groups.length),
        job: undefined,
        labour: line.kind === "labour" ? line : undefined,
        parts: line.kind === "part" ? [line] : [],
      });
    } else {
      last.parts.push(line);
    }
  }
  const paired =
    groups.length === order.jobs.length &&
    groups.every((group, index) => group.labour?.description === order.jobs[index]?.description);
  if (paired) {
    return groups.map((group, index) => {
      const job = order.jobs[index];
      return { ...group, key: job?.id ?? group.key, job };
    });
  }
  if (groups.length > 0) return groups;
  // No billing lines at all: show the jobs as they are.
  return order.jobs.map((job) => ({ key: job.id, job, labour: undefined, parts: [] }));
}

function JobsList({ order }: { order: PortalWorkOrder }) {
  const { t } = useTranslation();
  const groups = groupJobs(order);
  if (groups.length === 0) {
    return (
      <Text c="dimmed" size="sm" px={{ base: "xs", sm: 0 }} pb={{ base: "xs", sm: 0 }}>
        {t("portalWorkOrders.noJobs")}
      </Text>
    );
  }
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      aria-label={t("portalWorkOrders.jobsList")}
      style={{ listStyle: "none" }}
    >
      {groups.map((group) => {
        const description = group.job?.description ?? group.labour?.description ?? "";
        return (
          <Paper component="li" key={group.key} withBorder radius="md" p={4}>
            <LabourRow group={group} currency={order.currency} />
            {group.parts.length > 0 ? (
              <Stack
                component="ul"
                gap={4}
                p={0}
                m={0}
                ml={{ base: "md", sm: "xl" }}
                mb={4}
                aria-label={t("portalWorkOrders.partsOf", { description })}
                style={{ listStyle: "none" }}
              >
                {group.parts.map((part, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: billing lines have no id; their order is fixed
                  <li key={index}>
                    <PartRow line={part} currency={order.currency} />
                  </li>
                ))}
              </Stack>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}

function LabourRow({ group, currency }: { group: JobGroup; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const { job, labour } = group;
  const flat = job?.pricing === "flat";
  const price = labour?.unitPrice ?? job?.unitPrice ?? 0;
  const details: string[] = [];
  if (flat) {
    details.push(t("portalWorkOrders.flat"));
    if (job)
      details.push(t("portalWorkOrders.flatHours", { estimated: fmt.quantity(job.estimatedHoursMilli) }));
  } else {
    details.push(
      `${t("portalWorkOrders.hourly")}: ${t("portalWorkOrders.billedHours", {
        hours: fmt.quantity(labour?.quantityMilli ?? job?.estimatedHoursMilli ?? 0),
        price: fmt.money(price),
      })}`,
    );
  }
  const taxRate = labour?.taxRateBp ?? job?.taxRateBp;
  if (taxRate !== undefined) details.push(t("portalWorkOrders.tax", { rate: fmt.rate(taxRate) }));
  const clock =
    job && !flat
      ? job.clockedHoursMilli > 0
        ? t("portalWorkOrders.clockedHours", {
            clocked: fmt.quantity(job.clockedHoursMilli),
            estimated: fmt.quantity(job.estimatedHoursMilli),
          })
        : t("portalWorkOrders.notClocked", { estimated: fmt.quantity(job.estimatedHoursMilli) })
      : null;
  return (
    <Box p="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} style={{ overflowWrap: "anywhere" }}>
              {job?.description ?? labour?.description}
            </Text>
            {job ? <JobStatusBadge status={job.status} /> : null}
          </Group>
          <Text
            size="sm"
            c="dimmed"
            className="pl-num"
            style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
          >
            {joinDetails(details)}
          </Text>
          {clock ? (
            <Text
              size="sm"
              c="dimmed"
              className="pl-num"
              style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
            >
              {clock}
            </Text>
          ) : null}
        </Stack>
        {labour ? (
          <Text fw={600} className="pl-num">
            {fmt.money(labour.net)}
          </Text>
        ) : null}
      </Group>
    </Box>
  );
}

function PartRow({ line, currency }: { line: PortalBillingLine; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <Box
      p="sm"
      style={{ borderRadius: "var(--mantine-radius-sm)", background: "var(--mantine-color-gray-0)" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={500} style={{ overflowWrap: "anywhere" }}>
            {line.description}
          </Text>
          <Text
            size="sm"
            c="dimmed"
            className="pl-num"
            style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
          >
            {joinDetails([
              line.partNumber ? t("portalWorkOrders.partNo", { number: line.partNumber }) : null,
              t("portalWorkOrders.partQuantity", {
                quantity: fmt.quantity(line.quantityMilli),
                price: fmt.money(line.unitPrice),
              }),
              t("portalWorkOrders.tax", { rate: fmt.rate(line.taxRateBp) }),
            ])}
          </Text>
        </Stack>
        <Text fw={600} className="pl-num">
          {fmt.money(line.net)}
        </Text>
      </Group>
    </Box>
  );
}

function AuthorizeModal({
  opened,
  onClose,
  order,
  gross,
  poNumber,
  onConfirm,
  onError,
}: {
  opened: boolean;
  onClose: () => void;
  order: PortalWorkOrder;
  gross: string;
  poNumber: string | null;
  onConfirm: () => Promise<void>;
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("portalWorkOrders.authorizeTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">
          {t("portalWorkOrders.authorizeBody", { number: order.number, unit: unitTitle(order) })}
        </Text>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={600}>{t("portalWorkOrders.authorizeTotal")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {gross}
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={600}>{t("portalWorkOrders.poNumber")}</Text>
          <Text ta="right" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
            {poNumber ?? t("portalWorkOrders.noPo")}
          </Text>
        </Group>
        <Button
          color="#1e6b30"
          loading={busy}
          leftSection={<IconCheck size={18} aria-hidden />}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
              onClose();
            } catch (err) {
              if (onError(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("portalWorkOrders.authorizeConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}
