// Qualification on the work order page: the recommendations the completed inspection produced (urgent
// first) with the technician's note and photos; parts add the parts and their availability, the
// advisor prices the labour (hours × rate or flat) and chooses what goes to the customer; then "Send
// order extension". Below, the extensions sent, with the customer's decision per item and the consent
// record, or "Record decision by phone" while one waits.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  DataList,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconPhone, IconPlus, IconSend, IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { parseScaled } from "../../estimates/estimateApi";
import { useMoney } from "../../estimates/estimateUi";
import {
  AVAILABILITIES,
  type Availability,
  type Extension,
  extensionKeys,
  type Pricing,
  type Qualification,
  type Recommendation,
  useQualification,
} from "../../extensions/extensionApi";
import {
  AvailabilityBadge,
  DecisionTag,
  ExtensionStatusBadge,
  PhotoStrip,
  UrgencyTag,
} from "../../extensions/extensionUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan } from "../../shared/session";
import { errorMessage, FormError, QueryError } from "../../shared/ui";
import {
  PartFields,
  type PartFieldValues,
  partBody,
  partInitialValues,
  partServerFields,
  partValidation,
} from "./partFields";

const TAX_RATES = [1900, 700, 0];

function useApplyQualification(workOrderId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (q: Qualification) => queryClient.setQueryData(extensionKeys.qualification(workOrderId), q),
    [queryClient, workOrderId],
  );
}

export function QualificationSection({ workOrderId, currency }: { workOrderId: string; currency: string }) {
  const { t } = useTranslation();
  const query = useQualification(workOrderId);
  const titleId = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Title order={2} mb="xs" id={titleId}>
        {t("extension.title")}
      </Title>
      {query.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={120} radius="sm" />
          <Skeleton height={120} radius="sm" />
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <QualificationBody q={query.data} workOrderId={workOrderId} currency={currency} />
      )}
    </Paper>
  );
}

function QualificationBody({
  q,
  workOrderId,
  currency,
}: {
  q: Qualification;
  workOrderId: string;
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const canWrite = useCan("work-orders:write");
  const [sending, setSending] = useState(false);
  const open = q.recommendations.filter((r) => r.status === "open");
  const selected = open.filter((r) => r.selected);
  const selectedGross = selected.reduce((sum, r) => sum + r.gross, 0);
  const waiting = q.extensions.some((e) => e.status === "sent");

  if (q.recommendations.length === 0 && q.extensions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("extension.empty")}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("extension.hint")}
      </Text>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {q.recommendations.map((rec) => (
          <RecommendationCard
            key={rec.id}
            rec={rec}
            workOrderId={workOrderId}
            currency={currency}
            labourRate={q.labourRate}
          />
        ))}
      </Stack>
      {open.length > 0 ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <div>
              <Text size="sm" fw={600}>
                {t("extension.selectedCount", { selected: selected.length, total: open.length })}
              </Text>
              <Text size="xl" fw={800} className="pl-num" aria-live="polite">
                {t("extension.selectedGross", { gross: fmt.money(selectedGross) })}
              </Text>
            </div>
            {canWrite ? (
              <Stack gap={4} align="flex-end">
                <Button
                  h={44}
                  leftSection={<IconSend size={18} aria-hidden />}
                  disabled={waiting}
                  onClick={() => setSending(true)}
                >
                  {t("extension.send")}
                </Button>
                {waiting ? (
                  <Text size="xs" c="dimmed">
                    {t("extension.waitingHint")}
                  </Text>
                ) : null}
              </Stack>
            ) : null}
          </Group>
        </Paper>
      ) : null}
      {q.extensions.length > 0 ? (
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t("extension.sentTitle")}
          </Title>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {q.extensions.map((e) => (
              <ExtensionRecord key={e.id} extension={e} workOrderId={workOrderId} />
            ))}
          </Stack>
        </Stack>
      ) : null}
      <SendModal
        opened={sending}
        onClose={() => setSending(false)}
        selected={selected}
        gross={selectedGross}
        currency={currency}
        workOrderId={workOrderId}
      />
    </Stack>
  );
}

const STATUS_COLORS: Record<Recommendation["status"], string> = {
  open: "gray",
  sent: "yellow",
  approved: "green",
  declined: "red",
};

