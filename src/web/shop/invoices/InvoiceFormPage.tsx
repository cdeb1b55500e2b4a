// Create invoice (a draft by hand) and Edit draft: customer and unit, the lines with their tax rates,
// live totals rounded as the server rounds them, service date, due date, PO number and note.
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormErrors, useForm } from "@mantine/form";
import { randomId } from "@mantine/hooks";
import { IconArrowLeft, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../api";
import { parseScaled } from "../../estimates/estimateApi";
import { TotalsBox, useMoney } from "../../estimates/estimateUi";
import { ConfirmDiscard } from "../../shared/ConfirmDiscard";
import { focusFirstInvalid, normaliseField } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { useCurrentSession } from "../../shared/session";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { useCustomer } from "../customers/customerApi";
import { CustomerSelect } from "../units/CustomerSelect";
import { unitTitle, useUnitList } from "../units/unitApi";
import {
  type Invoice,
  type InvoiceDetail,
  type InvoiceLineInput,
  invoiceKeys,
  invoicePath,
  lineNet,
  priceDraft,
  TAX_RATES,
  useInvoice,
} from "./invoiceApi";
import { useInvoiceTitle } from "./invoiceUi";

interface LineValues {
  key: string;
  description: string;
  partNumber: string;
  quantity: string;
  price: string;
  taxRate: string;
}

interface InvoiceValues {
  customerId: string;
  unitId: string;
  lines: LineValues[];
  serviceDate: string;
  dueDate: string;
  poNumber: string;
  note: string;
}

const emptyLine = (): LineValues => ({
  key: randomId(),
  description: "",
  partNumber: "",
  quantity: "1",
  price: "",
  taxRate: "1900",
});

/** The lines as the API takes them; null where a number cannot be read (yet). */
function toInputs(lines: LineValues[]): (InvoiceLineInput | null)[] {
  return lines.map((line) => {
    const quantityMilli = parseScaled(line.quantity, 1000);
    const unitPrice = parseScaled(line.price, 100);
    if (quantityMilli === null || unitPrice === null) return null;
    return {
      description: line.description.trim(),
      partNumber: line.partNumber.trim() || null,
      quantityMilli,
      unitPrice,
      taxRateBp: Number(line.taxRate),
    };
  });
}

/** Server field paths onto the form ("lines.0.unitPrice" → "lines.0.price"); the rest for the alert. */
function serverErrors(error: unknown, values: InvoiceValues): { fields: FormErrors; rest: string | null } {
  if (!isApiError(error)) return { fields: {}, rest: error instanceof Error ? error.message : null };
  const aliases: Record<string, string> = {
    quantityMilli: "quantity",
    unitPrice: "price",
    taxRateBp: "taxRate",
  };
  const fields: FormErrors = {};
  const leftovers: string[] = [];
  for (const { field, message } of error.fieldErrors) {
    const path = normaliseField(field)
      .split(".")
      .map((part) => aliases[part] ?? part)
      .join(".");
    const head = path.split(".")[0] ?? "";
    if (head in values && path !== "lines") fields[path] = message;
    else leftovers.push(message);
  }
  const rest =
    leftovers.length > 0 || Object.keys(fields).length === 0 ? [error.detail, ...leftovers].join("\n") : null;
  return { fields, rest };
}

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {label}
    </Anchor>
  );
}

/** /shop/invoices/new */
export function InvoiceCreatePage() {
  return <InvoiceForm invoice={null} />;
}

