// Review an uploaded invoice (issue #17): while the job reads the document the page polls it; an
// unreadable one says why; a read one shows the document beside what was read — number (editable),
// type, dates, PO number, buyer, lines, totals and every check — with the customer it matched (or
// the one Create would make) and Create invoice case, which opens the new invoice.
import {
  Alert,
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type UseFormReturnType, useForm } from "@mantine/form";
import {
  IconAlertTriangle,
  IconCheck,
  IconDownload,
  IconExternalLink,
  IconFileAlert,
  IconFileCode,
  IconFileTypePdf,
  IconUserCheck,
} from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { BackLink } from "../../shared/BackLink";
import { useFormat } from "../../shared/format";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan } from "../../shared/session";
import { DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { useCustomer } from "../customers/customerApi";
import { CustomerSelect } from "../units/CustomerSelect";
import { useDayFormat } from "./invoiceUi";
import { RecentUploads, UploadStatusBadge } from "./invoiceUpload/RecentUploads";
import { UploadInvoiceButton } from "./invoiceUpload/UploadInvoiceButton";
import {
  documentUrl,
  type InvoiceUpload,
  type UploadedEInvoice,
  type UploadMatches,
  type UploadParty,
  type UploadReason,
  useCreateFromUpload,
  useInvoiceUpload,
} from "./invoiceUpload/uploadApi";

/** /shop/invoices/uploads: the recent uploads. */
export function InvoiceUploadsPage() {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  return (
    <>
      <BackLink to="/shop/invoices">{t("invoiceUploads.backToInvoices")}</BackLink>
      <PageHeader
        title={t("invoiceUploads.listTitle")}
        description={t("invoiceUploads.listHint")}
        actions={canWrite ? <UploadInvoiceButton /> : null}
      />
      <RecentUploads />
    </>
  );
}

/** /shop/invoices/uploads/:id */
export function InvoiceUploadPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useInvoiceUpload(id);
  const back = <BackLink to="/shop/invoices/uploads">{t("invoiceUploads.backToUploads")}</BackLink>;
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        {back}
        <PageHeader title={t("invoiceUploads.reviewTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const upload = query.data;
  return (
    <>
      {back}
      <PageHeader
        title={t("invoiceUploads.reviewTitle")}
        description={
          <Group gap="xs">
            <Text span size="sm" style={{ wordBreak: "break-all" }}>
              {upload.fileName}
            </Text>
            <UploadStatusBadge status={upload.status} />
          </Group>
        }
      />
      {upload.status === "reading" ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs" role="status" aria-live="polite">
            <Loader aria-hidden />
            <Text fw={600}>{t("invoiceUploads.reading")}</Text>
            <Text size="sm" c="dimmed">
              {t("invoiceUploads.readingHint")}
            </Text>
          </Stack>
        </Paper>
      ) : upload.status === "unreadable" || !upload.extraction ? (
        <Unreadable upload={upload} />
      ) : (
        <Review key={upload.id} upload={upload} extraction={upload.extraction} />
      )}
    </>
  );
}

const KNOWN_REASONS = [
  "no_e_invoice",
  "damaged",
  "encrypted",
  "too_many_pages",
  "too_large",
  "not_an_invoice",
] as const satisfies readonly UploadReason[];

function Unreadable({ upload }: { upload: InvoiceUpload }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  // By reason in the reader's language; a reason this screen does not know yet keeps the server's words.
  const message =
    upload.reason && (KNOWN_REASONS as readonly string[]).includes(upload.reason)
      ? t(`invoiceUploads.reason.${upload.reason}`)
      : (upload.message ?? t("invoiceUploads.reason.not_an_invoice"));
  return (
    <Stack gap="md">
      <Alert
        color="red"
        icon={<IconFileAlert aria-hidden />}
        title={t("invoiceUploads.unreadableTitle")}
        role="alert"
      >
        {message}
      </Alert>
      <Group gap="sm">
        {canWrite ? <UploadInvoiceButton label={t("invoiceUploads.uploadAnother")} /> : null}
        {canWrite ? (
          <Button component={Link} to="/shop/invoices/new" variant="default">
            {t("invoiceUploads.createByHand")}
          </Button>
        ) : null}
        <Button component={Link} to="/shop/invoices" variant="subtle">
          {t("invoiceUploads.backToInvoices")}
        </Button>
      </Group>
    </Stack>
  );
}

type Extraction = NonNullable<InvoiceUpload["extraction"]>;
type CustomerChoice = "matched" | "create" | "choose";

interface ReviewValues {
  number: string;
  customerChoice: CustomerChoice;
  customerId: string;
}

function Review({ upload, extraction }: { upload: InvoiceUpload; extraction: Extraction }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan("invoices:write");
  const creating = useCreateFromUpload(upload.id);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const doc = extraction.eInvoice;
  const matches = extraction.matches;
  const created = upload.status === "created";
  const editable = canWrite && upload.status === "ready";

  const form = useForm<ReviewValues>({
    initialValues: {
      number: doc.number,
      customerChoice: matches.customerId ? "matched" : matches.createCustomer ? "create" : "choose",
      customerId: "",
    },
    validate: {
      number: (v) => (v.trim() ? null : t("invoiceUploads.numberRequired")),
      customerId: (v, values) =>
        values.customerChoice === "choose" && !v ? t("invoiceUploads.customerRequired") : null,
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setFormError(null);
      const number = values.number.trim();
      creating.mutate(
        {
          ...(number !== doc.number ? { number } : {}),
          ...(values.customerChoice === "create"
            ? { createCustomer: true as const }
            : values.customerChoice === "choose"
              ? { customerId: values.customerId }
              : {}),
        },
        {
          onSuccess: (result) => {
            notifySuccess(t("invoiceUploads.created", { number: result.number }));
            navigate(`/shop/invoices/${result.invoiceId}`);
          },
          onError: (error) => {
            const message = applyServerErrors(form, error, { createCustomer: "customerId" });
            setFormError(isApiError(error) && message === t("errors.checkFields") ? error.detail : message);
            requestAnimationFrame(() => focusFirstInvalid(formRef.current));
          },
        },
      );
    },
    () => requestAnimationFrame(() => focusFirstInvalid(formRef.current)),
  );

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <DocumentView upload={upload} embeddedFile={extraction.embeddedFile} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form ref={formRef} noValidate onSubmit={submit} aria-label={t("invoiceUploads.extracted")}>
          <Stack gap="lg">
            {created && upload.invoiceId ? (
              <Alert
                color="green"
                icon={<IconCheck aria-hidden />}
                title={t("invoiceUploads.createdTitle")}
                role="status"
              >
                <Text size="sm" mb="xs">
                  {t("invoiceUploads.createdBody")}
                </Text>
                <Anchor component={Link} to={`/shop/invoices/${upload.invoiceId}`} fw={600}>
                  {t("invoiceUploads.openInvoice")}
                </Anchor>
              </Alert>
            ) : null}
            <Checks matches={matches} />
            <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
              <Title order={2} mb="md">
                {t("invoiceUploads.extracted")}
              </Title>
              <Stack gap="md">
                <TextInput
                  label={t("invoiceUploads.number")}
                  description={t("invoiceUploads.numberHint")}
                  required
                  readOnly={!editable}
                  maxLength={60}
                  autoComplete="off"
                  {...form.getInputProps("number")}
                />
                <Facts doc={doc} />
                <Party label={t("invoiceUploads.buyer")} party={doc.buyer} />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
              <Title order={2} mb="md">
                {t("invoiceUploads.customer")}
              </Title>
              <CustomerPart matches={matches} form={form} editable={editable} />
            </Paper>
            <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
              <Title order={2} mb="md">
                {t("invoiceUploads.lines")}
              </Title>
              <Lines doc={doc} />
              <Totals doc={doc} />
            </Paper>
            <FormError message={formError} />
            {editable ? (
              <Group justify="flex-end">
                <Button
                  type="submit"
                  size="md"
                  loading={creating.isPending}
                  leftSection={<IconCheck size={18} aria-hidden />}
                >
                  {t("invoiceUploads.create")}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </form>
      </Grid.Col>
    </Grid>
  );
}

/** The document beside the fields: the PDF itself, or for an XML what there is instead. */
function DocumentView({ upload, embeddedFile }: { upload: InvoiceUpload; embeddedFile: string | null }) {
  const { t } = useTranslation();
  const url = documentUrl(upload.id);
  const pdf = upload.sourceKind === "pdf_e_invoice" || upload.sourceKind === "pdf";
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2}>{t("invoiceUploads.document")}</Title>
        <Anchor
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          display="inline-flex"
          style={{ gap: 4 }}
        >
          <IconExternalLink size={16} aria-hidden style={{ alignSelf: "center" }} />
          {t("invoiceUploads.openDocument")}
        </Anchor>
      </Group>
      {pdf ? (
        <>
          {embeddedFile ? (
            <Text size="xs" c="dimmed" mb="xs">
              {t("invoiceUploads.embedded", { file: embeddedFile })}
            </Text>
          ) : null}
          <Box h={{ base: 420, md: "min(85vh, 1100px)" }}>
            <object
              data={url}
              type="application/pdf"
              aria-label={t("invoiceUploads.documentFrame", { name: upload.fileName })}
              style={{
                width: "100%",
                height: "100%",
                border: "1px solid var(--mantine-color-default-border)",
                borderRadius: "var(--mantine-radius-sm)",
                display: "block",
              }}
            >
              <Stack align="center" justify="center" gap="sm" h="100%" p="md" ta="center">
                <IconFileTypePdf size={40} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text size="sm">{t("invoiceUploads.noInlinePdf")}</Text>
                <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                  {t("invoiceUploads.openDocument")}
                </Anchor>
              </Stack>
            </object>
          </Box>
        </>
      ) : (
        <Stack gap="sm" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconFileCode size={22} aria-hidden />
            <Text size="sm">{t("invoiceUploads.xmlNote")}</Text>
          </Group>
          <Button
            component="a"
            href={url}
            download={upload.fileName}
            variant="default"
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            {t("invoiceUploads.downloadXml")}
          </Button>
        </Stack>
      )}
    </Paper>
  );
}

/** What the job found wrong or worth knowing: never hidden. */
function Checks({ matches }: { matches: UploadMatches }) {
  const { t } = useTranslation();
  return (
    <>
      {matches.totalsMismatch.length > 0 ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("invoiceUploads.totalsMismatch")}
          role="alert"
        >
          <Stack component="ul" gap={4} m={0} pl="md">
            {matches.totalsMismatch.map((m) => (
              <Text component="li" size="sm" key={m}>
                {m}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {matches.sellerMismatch ? (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
          {t("invoiceUploads.sellerMismatch")}
        </Alert>
      ) : null}
      {matches.duplicateOf ? (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
          <Text size="sm">{t("invoiceUploads.duplicateOf")}</Text>
          <Anchor component={Link} to={`/shop/invoices/${matches.duplicateOf}`} size="sm" fw={600}>
            {t("invoiceUploads.openDuplicate")}
          </Anchor>
        </Alert>
      ) : null}
      {matches.duplicateUploads.length > 0 ? (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
          {t("invoiceUploads.duplicateUploads", { count: matches.duplicateUploads.length })}
        </Alert>
      ) : null}
    </>
  );
}

function Facts({ doc }: { doc: UploadedEInvoice }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const rows: [string, string][] = [
    [
      t("invoiceUploads.type"),
      doc.typeCode === "381" ? t("invoiceUploads.typeCreditNote") : t("invoiceUploads.typeInvoice"),
    ],
    [t("invoiceUploads.issueDate"), day(doc.issueDate) ?? doc.issueDate],
    [t("invoiceUploads.dueDate"), day(doc.dueDate) ?? t("common.notSet")],
    [t("invoiceUploads.poNumber"), doc.orderReference ?? t("common.notSet")],
  ];
  if (doc.buyerReference) rows.push([t("invoiceUploads.buyerReference"), doc.buyerReference]);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm" component="dl" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" fw={600} m={0} className="pl-num">
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Party({ label, party }: { label: string; party: UploadParty }) {
  const { t } = useTranslation();
  const place = [party.postalCode, party.city].filter(Boolean).join(" ");
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {party.name}
      </Text>
      {party.street ? <Text size="sm">{party.street}</Text> : null}
      {place || party.country ? (
        <Text size="sm">{[place, party.country].filter(Boolean).join(", ")}</Text>
      ) : null}
      {party.vatId ? <Text size="sm">{t("invoiceUploads.vatId", { vatId: party.vatId })}</Text> : null}
      {party.email ? (
        <Text size="sm" style={{ wordBreak: "break-all" }}>
          {party.email}
        </Text>
      ) : null}
    </div>
  );
}

function CustomerPart({
  matches,
  form,
  editable,
}: {
  matches: UploadMatches;
  form: UseFormReturnType<ReviewValues>;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const matched = useCustomer(matches.customerId ?? undefined);
  const choice = form.getValues().customerChoice;
  const chooser = (
    <CustomerSelect
      value={form.getValues().customerId}
      onChange={(v) => form.setFieldValue("customerId", v)}
      error={form.errors.customerId}
      required
    />
  );

  if (matches.customerId) {
    const name = matched.data?.displayName ?? (matched.isPending ? t("common.loading") : matches.customerId);
    return (
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconUserCheck size={20} aria-hidden color="var(--mantine-color-green-7)" />
          <Text size="sm">
            {matches.customerMatchedBy
              ? t(`invoiceUploads.matchedBy.${matches.customerMatchedBy}`, { name })
              : name}
          </Text>
        </Group>
        {editable ? (
          choice === "choose" ? (
            <>
              {chooser}
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  form.setFieldValue("customerChoice", "matched");
                  form.setFieldValue("customerId", "");
                  form.clearFieldError("customerId");
                }}
                style={{ alignSelf: "flex-start" }}
              >
                {t("invoiceUploads.keepMatched")}
              </Anchor>
            </>
          ) : (
            <Button
              variant="default"
              size="xs"
              style={{ alignSelf: "flex-start" }}
              onClick={() => form.setFieldValue("customerChoice", "choose")}
            >
              {t("invoiceUploads.chooseAnother")}
            </Button>
          )
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t("invoiceUploads.noMatch")}</Text>
      {editable ? (
        <Radio.Group
          label={t("invoiceUploads.customerChoice")}
          value={choice}
          onChange={(v) => {
            form.setFieldValue("customerChoice", v as CustomerChoice);
            form.clearFieldError("customerId");
          }}
        >
          <Stack gap="xs" mt="xs">
            {matches.createCustomer ? <Radio value="create" label={t("invoiceUploads.createThis")} /> : null}
            <Radio value="choose" label={t("invoiceUploads.chooseExisting")} />
          </Stack>
        </Radio.Group>
      ) : null}
      {matches.createCustomer && (choice === "create" || !editable) ? (
        <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)">
          <Party label={t("invoiceUploads.createThis")} party={matches.createCustomer} />
        </Paper>
      ) : null}
      {editable && choice === "choose" ? chooser : null}
    </Stack>
  );
}

function Lines({ doc }: { doc: UploadedEInvoice }) {
  const { t } = useTranslation();
  const fmt = useMoney(doc.currency);
  const format = useFormat();
  const price = useMemo(() => {
    try {
      return new Intl.NumberFormat(format.locale, {
        style: "currency",
        currency: doc.currency,
        maximumFractionDigits: 4,
      });
    } catch {
      return new Intl.NumberFormat(format.locale, { maximumFractionDigits: 4 });
    }
  }, [format.locale, doc.currency]);
  const label = t("invoiceUploads.linesCaption");
  return (
    <ScrollTable minWidth={480} label={label}>
      <Table verticalSpacing="xs" horizontalSpacing="xs" fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("invoiceUploads.col2.description")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoiceUploads.col2.qty")}
            </Table.Th>
            <Table.Th scope="col">{t("invoiceUploads.col2.unit")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoiceUploads.col2.price")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoiceUploads.col2.vat")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoiceUploads.col2.net")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read document's lines never reorder
            <Table.Tr key={index}>
              <Table.Td>{line.name}</Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.quantity(Math.round(Number(line.quantity) * 1000))}
              </Table.Td>
              <Table.Td>{line.unitCode ?? t("common.notSet")}</Table.Td>
              <Table.Td ta="right" className="pl-num">
                {price.format(Number(line.price))}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {line.taxRateBp === null || line.taxRateBp === undefined
                  ? (line.taxCategory ?? t("common.notSet"))
                  : fmt.rate(line.taxRateBp)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.money(line.net)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Totals({ doc }: { doc: UploadedEInvoice }) {
  const { t } = useTranslation();
  const fmt = useMoney(doc.currency);
  const rows: { label: string; amount: number; strong?: boolean }[] = [];
  for (const v of doc.vat) {
    const rate = v.rateBp === null ? null : fmt.rate(v.rateBp);
    rows.push({
      label: rate
        ? t("invoiceUploads.netAtRate", { rate })
        : t("invoiceUploads.netExempt", { category: v.category }),
      amount: v.taxable,
    });
    if (rate) rows.push({ label: t("invoiceUploads.taxAtRate", { rate }), amount: v.tax });
  }
  rows.push({ label: t("invoiceUploads.net"), amount: doc.totals.taxExclusive });
  rows.push({ label: t("invoiceUploads.tax"), amount: doc.totals.tax });
  rows.push({ label: t("invoiceUploads.gross"), amount: doc.totals.taxInclusive, strong: true });
  if (doc.totals.payable !== doc.totals.taxInclusive) {
    rows.push({ label: t("invoiceUploads.payable"), amount: doc.totals.payable, strong: true });
  }
  return (
    <Table mt="md" verticalSpacing={4} aria-label={t("invoiceUploads.gross")} data-testid="upload-totals">
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td fw={r.strong ? 700 : undefined}>{r.label}</Table.Td>
            <Table.Td ta="right" fw={r.strong ? 700 : undefined} className="pl-num">
              {fmt.money(r.amount)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
