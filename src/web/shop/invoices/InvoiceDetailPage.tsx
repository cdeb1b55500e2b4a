// One invoice or credit note: header, lines, totals, dates, PO number and note. Drafts can be edited
// and issued; an issued invoice can be downloaded, printed and credited (in full or in part).
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  DataList,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconDownload,
  IconEdit,
  IconPrinter,
  IconReceiptRefund,
  IconSend,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../api";
import { parseScaled } from "../../estimates/estimateApi";
import { TotalsBox, useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { ClosedBadge, CreditNoteSendPanel, InvoiceCasePanel } from "./InvoiceCasePanel";
import { InvoicePayments } from "./InvoicePayments";
import {
  type Invoice,
  type InvoiceDetail,
  type InvoiceLineInput,
  invoiceKeys,
  invoicePath,
  invoicePdfHref,
  priceDraft,
  shownAmounts,
  signed,
  useInvoice,
} from "./invoiceApi";
import {
  CreditNoteBadge,
  InvoiceLinesTable,
  InvoiceStatusBadge,
  problemText,
  useDayFormat,
  useInvoiceTitle,
} from "./invoiceUi";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      component={Link}
      to="/shop/invoices"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ gap: 4 }}
      className="pl-no-print"
    >
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("invoices.backToList")}
    </Anchor>
  );
}