/** /shop/invoices/:id/edit (drafts only) */
export function InvoiceEditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useInvoice(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink to="/shop/invoices" label={t("invoices.backToList")} />
        <PageHeader title={t("invoices.editTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (query.data.status !== "draft") {
    return (
      <>
        <BackLink to={`/shop/invoices/${id}`} label={t("invoices.backToInvoice")} />
        <PageHeader title={t("invoices.editTitle")} />
        <Alert color="orange" role="alert" title={t("invoices.notEditableTitle")}>
          {t("invoices.issuedNeverChanges")}
        </Alert>
      </>
    );
  }
  return <InvoiceForm key={`${query.data.id}:${query.data.version}`} invoice={query.data} />;
}

function InvoiceForm({ invoice }: { invoice: Invoice | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useCurrentSession();
  const title = useInvoiceTitle();
  const currency = invoice?.currency ?? session.location.currency;
  const fmt = useMoney(currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const back = invoice ? `/shop/invoices/${invoice.id}` : "/shop/invoices";

  const form = useForm<InvoiceValues>({
    initialValues: {
      customerId: invoice?.customerId ?? "",
      unitId: invoice?.unitId ?? "",
      lines: invoice
        ? invoice.lines.map((line) => ({
            key: randomId(),
            description: line.description,
            partNumber: line.partNumber ?? "",
            quantity: fmt.quantityInput(line.quantityMilli),
            price: fmt.moneyInput(line.unitPrice),
            taxRate: String(line.taxRateBp),
          }))
        : [emptyLine()],
      serviceDate: invoice?.serviceDate ?? "",
      dueDate: invoice?.dueDate ?? "",
      poNumber: invoice?.poNumber ?? "",
      note: invoice?.note ?? "",
    },
    validate: {
      customerId: (value) => (value ? null : t("invoices.customerRequired")),
      lines: {
        description: (value) => (value.trim() ? null : t("invoices.descriptionRequired")),
        quantity: (value) => {
          const milli = parseScaled(value, 1000);
          return milli !== null && milli > 0 ? null : t("invoices.quantityInvalid");
        },
        price: (value) => {
          const cents = parseScaled(value, 100);
          return cents !== null && cents >= 0 ? null : t("invoices.priceInvalid");
        },
      },
      dueDate: (value, values) =>
        value && values.serviceDate && value < values.serviceDate ? t("invoices.dueBeforeService") : null,
    },
  });

  const customerId = form.values.customerId;
  const customer = useCustomer(customerId || undefined);
  const units = useUnitList({ customerId: customerId || undefined, offset: 0, limit: 100 });
  const unitOptions = customerId
    ? (units.data?.items ?? [])
        .filter((unit) => unit.customerId === customerId)
        .map((unit) => ({
          value: unit.id,
          label: unit.fleetNumber ? `${unitTitle(unit)} · #${unit.fleetNumber}` : unitTitle(unit),
        }))
    : [];

  const inputs = toInputs(form.values.lines);
  const live = priceDraft(inputs.filter((line): line is InvoiceLineInput => line !== null));

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(null);
      const lines = toInputs(values.lines).filter((line): line is InvoiceLineInput => line !== null);
      try {
        const saved = invoice
          ? await api.patch<InvoiceDetail>(invoicePath(invoice.id), {
              unitId: values.unitId || null,
              lines,
              serviceDate: values.serviceDate || null,
              dueDate: values.dueDate || null,
              poNumber: values.poNumber.trim() || null,
              note: values.note.trim() || null,
              version: invoice.version,
            })
          : await api.post<InvoiceDetail>("/api/v1/invoices", {
              customerId: values.customerId,
              unitId: values.unitId || undefined,
              lines,
              serviceDate: values.serviceDate || undefined,
              dueDate: values.dueDate || undefined,
              poNumber: values.poNumber.trim() || undefined,
              note: values.note.trim() || undefined,
            });
        queryClient.setQueryData(invoiceKeys.detail(saved.id), saved);
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
        notifySuccess(t(invoice ? "invoices.saved" : "invoices.created"));
        form.resetDirty();
        navigate(`/shop/invoices/${saved.id}`);
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          setConflict(error.detail || t("invoices.stale"));
          return;
        }
        const { fields, rest } = serverErrors(error, values);
        form.setErrors(fields);
        setFormError(rest ?? (Object.keys(fields).length > 0 ? t("errors.checkFields") : null));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  const currencySuffix = (
    <Text size="sm" c="dimmed" aria-hidden>
      {currency}
    </Text>
  );
  const leave = () => navigate(back);
  const terms = customer.data?.paymentTermsDays;

  return (
    <>
      <BackLink to={back} label={invoice ? t("invoices.backToInvoice") : t("invoices.backToList")} />
      <PageHeader
        title={invoice ? t("invoices.editTitle") : t("invoices.create")}
        documentTitle={invoice ? `${t("invoices.editTitle")} · ${title(invoice)}` : t("invoices.create")}
        description={invoice ? undefined : t("invoices.createHint")}
      />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <ConflictAlert
            message={conflict}
            onReload={() => {
              setConflict(null);
              if (invoice) void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) });
            }}
          />
          <FormError message={formError} />
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <Stack gap="lg" className="pl-span-2">
              <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
                <Title order={2} mb="md">
                  {t("invoices.customerAndUnit")}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  {invoice ? (
                    <TextInput label={t("invoices.customer")} value={invoice.customerName} readOnly />
                  ) : (
                    <CustomerSelect
                      required
                      value={customerId}
                      onChange={(value) => {
                        form.setFieldValue("customerId", value);
                        form.setFieldValue("unitId", "");
                      }}
                      error={form.errors.customerId}
                    />
                  )}
                  <Select
                    label={t("invoices.unit")}
                    data={unitOptions}
                    disabled={!customerId}
                    placeholder={customerId ? t("invoices.noUnitChosen") : t("invoices.pickCustomerFirst")}
                    nothingFoundMessage={t("invoices.noUnits")}
                    searchable
                    clearable
                    {...form.getInputProps("unitId")}
                    value={form.values.unitId || null}
                    onChange={(value) => form.setFieldValue("unitId", value ?? "")}
                  />
                </SimpleGrid>
              </Paper>
              <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
                <Title order={2} mb="md">
                  {t("invoices.lines")}
                </Title>
                <Stack gap="md">
                  {form.values.lines.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("invoices.noLines")}
                    </Text>
                  ) : null}
                  {form.values.lines.map((line, index) => {
                    const parsed = inputs[index];
                    const net = parsed ? lineNet(parsed.quantityMilli, parsed.unitPrice) : null;
                    const number = index + 1;
                    return (
                      <fieldset key={line.key} style={lineStyle}>
                        <legend style={legendStyle}>{t("invoices.lineNo", { number })}</legend>
                        <Group justify="flex-end" gap="xs" mb="xs" wrap="nowrap">
                          <Group gap="sm" wrap="nowrap">
                            <Text size="sm" className="pl-num" aria-live="polite">
                              {t("invoices.lineNet", {
                                amount: net === null ? t("common.notSet") : fmt.money(net),
                              })}
                            </Text>
                            <ActionIcon
                              variant="subtle"
                              color="red.9"
                              aria-label={t("invoices.removeLine", { number })}
                              onClick={() => form.removeListItem("lines", index)}
                            >
                              <IconTrash size={18} aria-hidden />
                            </ActionIcon>
                          </Group>
                        </Group>
                        <Grid gap="sm" style={{ clear: "both" }}>
                          <Grid.Col span={{ base: 12, sm: 8 }}>
                            <TextInput
                              label={t("invoices.line.description")}
                              required
                              maxLength={500}
                              {...form.getInputProps(`lines.${index}.description`)}
                            />
                          </Grid.Col>
                          <Grid.Col span={{ base: 12, sm: 4 }}>
                            <TextInput
                              label={t("invoices.line.partNumber")}
                              maxLength={60}
                              {...form.getInputProps(`lines.${index}.partNumber`)}
                            />
                          </Grid.Col>
                          <Grid.Col span={{ base: 6, sm: 4 }}>
                            <TextInput
                              label={t("invoices.line.quantity")}
                              required
                              inputMode="decimal"
                              autoComplete="off"
                              {...form.getInputProps(`lines.${index}.quantity`)}
                            />
                          </Grid.Col>
                          <Grid.Col span={{ base: 6, sm: 4 }}>
                            <TextInput
                              label={t("invoices.line.unitPrice")}
                              required
                              inputMode="decimal"
                              autoComplete="off"
                              rightSection={currencySuffix}
                              rightSectionWidth={48}
                              {...form.getInputProps(`lines.${index}.price`)}
                            />
                          </Grid.Col>
                          <Grid.Col span={{ base: 12, sm: 4 }}>
                            <NativeSelect
                              label={t("invoices.line.taxRate")}
                              data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
                              {...form.getInputProps(`lines.${index}.taxRate`)}
                            />
                          </Grid.Col>
                        </Grid>
                      </fieldset>
                    );
                  })}
                  <Group>
                    <Button
                      variant="light"
                      leftSection={<IconPlus size={18} aria-hidden />}
                      onClick={() => form.insertListItem("lines", emptyLine())}
                    >
                      {t("invoices.addLine")}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            </Stack>
            <Stack gap="lg">
              <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
                <Title order={2} mb="sm">
                  {t("invoices.totals")}
                </Title>
                <div aria-live="polite">
                  <TotalsBox totals={live} currency={currency} />
                </div>
              </Paper>
              <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
                <Title order={2} mb="md">
                  {t("invoices.details")}
                </Title>
                <Stack gap="md">
                  <TextInput
                    type="date"
                    label={t("invoices.serviceDate")}
                    description={t("invoices.serviceDateHint")}
                    {...form.getInputProps("serviceDate")}
                  />
                  <TextInput
                    type="date"
                    label={t("invoices.dueDate")}
                    description={
                      terms !== undefined
                        ? t("invoices.dueDateHintDays", { count: terms })
                        : t("invoices.dueDateHint")
                    }
                    {...form.getInputProps("dueDate")}
                  />
                  <TextInput
                    label={t("invoices.poNumber")}
                    maxLength={60}
                    {...form.getInputProps("poNumber")}
                  />
                  <Textarea
                    label={t("invoices.note")}
                    description={t("invoices.noteHint")}
                    autosize
                    minRows={3}
                    maxLength={2000}
                    {...form.getInputProps("note")}
                  />
                </Stack>
              </Paper>
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => (form.isDirty() ? setConfirmDiscard(true) : leave())}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {invoice ? t("common.save") : t("invoices.saveDraft")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDiscard
        opened={confirmDiscard}
        onKeepEditing={() => setConfirmDiscard(false)}
        onDiscard={leave}
      />
    </>
  );
}

const lineStyle = {
  border: "1px solid var(--mantine-color-gray-3)",
  borderRadius: "var(--mantine-radius-sm)",
  padding: "var(--mantine-spacing-sm)",
  margin: 0,
  minWidth: 0,
} as const;

// Floated so it sits in the line's first row, beside the line's net and the remove button.
const legendStyle = {
  float: "left",
  padding: 0,
  fontWeight: 700,
  fontSize: "var(--mantine-font-size-sm)",
  lineHeight: "28px",
} as const;
