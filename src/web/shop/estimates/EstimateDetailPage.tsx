import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  DataList,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowLeft,
  IconArrowUp,
  IconCheck,
  IconDownload,
  IconEdit,
  IconPencil,
  IconPhone,
  IconPlus,
  IconPrinter,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../api";
import {
  disputeNote,
  type Estimate,
  type EstimateLabour,
  type EstimatePart,
  type EstimateVersion,
  estimateKeys,
  estimatePdfHref,
  isFlat,
  type LabourPricing,
  latestDispute,
  latestVersion,
  parseScaled,
  partialApproval,
  useShopEstimate,
} from "../../estimates/estimateApi";
import {
  ApprovalTotals,
  ChangesList,
  DisputeHistory,
  EstimateStatusBadge,
  LinesList,
  PdfLink,
  TotalsBox,
  useMoney,
} from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import {
  ConflictAlert,
  DetailSkeleton,
  errorMessage,
  FormError,
  PageHeader,
  QueryError,
} from "../../shared/ui";

const TAX_RATES = [1900, 700, 0];

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/shop/estimates"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
      className="pl-no-print"
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("estimates.backToList")}
    </Anchor>
  );
}

export function EstimateDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useShopEstimate(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("estimates.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <EstimateEditor estimate={query.data} onReload={() => void query.refetch()} />;
}

type LineTarget =
  | { mode: "addLabour" }
  | { mode: "addPart"; labour: EstimateLabour }
  | { mode: "edit"; kind: "labour" | "part"; line: EstimateLabour | EstimatePart };

function isStale(error: unknown) {
  return isApiError(error) && error.status === 409;
}

function EstimateEditor({ estimate, onReload }: { estimate: Estimate; onReload: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCan("estimates:write");
  const queryClient = useQueryClient();
  const fmt = useMoney(estimate.currency);
  const [lineTarget, setLineTarget] = useState<LineTarget | null>(null);
  const [removing, setRemoving] = useState<{
    kind: "labour" | "part";
    line: EstimateLabour | EstimatePart;
  } | null>(null);
  const [noteModal, setNoteModal] = useState<"submit" | "acknowledge" | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [revising, setRevising] = useState(false);
  const [recording, setRecording] = useState(false);

  const editable = canWrite && (estimate.status === "draft" || estimate.status === "revising");
  const latest = latestVersion(estimate);
  const dispute =
    estimate.status === "disputed" || estimate.status === "revising" ? latestDispute(estimate) : undefined;
  const disputed = new Map(
    (dispute?.disputedLines ?? []).map((line) => [
      line.lineId,
      disputeNote(line) || (line.withPart ? t("estimates.withItsPart") : ""),
    ]),
  );
  const base = `/api/v1/estimates/${encodeURIComponent(estimate.id)}`;
  const draftLabour = estimate.draft?.labour ?? [];
  const shownLabour = editable ? draftLabour : (latest?.lines.labour ?? draftLabour);
  const shownTotals = editable ? estimate.draft?.totals : (latest?.totals ?? estimate.draft?.totals);

  const applied = (next: Estimate) => {
    queryClient.setQueryData(estimateKeys.shopDetail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ["estimates", "shop", "list"] });
  };

  /** Handles 409 (stale version) for every edit; returns true when it did. */
  const handleConflict = (error: unknown) => {
    if (!isStale(error)) return false;
    setConflict(t("estimates.stale"));
    return true;
  };

  /** Moves a labour line (with its parts) one place up or down. */
  const moveLabour = async (index: number, delta: -1 | 1) => {
    const order = [...draftLabour];
    const [line] = order.splice(index, 1);
    if (!line) return;
    order.splice(index + delta, 0, line);
    setActionError(null);
    try {
      applied(
        await api.post<Estimate>(`${base}/reorder`, {
          lineIds: order.flatMap((l) => [l.id, ...l.parts.map((p) => p.id)]),
          version: estimate.version,
        }),
      );
    } catch (error) {
      if (!handleConflict(error)) setActionError(errorMessage(error, t("errors.saveFailed")));
    }
  };

  const revise = async () => {
    setRevising(true);
    setActionError(null);
    try {
      applied(await api.post<Estimate>(`${base}/revise`, {}));
      notifySuccess(t("estimates.revised"));
    } catch (error) {
      if (!handleConflict(error)) setActionError(errorMessage(error, t("errors.saveFailed")));
    } finally {
      setRevising(false);
    }
  };

  const reload = () => {
    setConflict(null);
    onReload();
  };

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span className="pl-num">{estimate.number}</span>
            <EstimateStatusBadge status={estimate.status} size="lg" />
          </Group>
        }
        documentTitle={`${t("estimates.detailTitle")} ${estimate.number}`}
        description={
          <Group gap="md" component="span" wrap="wrap">
            <Anchor component={Link} to={`/shop/customers/${estimate.customerId}`}>
              {estimate.customerName}
            </Anchor>
            <Anchor component={Link} to={`/shop/units/${estimate.unitId}`}>
              {estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel}
            </Anchor>
          </Group>
        }
        actions={
          <>
            <Button
              component="a"
              // What the page shows: the working copy while it is edited, else the current version.
              href={estimatePdfHref("shop", estimate.id, editable ? 0 : estimate.currentVersion)}
              target="_blank"
              rel="noopener"
              variant="default"
              className="pl-no-print"
              leftSection={<IconDownload size={18} aria-hidden />}
              aria-label={
                editable || !latest
                  ? t("estimates.pdf.workingCopyLabel")
                  : t("estimates.pdf.versionLabel", { version: latest.versionNo })
              }
            >
              {t("estimates.pdf.download")}
            </Button>
            <Button
              variant="default"
              className="pl-no-print"
              leftSection={<IconPrinter size={18} aria-hidden />}
              onClick={() => window.print()}
            >
              {t("estimates.print")}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <ConflictAlert message={conflict} onReload={reload} />
        <FormError message={actionError} />
        {estimate.status === "disputed" ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            title={t("estimates.disputedTitle")}
            className="pl-no-print"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t("estimates.disputedHint")}</Text>
              {canWrite ? (
                <Button
                  color="red.9"
                  leftSection={<IconCheck size={18} aria-hidden />}
                  onClick={() => setNoteModal("acknowledge")}
                >
                  {t("estimates.acknowledge")}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Paper withBorder radius="md" p="lg" className="pl-span-2">
            <Group justify="space-between" mb="md" gap="sm">
              <Title order={2}>{t("estimates.lines")}</Title>
              {editable ? (
                <Button
                  className="pl-no-print"
                  leftSection={<IconPlus size={18} aria-hidden />}
                  onClick={() => setLineTarget({ mode: "addLabour" })}
                >
                  {t("estimates.addLabour")}
                </Button>
              ) : null}
            </Group>
            {!editable && latest ? (
              <Text size="sm" c="dimmed" mb="sm">
                {t("estimates.readOnlyHint", { version: latest.versionNo })}
              </Text>
            ) : null}
            <LinesList
              labour={shownLabour}
              currency={estimate.currency}
              label={t("estimates.labourLines")}
              disputed={disputed}
              renderActions={
                editable
                  ? (line, kind) => (
                      <Group gap={4} wrap="nowrap" className="pl-no-print">
                        {kind === "labour" ? (
                          <>
                            <ActionIcon
                              variant="subtle"
                              color="gray.8"
                              aria-label={t("estimates.moveUp", { description: line.description })}
                              disabled={draftLabour.findIndex((l) => l.id === line.id) === 0}
                              onClick={() =>
                                void moveLabour(
                                  draftLabour.findIndex((l) => l.id === line.id),
                                  -1,
                                )
                              }
                            >
                              <IconArrowUp size={18} aria-hidden />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="gray.8"
                              aria-label={t("estimates.moveDown", { description: line.description })}
                              disabled={
                                draftLabour.findIndex((l) => l.id === line.id) === draftLabour.length - 1
                              }
                              onClick={() =>
                                void moveLabour(
                                  draftLabour.findIndex((l) => l.id === line.id),
                                  1,
                                )
                              }
                            >
                              <IconArrowDown size={18} aria-hidden />
                            </ActionIcon>
                          </>
                        ) : null}
                        <ActionIcon
                          variant="subtle"
                          color="gray.8"
                          aria-label={t("estimates.editLine", { description: line.description })}
                          onClick={() => setLineTarget({ mode: "edit", kind, line })}
                        >
                          <IconPencil size={18} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={t("estimates.removeLine", { description: line.description })}
                          onClick={() => setRemoving({ kind, line })}
                        >
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
                      </Group>
                    )
                  : undefined
              }
              renderExtra={
                editable
                  ? (line, kind) =>
                      kind === "labour" ? (
                        <Button
                          className="pl-no-print"
                          mt="xs"
                          size="xs"
                          variant="light"
                          leftSection={<IconPlus size={14} aria-hidden />}
                          onClick={() => setLineTarget({ mode: "addPart", labour: line as EstimateLabour })}
                        >
                          {t("estimates.addParts")}
                        </Button>
                      ) : null
                  : undefined
              }
            />
          </Paper>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="lg">
              <Title order={2} mb="sm">
                {t("estimates.totals")}
              </Title>
              {shownTotals ? (
                <ApprovalTotals
                  totals={shownTotals}
                  partial={!editable && latest ? partialApproval(estimate, latest) : undefined}
                  currency={estimate.currency}
                />
              ) : null}
              {editable ? (
                <Stack gap={4} mt="md" className="pl-no-print">
                  <Button
                    leftSection={<IconSend size={18} aria-hidden />}
                    disabled={draftLabour.length === 0}
                    aria-describedby={draftLabour.length === 0 ? "estimate-submit-hint" : undefined}
                    onClick={() => setNoteModal("submit")}
                  >
                    {t("estimates.submit")}
                  </Button>
                  {draftLabour.length === 0 ? (
                    <Text size="xs" c="dimmed" id="estimate-submit-hint">
                      {t("estimates.submitHint")}
                    </Text>
                  ) : null}
                </Stack>
              ) : null}
              {canWrite && estimate.status === "draft" && estimate.currentVersion === 0 ? (
                <Button
                  mt="md"
                  fullWidth
                  variant="default"
                  color="red.9"
                  className="pl-no-print"
                  leftSection={<IconTrash size={18} aria-hidden />}
                  onClick={() => setDiscarding(true)}
                >
                  {t("estimates.discard.open")}
                </Button>
              ) : null}
              {canWrite && estimate.status === "awaiting_customer" && latest ? (
                <Button
                  mt="md"
                  fullWidth
                  className="pl-no-print"
                  leftSection={<IconPhone size={18} aria-hidden />}
                  onClick={() => setRecording(true)}
                >
                  {t("estimates.phone.open")}
                </Button>
              ) : null}
              {canWrite && (estimate.status === "awaiting_customer" || estimate.status === "declined") ? (
                <Button
                  mt="md"
                  fullWidth
                  variant="default"
                  className="pl-no-print"
                  leftSection={<IconEdit size={18} aria-hidden />}
                  loading={revising}
                  onClick={() => void revise()}
                >
                  {t("estimates.revise")}
                </Button>
              ) : null}
            </Paper>
            <Paper withBorder radius="md" p="lg">
              <DataList labelWidth="7rem">
                <DataList.Item>
                  <DataList.ItemLabel>{t("estimates.col.version")}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {estimate.currentVersion > 0
                      ? t("estimates.versionNo", { version: estimate.currentVersion })
                      : t("estimates.notSubmitted")}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t("estimates.poNumber")}</DataList.ItemLabel>
                  <DataList.ItemValue>{estimate.poNumber ?? t("common.notSet")}</DataList.ItemValue>
                </DataList.Item>
                {latest ? (
                  <DataList.Item>
                    <DataList.ItemLabel>{t("estimates.col.gross")}</DataList.ItemLabel>
                    <DataList.ItemValue className="pl-num">
                      {fmt.money(latest.totals.gross)}
                    </DataList.ItemValue>
                  </DataList.Item>
                ) : null}
              </DataList>
            </Paper>
          </Stack>
        </SimpleGrid>
        <VersionsSection estimate={estimate} />
        <Paper withBorder radius="md" p="lg">
          <Title order={2} mb="md">
            {t("estimates.disputeHistory")}
          </Title>
          <DisputeHistory
            estimate={estimate}
            viewer="shop"
            pdfHref={(versionNo) => estimatePdfHref("shop", estimate.id, versionNo)}
          />
        </Paper>
      </Stack>
      <LineModal
        target={lineTarget}
        estimate={estimate}
        onClose={() => setLineTarget(null)}
        onDone={applied}
        onConflict={handleConflict}
      />
      <RemoveModal
        target={removing}
        estimate={estimate}
        onClose={() => setRemoving(null)}
        onDone={applied}
        onConflict={handleConflict}
      />
      {latest && estimate.status === "awaiting_customer" ? (
        <PhoneDecisionModal
          // A fresh form for every version.
          key={latest.versionNo}
          opened={recording}
          estimate={estimate}
          version={latest}
          onClose={() => setRecording(false)}
          onDone={(next) => {
            applied(next);
            notifySuccess(t("estimates.phone.recorded"));
          }}
          onConflict={handleConflict}
        />
      ) : null}
      <DiscardModal opened={discarding} estimate={estimate} onClose={() => setDiscarding(false)} />
      <NoteModal
        kind={noteModal}
        path={noteModal ? `${base}/${noteModal}` : ""}
        onClose={() => setNoteModal(null)}
        onDone={(next) => {
          applied(next);
          notifySuccess(noteModal === "submit" ? t("estimates.submitted") : t("estimates.acknowledged"));
        }}
        onConflict={handleConflict}
      />
    </>
  );
}

function VersionsSection({ estimate }: { estimate: Estimate }) {
  const { t } = useTranslation();
  const format = useFormat().dateTime;
  const versions = [...estimate.versions].sort((a, b) => a.versionNo - b.versionNo);
  const [picked, setPicked] = useState<string | null>(null);
  const latest = versions.at(-1);
  if (!latest) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Title order={2} mb="sm">
          {t("estimates.versions")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("estimates.noVersions")}
        </Text>
      </Paper>
    );
  }
  const selected = versions.find((v) => String(v.versionNo) === picked) ?? latest;
  const previous = versions.find((v) => v.versionNo === selected.versionNo - 1);
  return (
    <Paper withBorder radius="md" p="lg" className="pl-no-print">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2}>{t("estimates.versions")}</Title>
        <SegmentedControl
          aria-label={t("estimates.versionPicker")}
          value={String(selected.versionNo)}
          onChange={setPicked}
          data={versions.map((v) => ({
            value: String(v.versionNo),
            label: t("estimates.versionNo", { version: v.versionNo }),
          }))}
        />
      </Group>
      <Group justify="space-between" gap="sm" mb="sm">
        <Text size="sm" c="dimmed">
          {t("estimates.submittedBy", { by: selected.submittedBy, at: format(selected.at) })}
        </Text>
        <PdfLink
          href={estimatePdfHref("shop", estimate.id, selected.versionNo)}
          label={t("estimates.pdf.versionLabel", { version: selected.versionNo })}
        >
          {t("estimates.pdf.download")}
        </PdfLink>
      </Group>
      {selected.note ? (
        <Text size="sm" mb="sm" style={{ whiteSpace: "pre-line" }}>
          <Text span fw={700} inherit>
            {`${t("estimates.shopNote")}: `}
          </Text>
          {selected.note}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <div className="pl-span-2">
          <LinesList
            labour={selected.lines.labour}
            currency={estimate.currency}
            label={t("estimates.versionNo", { version: selected.versionNo })}
          />
        </div>
        <div style={{ alignSelf: "start" }}>
          <TotalsBox totals={selected.totals} currency={estimate.currency} />
        </div>
      </SimpleGrid>
      {previous ? (
        <>
          <Title order={3} mt="lg" mb="sm">
            {t("estimates.changesFrom", { version: previous.versionNo })}
          </Title>
          <ChangesList
            before={previous.lines.labour}
            after={selected.lines.labour}
            currency={estimate.currency}
            label={t("estimates.changesFrom", { version: previous.versionNo })}
          />
        </>
      ) : null}
    </Paper>
  );
}