export function InvoiceDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useInvoice(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("invoices.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <InvoiceView invoice={query.data} />;
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = useInvoiceTitle();
  const day = useDayFormat();
  const [issuing, setIssuing] = useState(false);
  const [crediting, setCrediting] = useState(false);
  const credited = useInvoice(invoice.creditedInvoiceId ?? undefined);
  const draft = invoice.status === "draft";
  const creditNote = invoice.kind === "credit_note";
  const shown = shownAmounts(invoice);
  const canCredit =
    canWrite && !creditNote && invoice.status === "issued" && invoice.paymentStatus !== "credited";

  const applied = (next: InvoiceDetail) => {
    queryClient.setQueryData(invoiceKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  };

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span className="pl-num">{title(invoice)}</span>
            {creditNote ? <CreditNoteBadge size="lg" /> : null}
            <InvoiceStatusBadge invoice={invoice} size="lg" />
            {invoice.closed ? <ClosedBadge size="lg" /> : null}
          </Group>
        }
        documentTitle={title(invoice)}
        description={
          <Group gap="md" component="span" wrap="wrap">
            <Anchor component={Link} to={`/shop/customers/${invoice.customerId}`}>
              {invoice.customerName}
            </Anchor>
            {invoice.unitId ? (
              <Anchor component={Link} to={`/shop/units/${invoice.unitId}`}>
                {invoice.plate ? `${invoice.unitLabel} (${invoice.plate})` : invoice.unitLabel}
              </Anchor>
            ) : null}
            {invoice.workOrderId ? (
              <Anchor component={Link} to={`/shop/work-orders/${invoice.workOrderId}`}>
                {t("invoices.fromWorkOrder")}
              </Anchor>
            ) : null}
            {invoice.creditedInvoiceId ? (
              <Anchor component={Link} to={`/shop/invoices/${invoice.creditedInvoiceId}`}>
                {credited.data?.number
                  ? t("invoices.creditsInvoiceNumber", { number: credited.data.number })
                  : t("invoices.creditsInvoice")}
              </Anchor>
            ) : null}
          </Group>
        }
        actions={
          draft ? (
            canWrite ? (
              <>
                <Button
                  component={Link}
                  to={`/shop/invoices/${invoice.id}/edit`}
                  variant="default"
                  leftSection={<IconEdit size={18} aria-hidden />}
                >
                  {t("common.edit")}
                </Button>
                <Button leftSection={<IconSend size={18} aria-hidden />} onClick={() => setIssuing(true)}>
                  {t("invoices.issue")}
                </Button>
              </>
            ) : null
          ) : (
            <>
              <Button
                component="a"
                href={invoicePdfHref(invoice.id)}
                target="_blank"
                rel="noopener"
                variant="default"
                className="pl-no-print"
                leftSection={<IconDownload size={18} aria-hidden />}
              >
                {t("invoices.downloadPdf")}
              </Button>
              <Button
                variant="default"
                className="pl-no-print"
                leftSection={<IconPrinter size={18} aria-hidden />}
                onClick={() => window.print()}
              >
                {t("invoices.print")}
              </Button>
              {canCredit ? (
                <Button
                  color="red.9"
                  variant="outline"
                  className="pl-no-print"
                  leftSection={<IconReceiptRefund size={18} aria-hidden />}
                  onClick={() => setCrediting(true)}
                >
                  {t("invoices.createCreditNote")}
                </Button>
              ) : null}
            </>
          )
        }
      />
      <Stack gap="lg">
        {draft ? (
          <Alert color="blue" icon={<IconAlertTriangle aria-hidden />} title={t("invoices.draftAlertTitle")}>
            {t("invoices.draftAlert")}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Paper withBorder radius="md" p="lg" className="pl-span-2" style={{ alignSelf: "start" }}>
            <Title order={2} mb="md">
              {t("invoices.lines")}
            </Title>
            <InvoiceLinesTable lines={shown.lines} currency={invoice.currency} label={t("invoices.lines")} />
            {invoice.note ? (
              <Text size="sm" mt="md" style={{ whiteSpace: "pre-line" }}>
                <Text span fw={700} inherit>
                  {`${t("invoices.note")}: `}
                </Text>
                {invoice.note}
              </Text>
            ) : null}
          </Paper>
          <Stack gap="lg">
            {!draft && !creditNote ? <InvoiceCasePanel invoice={invoice} /> : null}
            {!draft && creditNote ? <CreditNoteSendPanel invoice={invoice} /> : null}
            {!draft && !creditNote ? <InvoicePayments invoice={invoice} /> : null}
            <Paper withBorder radius="md" p="lg">
              <Title order={2} mb="sm">
                {t("invoices.totals")}
              </Title>
              <TotalsBox totals={shown.totals} currency={invoice.currency} />
            </Paper>
            {!creditNote && invoice.creditNotes.length > 0 ? <CreditNotesList invoice={invoice} /> : null}
            <Paper withBorder radius="md" p="lg">
              <Title order={2} mb="sm">
                {t("invoices.details")}
              </Title>
              <DataList labelWidth="8rem">
                <DataList.Item>
                  <DataList.ItemLabel>{t("invoices.serviceDate")}</DataList.ItemLabel>
                  <DataList.ItemValue>{day(invoice.serviceDate) ?? t("common.notSet")}</DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t("invoices.issueDate")}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {day(invoice.issueDate) ?? t("invoices.notIssuedYet")}
                  </DataList.ItemValue>
                </DataList.Item>
                {creditNote ? null : (
                  <DataList.Item>
                    <DataList.ItemLabel>{t("invoices.dueDate")}</DataList.ItemLabel>
                    <DataList.ItemValue>
                      {day(invoice.dueDate) ?? (draft ? t("invoices.dueOnIssue") : t("common.notSet"))}
                    </DataList.ItemValue>
                  </DataList.Item>
                )}
                <DataList.Item>
                  <DataList.ItemLabel>{t("invoices.poNumber")}</DataList.ItemLabel>
                  <DataList.ItemValue className="pl-num">
                    {invoice.poNumber ?? t("common.notSet")}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t("invoices.sourceLabel")}</DataList.ItemLabel>
                  <DataList.ItemValue>{t(`invoices.source.${invoice.source}`)}</DataList.ItemValue>
                </DataList.Item>
              </DataList>
            </Paper>
          </Stack>
        </SimpleGrid>
      </Stack>
      {draft ? (
        <IssueModal
          opened={issuing}
          invoice={invoice}
          onClose={() => setIssuing(false)}
          onDone={(next) => {
            applied(next);
            notifySuccess(t("invoices.issued", { number: next.number ?? "" }));
          }}
        />
      ) : null}
      {canCredit ? (
        <CreditModal
          key={`${invoice.id}:${invoice.version}`}
          opened={crediting}
          invoice={invoice}
          onClose={() => setCrediting(false)}
          onDone={(note) => {
            applied(note);
            void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) });
            notifySuccess(t("invoices.credited", { number: note.number ?? "" }));
            navigate(`/shop/invoices/${note.id}`);
          }}
        />
      ) : null}
    </>
  );
}

