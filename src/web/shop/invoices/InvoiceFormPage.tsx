// Create invoice (a draft by hand) and Edit draft: customer and unit, the lines with their tax rates,
// live totals rounded as the server rounds them, service date, due date, PO number and note.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { randomId } from "@mantine/hooks";
import { IconArrowLeft } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { parseScaled } from "../../estimates/estimateApi";
import { TotalsBox, useMoney } from "../../estimates/estimateUi";
import { ConfirmDiscard } from "../../shared/ConfirmDiscard";
import { useCurrentSession } from "../../shared/session";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { type Invoice, type InvoiceLineInput, priceDraft, useInvoice } from "./invoiceApi";
import { CustomerUnitFields } from "./invoiceForm/CustomerUnitFields";
import { InvoiceDetailsFields } from "./invoiceForm/InvoiceDetailsFields";
import { InvoiceLinesFields } from "./invoiceForm/InvoiceLinesFields";
import { eInvoiceValuesOf, emptyLine, type InvoiceValues, toInputs } from "./invoiceForm/invoiceFormValues";
import { useSaveInvoice } from "./invoiceForm/useSaveInvoice";
import { useInvoiceTitle } from "./invoiceUi";

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
  const session = useCurrentSession();
  const title = useInvoiceTitle();
  const currency = invoice?.currency ?? session.location.currency;
  const fmt = useMoney(currency);
  const formRef = useRef<HTMLFormElement>(null);
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
            ...eInvoiceValuesOf(line),
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
          // A discount is a line with a negative price (the server keeps the total above zero).
          return cents !== null ? null : t("invoices.priceInvalid");
        },
        taxExemptionReason: (value, values, path) => {
          const index = Number(path.split(".")[1]);
          return values.lines[index]?.taxCategory === "E" && !value.trim()
            ? t("eInvoice.exemptionReasonRequired")
            : null;
        },
      },
      dueDate: (value, values) =>
        value && values.serviceDate && value < values.serviceDate ? t("invoices.dueBeforeService") : null,
    },
  });

  const inputs = toInputs(form.values.lines);
  const live = priceDraft(inputs.filter((line): line is InvoiceLineInput => line !== null));

  const { submit, formError, conflict, reload } = useSaveInvoice(invoice, form, formRef);
  const leave = () => navigate(back);

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
          <ConflictAlert message={conflict} onReload={reload} />
          <FormError message={formError} />
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <Stack gap="lg" className="pl-span-2">
              <CustomerUnitFields invoice={invoice} form={form} />
              <InvoiceLinesFields form={form} inputs={inputs} currency={currency} />
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
              <InvoiceDetailsFields form={form} />
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
