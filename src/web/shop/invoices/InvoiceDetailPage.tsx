// One invoice or credit note: header, lines, totals, dates, PO number and note. Drafts can be edited
// and issued; an issued invoice can be downloaded, printed and credited (in full or in part).
import { Alert, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { TotalsBox } from "../../estimates/estimateUi";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { DetailSkeleton, PageHeader, QueryError } from "../../shared/ui";
import { CreditModal } from "./creditNote/CreditModal";
import { CreditNoteSendPanel } from "./creditNote/CreditNoteSendPanel";
import { CreditNotesList } from "./creditNote/CreditNotesList";
import { InvoiceCasePanel } from "./InvoiceCasePanel";
import { InvoicePayments } from "./InvoicePayments";
import { type InvoiceDetail, invoiceKeys, shownAmounts, useEInvoiceCheck, useInvoice } from "./invoiceApi";
import { EInvoiceDownload, EInvoiceMissingAlert } from "./invoiceDetail/EInvoice";
import { InvoiceDetailsPanel } from "./invoiceDetail/InvoiceDetailsPanel";
import { BackLink, InvoiceHeader } from "./invoiceDetail/InvoiceHeader";
import { InvoiceHistory } from "./invoiceDetail/InvoiceHistory";
import { InvoiceReminders } from "./invoiceDetail/InvoiceReminders";
import { IssueModal } from "./invoiceDetail/IssueModal";
import { InvoiceLinesTable } from "./invoiceUi";

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
  const canManageReceivables = useCan("receivables:manage");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [crediting, setCrediting] = useState(false);
  const draft = invoice.status === "draft";
  const creditNote = invoice.kind === "credit_note";
  const shown = shownAmounts(invoice);
  const check = useEInvoiceCheck(invoice.id).data;
  const canCredit =
    canWrite && !creditNote && invoice.status === "issued" && invoice.paymentStatus !== "credited";

  const applied = (next: InvoiceDetail) => {
    queryClient.setQueryData(invoiceKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  };

  return (
    <>
      <InvoiceHeader
        invoice={invoice}
        canWrite={canWrite}
        canCredit={canCredit}
        onIssue={() => setIssuing(true)}
        onCredit={() => setCrediting(true)}
        eInvoice={!draft && check ? <EInvoiceDownload invoiceId={invoice.id} check={check} /> : null}
      />
      <Stack gap="lg">
        {draft ? <EInvoiceMissingAlert invoice={invoice} check={check} /> : null}
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
            {!draft && !creditNote && canManageReceivables ? (
              <InvoiceReminders invoiceId={invoice.id} currency={invoice.currency} open={invoice.open} />
            ) : null}
            <Paper withBorder radius="md" p="lg">
              <Title order={2} mb="sm">
                {t("invoices.totals")}
              </Title>
              <TotalsBox totals={shown.totals} currency={invoice.currency} />
            </Paper>
            {!creditNote && invoice.creditNotes.length > 0 ? <CreditNotesList invoice={invoice} /> : null}
            <InvoiceDetailsPanel
              invoice={invoice}
              eInvoice={check && check.format !== "none" ? (check.label ?? check.format) : null}
            />
            <InvoiceHistory invoiceId={invoice.id} />
          </Stack>
        </SimpleGrid>
      </Stack>
      {draft ? (
        <IssueModal
          opened={issuing}
          invoice={invoice}
          eInvoiceCheck={check}
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