function RecommendationCard({
  rec,
  workOrderId,
  currency,
  labourRate,
}: {
  rec: Recommendation;
  workOrderId: string;
  currency: string;
  labourRate: number;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const canWrite = useCan("work-orders:write");
  const canParts = useCan("job-parts:write");
  const apply = useApplyQualification(workOrderId);
  const [addingPart, setAddingPart] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const titleId = useId();
  const editable = rec.status === "open";

  const run = async (key: string, call: () => Promise<Qualification>) => {
    setBusy(key);
    setError(null);
    try {
      apply(await call());
      return true;
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      className="pl-finding"
      data-urgency={rec.urgency}
      aria-labelledby={titleId}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={3} size="h4" id={titleId} style={{ overflowWrap: "anywhere" }}>
              {rec.description}
            </Title>
            <UrgencyTag urgency={rec.urgency} />
          </Group>
          {rec.status !== "open" ? (
            <Badge
              variant="light"
              color={STATUS_COLORS[rec.status]}
              radius="sm"
              tt="none"
              className="pl-badge-full"
            >
              {t(`extension.recStatus.${rec.status}`)}
            </Badge>
          ) : null}
        </Group>
        {rec.note ? (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <Text span fw={600} inherit>
              {t("extension.technicianNote")}
            </Text>{" "}
            {t("common.quoted", { text: rec.note })}
          </Text>
        ) : null}
        <PhotoStrip photos={rec.photos} itemLabel={rec.description} />
        {error ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" p="xs">
            <Text size="sm">{error}</Text>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              {t("extension.labour")}
            </Text>
            {canWrite && editable ? (
              <LabourForm rec={rec} currency={currency} labourRate={labourRate} busy={busy} run={run} />
            ) : (
              <Text size="sm">
                {rec.unitPrice === null
                  ? t("extension.notPriced")
                  : rec.pricing === "flat"
                    ? t("extension.flatSummary", {
                        price: fmt.money(rec.unitPrice),
                        hours: fmt.quantity(rec.hoursMilli),
                      })
                    : t("extension.hourlySummary", {
                        hours: fmt.quantity(rec.hoursMilli),
                        rate: fmt.money(rec.unitPrice),
                      })}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              {t("extension.parts")}
            </Text>
            {rec.parts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("extension.noParts")}
              </Text>
            ) : (
              <ScrollTable minWidth={440} label={t("extension.partsOf", { item: rec.description })}>
                <Table
                  verticalSpacing={4}
                  fz="sm"
                  aria-label={t("extension.partsOf", { item: rec.description })}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("extension.part")}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t("extension.quantity")}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t("extension.unitPrice")}
                      </Table.Th>
                      <Table.Th scope="col">{t("extension.availabilityLabel")}</Table.Th>
                      {canParts && editable ? (
                        <Table.Th scope="col">
                          <VisuallyHidden>{t("extension.actions")}</VisuallyHidden>
                        </Table.Th>
                      ) : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rec.parts.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>
                          <Text size="sm">{p.description}</Text>
                          {p.partNumber ? (
                            <Text size="xs" c="dimmed" className="pl-num">
                              {p.partNumber}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td ta="right" className="pl-num">
                          {fmt.quantity(p.quantityMilli)}
                        </Table.Td>
                        <Table.Td ta="right" className="pl-num">
                          {fmt.money(p.unitPrice)}
                        </Table.Td>
                        <Table.Td>
                          <AvailabilityBadge availability={p.availability} />
                        </Table.Td>
                        {canParts && editable ? (
                          <Table.Td ta="right">
                            <ActionIcon
                              variant="subtle"
                              color="red.9"
                              size={44}
                              aria-label={t("extension.removePart", { part: p.description })}
                              loading={busy === `rm-${p.id}`}
                              disabled={busy !== null}
                              onClick={() =>
                                void run(`rm-${p.id}`, () =>
                                  api.delete<Qualification>(
                                    `/api/v1/recommendation-parts/${encodeURIComponent(p.id)}`,
                                  ),
                                )
                              }
                            >
                              <IconTrash size={18} aria-hidden />
                            </ActionIcon>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            {canParts && editable ? (
              <div>
                <Button
                  h={44}
                  variant="default"
                  leftSection={<IconPlus size={18} aria-hidden />}
                  aria-label={t("extension.addPartTo", { item: rec.description })}
                  onClick={() => setAddingPart(true)}
                >
                  {t("extension.addPart")}
                </Button>
              </div>
            ) : null}
          </Stack>
        </SimpleGrid>
        <Group
          justify="space-between"
          gap="sm"
          wrap="wrap"
          pt="xs"
          style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
        >
          {canWrite && editable ? (
            <Checkbox
              size="md"
              label={t("extension.sendToCustomer")}
              aria-label={t("extension.sendToCustomerFor", { item: rec.description })}
              checked={rec.selected}
              disabled={busy !== null}
              onChange={(event) => {
                const value = event.currentTarget.checked;
                void run("selected", () =>
                  api.patch<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}`, {
                    selected: value,
                    version: rec.version,
                  }),
                );
              }}
            />
          ) : (
            <span />
          )}
          <Group gap="md" wrap="wrap">
            {rec.unitPrice === null ? (
              <Text size="sm" c="red.9" fw={600}>
                {t("extension.notPriced")}
              </Text>
            ) : null}
            <Text size="sm" className="pl-num">
              {t("extension.netValue", { value: fmt.money(rec.net) })}
            </Text>
            <Text size="md" fw={800} className="pl-num">
              {t("extension.grossValue", { value: fmt.money(rec.gross) })}
            </Text>
          </Group>
        </Group>
      </Stack>
      <AppModal
        opened={addingPart}
        onClose={() => setAddingPart(false)}
        title={t("extension.addPartTo", { item: rec.description })}
      >
        {addingPart ? (
          <AddPartForm
            rec={rec}
            currency={currency}
            onDone={(q) => {
              apply(q);
              notifySuccess(t("extension.partAdded"));
              setAddingPart(false);
            }}
            onClose={() => setAddingPart(false)}
          />
        ) : null}
      </AppModal>
    </Paper>
  );
}

interface Draft {
  repair: string;
  pricing: Pricing;
  hours: string;
  price: string;
  tax: string;
}

/** Pricing of the labour, edited inline; "Save price" sends it (nothing is saved while typing). */
function LabourForm({
  rec,
  currency,
  labourRate,
  busy,
  run,
}: {
  rec: Recommendation;
  currency: string;
  /** An unpriced item starts at the location's rate, as Add Labour on an estimate does. */
  labourRate: number;
  busy: string | null;
  run: (key: string, call: () => Promise<Qualification>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<"hours" | "price" | "repair", string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const values: Draft = draft ?? {
    repair: rec.repairDescription ?? "",
    pricing: rec.pricing,
    hours: fmt.quantityInput(rec.hoursMilli),
    price: fmt.moneyInput(rec.unitPrice ?? (rec.pricing === "hourly" ? labourRate : 0)),
    tax: String(rec.taxRateBp),
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...values, ...patch });
  const hoursMilli = parseScaled(values.hours, 1000);
  const cents = parseScaled(values.price, 100);
  const labourNet =
    cents === null || hoursMilli === null
      ? null
      : values.pricing === "flat"
        ? cents
        : Math.round((cents * hoursMilli) / 1000);

  const save = async () => {
    const next: typeof errors = {};
    if (hoursMilli === null || hoursMilli <= 0) next.hours = t("extension.hoursInvalid");
    if (cents === null || cents < 0) next.price = t("extension.priceInvalid");
    if (values.repair.trim().length > 2000) next.repair = t("extension.repairTooLong");
    setErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    const ok = await run("labour", () =>
      api.patch<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}`, {
        repairDescription: values.repair.trim() || null,
        pricing: values.pricing,
        hoursMilli,
        unitPrice: cents,
        taxRateBp: Number(values.tax),
        version: rec.version,
      }),
    );
    if (ok) {
      setDraft(null);
      notifySuccess(t("extension.priceSaved", { item: rec.description }));
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("extension.labourFor", { item: rec.description })}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t("extension.repairDescription")}
          description={t("extension.repairDescriptionHint")}
          placeholder={t("extension.repairDescriptionPlaceholder")}
          autosize
          minRows={2}
          maxLength={2000}
          value={values.repair}
          error={errors.repair}
          onChange={(event) => set({ repair: event.currentTarget.value })}
        />
        <Radio.Group
          label={t("extension.pricing")}
          value={values.pricing}
          onChange={(v) => set({ pricing: v === "flat" ? "flat" : "hourly" })}
        >
          <Group gap="md" mt={4}>
            <Radio value="hourly" label={t("extension.hourly")} />
            <Radio value="flat" label={t("extension.flat")} />
          </Group>
        </Radio.Group>
        <Group grow gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={values.pricing === "flat" ? t("extension.estimatedHours") : t("extension.hours")}
            inputMode="decimal"
            value={values.hours}
            error={errors.hours}
            onChange={(event) => set({ hours: event.currentTarget.value })}
          />
          <TextInput
            label={values.pricing === "flat" ? t("extension.price") : t("extension.rate")}
            inputMode="decimal"
            placeholder={fmt.moneyInput(0)}
            value={values.price}
            error={errors.price}
            onChange={(event) => set({ price: event.currentTarget.value })}
          />
          <NativeSelect
            label={t("extension.tax")}
            data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
            value={values.tax}
            onChange={(event) => set({ tax: event.currentTarget.value })}
          />
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" className="pl-num">
            {labourNet === null ? "" : t("extension.labourNet", { value: fmt.money(labourNet) })}
          </Text>
          <Group gap="xs">
            {draft ? (
              <Button variant="default" h={44} onClick={() => setDraft(null)}>
                {t("common.cancel")}
              </Button>
            ) : null}
            <Button
              type="submit"
              h={44}
              variant={draft ? "filled" : "light"}
              loading={busy === "labour"}
              disabled={busy !== null && busy !== "labour"}
              aria-label={t("extension.savePriceFor", { item: rec.description })}
            >
              {t("extension.savePrice")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

interface PartValues extends PartFieldValues {
  availability: Availability;
}

function AddPartForm({
  rec,
  currency,
  onDone,
  onClose,
}: {
  rec: Recommendation;
  currency: string;
  onDone: (q: Qualification) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PartValues>({
    initialValues: { ...partInitialValues, availability: "in_stock" },
    validate: partValidation({
      description: t("extension.partRequired"),
      quantity: t("extension.quantityInvalid"),
      price: t("extension.priceInvalid"),
    }),
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        onDone(
          await api.post<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}/parts`, {
            ...partBody(values),
            availability: values.availability,
          }),
        );
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
        <Group grow gap="sm" align="flex-start">
          <NativeSelect
            label={t("extension.tax")}
            data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
            {...form.getInputProps("taxRate")}
          />
          <NativeSelect
            label={t("extension.availabilityLabel")}
            data={AVAILABILITIES.map((a) => ({ value: a, label: t(`extension.availability.${a}`) }))}
            {...form.getInputProps("availability")}
          />
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("extension.addPart")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SendModal({
  opened,
  onClose,
  selected,
  gross,
  currency,
  workOrderId,
}: {
  opened: boolean;
  onClose: () => void;
  selected: Recommendation[];
  gross: number;
  currency: string;
  workOrderId: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const apply = useApplyQualification(workOrderId);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t("extension.sendTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        {selected.length === 0 ? (
          <Text size="sm">{t("extension.sendNone")}</Text>
        ) : (
          <>
            <Text size="sm">{t("extension.sendBody", { n: selected.length })}</Text>
            <Stack gap={2} component="ul" pl="md" my={0}>
              {selected.map((r) => (
                <Text size="sm" component="li" key={r.id}>
                  {r.unitPrice === null
                    ? `${r.description} (${t("extension.notPriced")})`
                    : `${r.description} (${fmt.money(r.gross)})`}
                </Text>
              ))}
            </Stack>
            <Group justify="space-between">
              <Text fw={600}>{t("extension.totalGross")}</Text>
              <Text fw={800} fz="lg" className="pl-num">
                {fmt.money(gross)}
              </Text>
            </Group>
          </>
        )}
        <Textarea
          label={t("extension.note")}
          description={t("extension.noteHint")}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button
            leftSection={<IconSend size={18} aria-hidden />}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                apply(
                  await api.post<Qualification>(
                    `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/extension`,
                    { note: note.trim() || undefined },
                  ),
                );
                notifySuccess(t("extension.sent"));
                setNote("");
                onClose();
              } catch (err) {
                setError(errorMessage(err, t("errors.saveFailed")));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("extension.sendConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function ExtensionRecord({ extension, workOrderId }: { extension: Extension; workOrderId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(extension.currency);
  const canWrite = useCan("work-orders:write");
  const [recording, setRecording] = useState(false);
  const titleId = useId();
  const decision = extension.decision;
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <div>
            <Title order={4} size="h5" id={titleId}>
              {t("extension.sentOn", { date: format.dateTime(extension.sentAt) })}
            </Title>
            <Text size="xs" c="dimmed">
              {t("extension.sentBy", { name: extension.sentBy })}
            </Text>
          </div>
          <ExtensionStatusBadge status={extension.status} />
        </Group>
        {extension.note ? (
          <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {t("common.quoted", { text: extension.note })}
          </Text>
        ) : null}
        <ScrollTable minWidth={420} label={t("extension.itemsOf")}>
          <Table verticalSpacing={4} fz="sm" aria-label={t("extension.itemsOf")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("extension.item")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("extension.gross")}
                </Table.Th>
                <Table.Th scope="col">{t("extension.decision")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {extension.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      <span>{item.description}</span>
                      <UrgencyTag urgency={item.urgency} />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="pl-num">
                    {fmt.money(item.gross)}
                  </Table.Td>
                  <Table.Td>
                    {decision ? (
                      decision.approvedIds.includes(item.id) ? (
                        <DecisionTag approved />
                      ) : decision.declinedIds.includes(item.id) ? (
                        <DecisionTag approved={false} />
                      ) : null
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("extension.waiting")}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t("extension.totalGross")}</Table.Th>
                <Table.Td ta="right" fw={700} className="pl-num">
                  {fmt.money(extension.totals.gross)}
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </ScrollTable>
        {decision ? (
          <DataList labelWidth="9rem">
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.decidedBy")}</DataList.ItemLabel>
              <DataList.ItemValue>{decision.by}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.decidedAt")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(decision.at)}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("extension.approvedGross")}</DataList.ItemLabel>
              <DataList.ItemValue className="pl-num">
                {fmt.money(
                  extension.items
                    .filter((i) => decision.approvedIds.includes(i.id))
                    .reduce((sum, i) => sum + i.gross, 0),
                )}
              </DataList.ItemValue>
            </DataList.Item>
            {decision.ip ? (
              <DataList.Item>
                <DataList.ItemLabel>{t("extension.ip")}</DataList.ItemLabel>
                <DataList.ItemValue className="pl-num">{decision.ip}</DataList.ItemValue>
              </DataList.Item>
            ) : null}
            {decision.userAgent ? (
              <DataList.Item>
                <DataList.ItemLabel>{t("extension.userAgent")}</DataList.ItemLabel>
                <DataList.ItemValue style={{ overflowWrap: "anywhere" }}>
                  {decision.userAgent}
                </DataList.ItemValue>
              </DataList.Item>
            ) : null}
          </DataList>
        ) : canWrite ? (
          <div>
            <Button
              h={44}
              variant="default"
              leftSection={<IconPhone size={18} aria-hidden />}
              onClick={() => setRecording(true)}
            >
              {t("extension.recordByPhone")}
            </Button>
          </div>
        ) : null}
      </Stack>
      <AppModal opened={recording} onClose={() => setRecording(false)} title={t("extension.recordTitle")}>
        {recording ? (
          <RecordDecisionForm
            extension={extension}
            workOrderId={workOrderId}
            onClose={() => setRecording(false)}
          />
        ) : null}
      </AppModal>
    </Paper>
  );
}

function RecordDecisionForm({
  extension,
  workOrderId,
  onClose,
}: {
  extension: Extension;
  workOrderId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(extension.currency);
  const apply = useApplyQualification(workOrderId);
  const formRef = useRef<HTMLFormElement>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<{ name?: string; items?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const next: typeof errors = {};
    if (extension.items.some((i) => !choices[i.id])) next.items = t("extension.chooseEvery");
    if (!name.trim()) next.name = t("extension.whoRequired");
    setErrors(next);
    if (Object.keys(next).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      apply(
        await api.post<Qualification>(
          `/api/v1/extensions/${encodeURIComponent(extension.id)}/record-decision`,
          {
            decisions: extension.items.map((i) => ({
              recommendationId: i.id,
              approve: choices[i.id] === "approve",
            })),
            decidedBy: name.trim(),
          },
        ),
      );
      notifySuccess(t("extension.recorded"));
      onClose();
    } catch (err) {
      setFormError(isApiError(err) ? err.detail : errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <FormError message={formError} />
        <Text size="sm">{t("extension.recordHint")}</Text>
        {extension.items.map((item) => (
          <Radio.Group
            key={item.id}
            label={`${item.description} (${fmt.money(item.gross)})`}
            value={choices[item.id] ?? null}
            onChange={(v) => setChoices((c) => ({ ...c, [item.id]: v }))}
            error={errors.items && !choices[item.id] ? errors.items : undefined}
          >
            <Group gap="lg" mt={4}>
              <Radio value="approve" label={t("extension.approve")} />
              <Radio value="decline" label={t("extension.decline")} />
            </Group>
          </Radio.Group>
        ))}
        <TextInput
          label={t("extension.whoDecided")}
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("extension.recordConfirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