interface LineValues {
  partNumber: string;
  description: string;
  /** Labour only: hours × rate, or a flat price whatever the hours. */
  pricing: LabourPricing;
  quantity: string;
  /** The unit price of a part, or the hourly rate of hourly labour. */
  price: string;
  /** The whole price of flat labour. */
  flatPrice: string;
  taxRate: string;
}

function LineModal({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: LineTarget | null;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  return (
    <AppModal opened={target !== null} onClose={onClose} title={<LineModalTitle target={target} />}>
      {target ? (
        <LineForm
          // A fresh form for every line.
          key={
            target.mode === "edit" ? target.line.id : target.mode === "addPart" ? target.labour.id : "labour"
          }
          target={target}
          estimate={estimate}
          onClose={onClose}
          onDone={onDone}
          onConflict={onConflict}
        />
      ) : null}
    </AppModal>
  );
}

function LineModalTitle({ target }: { target: LineTarget | null }) {
  const { t } = useTranslation();
  if (!target) return null;
  if (target.mode === "addLabour") return <>{t("estimates.addLabour")}</>;
  if (target.mode === "addPart")
    return <>{t("estimates.addPartsTitle", { description: target.labour.description })}</>;
  return <>{target.kind === "labour" ? t("estimates.editLabourTitle") : t("estimates.editPartTitle")}</>;
}

function LineForm({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: LineTarget;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(estimate.currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const kind = target.mode === "addLabour" ? "labour" : target.mode === "addPart" ? "part" : target.kind;
  const existing = target.mode === "edit" ? target.line : null;
  const existingFlat = kind === "labour" && existing !== null && isFlat(existing as EstimateLabour);
  // New labour starts with the location's rate; a flat line keeps it at hand in case it turns hourly.
  const defaultRate = estimate.labourRate !== undefined ? fmt.moneyInput(estimate.labourRate) : "";
  const isFlatLabour = (values: LineValues) => kind === "labour" && values.pricing === "flat";
  const validPrice = (value: string) => {
    const cents = parseScaled(value, 100);
    return cents !== null && cents >= 0 ? null : t("estimates.priceInvalid");
  };
  const form = useForm<LineValues>({
    initialValues: {
      partNumber: existing && kind === "part" ? ((existing as EstimatePart).partNumber ?? "") : "",
      description: existing?.description ?? "",
      pricing: existingFlat ? "flat" : "hourly",
      quantity: existing ? fmt.quantityInput(existing.quantityMilli) : kind === "part" ? "1" : "",
      price:
        existing && !existingFlat ? fmt.moneyInput(existing.unitPrice) : kind === "labour" ? defaultRate : "",
      flatPrice: existingFlat && existing ? fmt.moneyInput(existing.unitPrice) : "",
      taxRate: String(existing?.taxRateBp ?? 1900),
    },
    validate: {
      description: (value) => (value.trim() ? null : t("estimates.descriptionRequired")),
      quantity: (value) => {
        const milli = parseScaled(value, 1000);
        return milli !== null && milli > 0 ? null : t("estimates.quantityInvalid");
      },
      price: (value, values) => (isFlatLabour(values) ? null : validPrice(value)),
      flatPrice: (value, values) => (isFlatLabour(values) ? validPrice(value) : null),
    },
  });
  const flat = isFlatLabour(form.values);

  /** What the line will cost before tax, as the form stands (null while a number is missing). */
  const previewNet = (() => {
    const cents = parseScaled(flat ? form.values.flatPrice : form.values.price, 100);
    if (flat) return cents;
    const milli = parseScaled(form.values.quantity, 1000);
    return cents === null || milli === null ? null : Math.round((milli * cents) / 1000);
  })();

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      const flatLine = isFlatLabour(values);
      const fields = {
        description: values.description.trim(),
        ...(kind === "part" ? { partNumber: values.partNumber.trim() || null } : {}),
        ...(kind === "labour" ? { pricing: values.pricing } : {}),
        quantityMilli: parseScaled(values.quantity, 1000) ?? 0,
        unitPrice: parseScaled(flatLine ? values.flatPrice : values.price, 100) ?? 0,
        taxRateBp: Number(values.taxRate),
        version: estimate.version,
      };
      try {
        let next: Estimate;
        if (target.mode === "edit") {
          next = await api.patch<Estimate>(
            `/api/v1/estimate-lines/${encodeURIComponent(target.line.id)}`,
            fields,
          );
          notifySuccess(t("estimates.lineSaved"));
        } else {
          next = await api.post<Estimate>(`/api/v1/estimates/${encodeURIComponent(estimate.id)}/lines`, {
            kind,
            ...(target.mode === "addPart" ? { labourLineId: target.labour.id } : {}),
            ...fields,
          });
          notifySuccess(t("estimates.lineAdded"));
        }
        onDone(next);
        onClose();
      } catch (error) {
        if (onConflict(error)) {
          onClose();
          return;
        }
        setFormError(
          applyServerErrors(form, error, {
            quantityMilli: "quantity",
            unitPrice: flatLine ? "flatPrice" : "price",
            taxRateBp: "taxRate",
          }),
        );
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  const currencySuffix = (
    <Text size="sm" c="dimmed" aria-hidden>
      {estimate.currency}
    </Text>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError message={formError} />
        {kind === "part" ? (
          <TextInput label={t("estimates.partNumber")} maxLength={60} {...form.getInputProps("partNumber")} />
        ) : null}
        <TextInput
          label={t("estimates.description")}
          required
          maxLength={500}
          {...form.getInputProps("description")}
        />
        {kind === "labour" ? (
          <Radio.Group label={t("estimates.pricing")} {...form.getInputProps("pricing")}>
            <Group gap="lg" mt={4}>
              <Radio value="hourly" label={t("estimates.pricingHourly")} />
              <Radio value="flat" label={t("estimates.pricingFlat")} />
            </Group>
          </Radio.Group>
        ) : null}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={
              kind === "part"
                ? t("estimates.quantity")
                : flat
                  ? t("estimates.estimatedHours")
                  : t("estimates.hours")
            }
            description={
              kind === "part"
                ? undefined
                : flat
                  ? t("estimates.estimatedHoursHint")
                  : t("estimates.hoursHint")
            }
            required
            inputMode="decimal"
            autoComplete="off"
            {...form.getInputProps("quantity")}
          />
          {flat ? (
            <TextInput
              // A fresh input (and description) when the pricing changes.
              key="flat"
              label={t("estimates.flatPriceInput")}
              description={t("estimates.flatPriceHint")}
              required
              inputMode="decimal"
              autoComplete="off"
              rightSection={currencySuffix}
              rightSectionWidth={48}
              {...form.getInputProps("flatPrice")}
            />
          ) : (
            <TextInput
              key="price"
              label={kind === "labour" ? t("estimates.pricePerHour") : t("estimates.unitPrice")}
              description={
                kind === "labour" && estimate.labourRate !== undefined
                  ? t("estimates.rateHint", { rate: fmt.money(estimate.labourRate) })
                  : undefined
              }
              required
              inputMode="decimal"
              autoComplete="off"
              rightSection={currencySuffix}
              rightSectionWidth={48}
              {...form.getInputProps("price")}
            />
          )}
        </SimpleGrid>
        {kind === "labour" ? (
          <Text size="sm" c="dimmed" className="pl-num" aria-live="polite">
            {t("estimates.lineNet", {
              amount: previewNet === null ? t("common.notSet") : fmt.money(previewNet),
            })}
          </Text>
        ) : null}
        <NativeSelect
          label={t("estimates.taxRate")}
          data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
          {...form.getInputProps("taxRate")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {target.mode === "edit" ? t("common.save") : t("estimates.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Discard Draft: asks first, then the draft is gone and the list is shown. */
function DiscardModal({
  opened,
  estimate,
  onClose,
}: {
  opened: boolean;
  estimate: Estimate;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/estimates/${encodeURIComponent(estimate.id)}/discard`);
      notifySuccess(t("estimates.discard.done", { number: estimate.number }));
      onClose();
      navigate("/shop/estimates", { replace: true });
      void queryClient.invalidateQueries({ queryKey: estimateKeys.all });
    } catch (err) {
      setError(errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("estimates.discard.title", { number: estimate.number })}
    >
      <Stack gap="md">
        <FormError message={error} />
        <Text>{t("estimates.discard.body")}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" loading={busy} onClick={() => void discard()}>
            {t("estimates.discard.confirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function RemoveModal({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: { kind: "labour" | "part"; line: EstimateLabour | EstimatePart } | null;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.delete<Estimate>(
        `/api/v1/estimate-lines/${encodeURIComponent(target.line.id)}?version=${estimate.version}`,
      );
      onDone(next);
      notifySuccess(t("estimates.lineRemoved"));
      onClose();
    } catch (err) {
      if (onConflict(err)) onClose();
      else setError(errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened={target !== null} onClose={onClose} title={t("estimates.removeTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text>
          {target?.kind === "labour"
            ? t("estimates.removeLabourBody", { description: target.line.description })
            : t("estimates.removePartBody", { description: target?.line.description ?? "" })}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" loading={busy} onClick={() => void remove()}>
            {t("estimates.remove")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function NoteModal({
  kind,
  path,
  onClose,
  onDone,
  onConflict,
}: {
  kind: "submit" | "acknowledge" | null;
  path: string;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const required = kind === "acknowledge";
  const form = useForm({
    initialValues: { note: "" },
    validate: { note: (value) => (required && !value.trim() ? t("errors.required") : null) },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const next = await api.post<Estimate>(path, { note: values.note.trim() || null });
        onDone(next);
        close();
      } catch (error) {
        if (onConflict(error)) {
          close();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <AppModal
      opened={kind !== null}
      onClose={close}
      title={kind === "acknowledge" ? t("estimates.acknowledgeTitle") : t("estimates.submitTitle")}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          {kind === "acknowledge" ? <Text size="sm">{t("estimates.acknowledgeHint")}</Text> : null}
          <Textarea
            label={kind === "acknowledge" ? t("estimates.answer") : t("estimates.submitNote")}
            required={required}
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps("note")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {kind === "acknowledge" ? t("estimates.acknowledgeSubmit") : t("estimates.submitConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

interface PhoneDecisionValues {
  decision: "approve" | "decline";
  labourLineIds: string[];
  decidedBy: string;
  reason: string;
}

/** Records an approval or decline the customer's contact person gave by phone. */
function PhoneDecisionModal({
  opened,
  estimate,
  version,
  onClose,
  onDone,
  onConflict,
}: {
  opened: boolean;
  estimate: Estimate;
  version: EstimateVersion;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(estimate.currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const labour = version.lines.labour;
  const form = useForm<PhoneDecisionValues>({
    initialValues: {
      decision: "approve",
      labourLineIds: labour.map((line) => line.id),
      decidedBy: "",
      reason: "",
    },
    validate: {
      decidedBy: (value) => (value.trim() ? null : t("estimates.phone.decidedByRequired")),
      labourLineIds: (value, values) =>
        values.decision === "approve" && value.length === 0 ? t("estimates.portal.approveNone") : null,
    },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const next = await api.post<Estimate>(
          `/api/v1/estimates/${encodeURIComponent(estimate.id)}/record-decision`,
          {
            decision: values.decision,
            versionNo: version.versionNo,
            labourLineIds: values.decision === "approve" ? values.labourLineIds : [],
            decidedBy: values.decidedBy.trim(),
            ...(values.decision === "decline" && values.reason.trim()
              ? { reason: values.reason.trim() }
              : {}),
          },
        );
        onDone(next);
        close();
      } catch (error) {
        if (onConflict(error)) {
          close();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  const picked = new Set(form.values.labourLineIds);
  return (
    <AppModal opened={opened} onClose={close} title={t("estimates.phone.title")}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <Text size="sm">{t("estimates.phone.hint", { version: version.versionNo })}</Text>
          <Radio.Group label={t("estimates.phone.decision")} required {...form.getInputProps("decision")}>
            <Group gap="lg" mt={4}>
              <Radio value="approve" label={t("estimates.phone.approve")} />
              <Radio value="decline" label={t("estimates.phone.decline")} />
            </Group>
          </Radio.Group>
          {form.values.decision === "approve" ? (
            <Checkbox.Group
              label={t("estimates.phone.lines")}
              description={t("estimates.phone.linesHint")}
              {...form.getInputProps("labourLineIds")}
            >
              <Stack gap="xs" mt="xs">
                {labour.map((line) => (
                  <Checkbox
                    key={line.id}
                    value={line.id}
                    label={`${line.description} (${fmt.money(line.netWithParts)})`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : null}
          <TextInput
            label={t("estimates.phone.decidedBy")}
            description={t("estimates.phone.decidedByHint")}
            required
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps("decidedBy")}
          />
          {form.values.decision === "decline" ? (
            <Textarea
              label={t("estimates.phone.reason")}
              autosize
              minRows={2}
              maxLength={2000}
              {...form.getInputProps("reason")}
            />
          ) : null}
          {form.values.decision === "approve" ? (
            <Text size="sm" c="dimmed">
              {t("estimates.phone.approveCount", { count: picked.size, total: labour.length })}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("estimates.phone.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