function IssueModal({
  opened,
  invoice,
  onClose,
  onDone,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onDone: (next: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const day = useDayFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<InvoiceDetail>(`${invoicePath(invoice.id)}/issue`, {}));
      close();
    } catch (err) {
      setError(problemText(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened={opened} onClose={close} title={t("invoices.issueTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t("invoices.issueWarning")}
        </Alert>
        <DataList labelWidth="8rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.customer")}</DataList.ItemLabel>
            <DataList.ItemValue>{invoice.customerName}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.gross")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num" fw={700}>
              {fmt.money(invoice.totals.gross)}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.serviceDate")}</DataList.ItemLabel>
            <DataList.ItemValue>{day(invoice.serviceDate) ?? t("common.notSet")}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.dueDate")}</DataList.ItemLabel>
            <DataList.ItemValue>{day(invoice.dueDate) ?? t("invoices.dueOnIssue")}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button
            loading={busy}
            leftSection={<IconSend size={18} aria-hidden />}
            onClick={() => void issue()}
          >
            {t("invoices.issueConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

interface CreditRow {
  picked: boolean;
  amount: string;
}

/** Full credit, or chosen lines with the net amount to credit on each; then a last confirmation. */
function CreditModal({
  opened,
  invoice,
  onClose,
  onDone,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onDone: (creditNote: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const [mode, setMode] = useState<"full" | "lines">("full");
  const [rows, setRows] = useState<CreditRow[]>(() =>
    invoice.lines.map((line) => ({ picked: false, amount: fmt.moneyInput(line.net) })),
  );
  const [note, setNote] = useState("");
  const [step, setStep] = useState<"choose" | "confirm">("choose");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});

  const close = () => {
    setStep("choose");
    setError(null);
    onClose();
  };

  /** Checks the picked amounts (each above zero, at most the line's net); the lines, or null. */
  const creditLines = (): InvoiceLineInput[] | null => {
    const errors: Record<number, string> = {};
    invoice.lines.forEach((line, index) => {
      const row = rows[index];
      if (!row?.picked) return;
      const cents = parseScaled(row.amount, 100);
      if (cents === null || cents <= 0 || cents > line.net) {
        errors[index] = t("invoices.creditAmountInvalid", { max: fmt.money(line.net) });
      }
    });
    setRowErrors(errors);
    return Object.keys(errors).length > 0 ? null : creditLinesPreview(invoice, rows);
  };

  const pickedLines = mode === "lines" ? creditLinesPreview(invoice, rows) : null;
  const creditGross = mode === "full" ? invoice.totals.gross : priceDraft(pickedLines ?? []).gross;

  const proceed = () => {
    setError(null);
    if (mode === "lines") {
      const lines = creditLines();
      if (!lines) return;
      if (lines.length === 0) {
        setError(t("invoices.creditPickLines"));
        return;
      }
    }
    setStep("confirm");
  };

  const create = async () => {
    const lines = mode === "lines" ? creditLines() : undefined;
    if (lines === null) return;
    setBusy(true);
    setError(null);
    try {
      const creditNote = await api.post<InvoiceDetail>(`${invoicePath(invoice.id)}/credit`, {
        ...(lines ? { lines } : {}),
        note: note.trim() || null,
      });
      close();
      onDone(creditNote);
    } catch (err) {
      setStep("choose");
      setError(problemText(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal
      opened={opened}
      onClose={close}
      size="lg"
      title={t("invoices.creditTitle", { number: invoice.number ?? "" })}
    >
      {step === "choose" ? (
        <Stack gap="md">
          <FormError message={error} />
          <Radio.Group
            label={t("invoices.creditScope")}
            value={mode}
            onChange={(value) => setMode(value === "lines" ? "lines" : "full")}
          >
            <Stack gap="xs" mt={4}>
              <Radio
                value="full"
                label={t("invoices.creditFull", { amount: fmt.money(invoice.totals.gross) })}
              />
              <Radio value="lines" label={t("invoices.creditLines")} />
            </Stack>
          </Radio.Group>
          {mode === "lines" ? (
            <Table verticalSpacing="xs" aria-label={t("invoices.creditLinesTable")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("invoices.line.description")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("invoices.line.net")}
                  </Table.Th>
                  <Table.Th scope="col">{t("invoices.creditAmount")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.lines.map((line, index) => {
                  const row = rows[index] ?? { picked: false, amount: "" };
                  const update = (patch: Partial<CreditRow>) =>
                    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: invoice lines have no ids and never reorder
                    <Table.Tr key={index}>
                      <Table.Td>
                        <Checkbox
                          label={line.description}
                          checked={row.picked}
                          onChange={(event) => update({ picked: event.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td ta="right" className="pl-num">
                        {fmt.money(line.net)}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t("invoices.creditAmountFor", { description: line.description })}
                          value={row.amount}
                          disabled={!row.picked}
                          inputMode="decimal"
                          autoComplete="off"
                          size="sm"
                          w={140}
                          error={rowErrors[index]}
                          onChange={(event) => update({ amount: event.currentTarget.value })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          ) : null}
          <Textarea
            label={t("invoices.creditNoteReason")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Text size="sm" fw={600} className="pl-num" aria-live="polite">
            {t("invoices.creditGross", { amount: fmt.money(creditGross) })}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button onClick={proceed}>{t("invoices.continue")}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t("invoices.creditWarning", { amount: fmt.money(creditGross), number: invoice.number ?? "" })}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setStep("choose")} data-autofocus>
              {t("invoices.back")}
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void create()}>
              {t("invoices.creditConfirm")}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}

/**
 * The picked lines as far as their amounts can be read: a line credited in full as it was, a part of
 * it as that net amount at quantity 1.
 */
function creditLinesPreview(invoice: Invoice, rows: CreditRow[]): InvoiceLineInput[] {
  const lines: InvoiceLineInput[] = [];
  invoice.lines.forEach((line, index) => {
    const row = rows[index];
    const cents = row?.picked ? parseScaled(row.amount, 100) : null;
    if (cents === null || cents <= 0) return;
    lines.push(
      cents === line.net
        ? { ...line }
        : { description: line.description, quantityMilli: 1000, unitPrice: cents, taxRateBp: line.taxRateBp },
    );
  });
  return lines;
}

/** On an invoice: the credit notes against it, each with its number, date and amount (negative, as printed). */
function CreditNotesList({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const day = useDayFormat();
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="credit-notes-title">
      <Title order={2} mb="sm" id="credit-notes-title">
        {t("invoices.creditNotes")}
      </Title>
      <Stack gap={6} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {invoice.creditNotes.map((note) => (
          <Group key={note.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
            <Stack gap={0}>
              <Anchor component={Link} to={`/shop/invoices/${note.id}`} className="pl-num" fw={600}>
                {note.number ?? t("invoices.creditNote")}
              </Anchor>
              <Text size="xs" c="dark.6">
                {day(note.issueDate) ?? ""}
              </Text>
            </Stack>
            <Text className="pl-num" fw={600}>
              {fmt.money(signed("credit_note", note.gross))}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
