import { DataList, Paper, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InvoiceDetail } from "../invoiceApi";
import { useDayFormat } from "../invoiceUi";

/** The invoice's dates, PO number and where it came from. */
export function InvoiceDetailsPanel({
  invoice,
  eInvoice,
}: {
  invoice: InvoiceDetail;
  /** The e-invoice format the customer gets (its name); null for the PDF alone. */
  eInvoice?: string | null;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const draft = invoice.status === "draft";
  const creditNote = invoice.kind === "credit_note";
  return (
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
          <DataList.ItemValue>{day(invoice.issueDate) ?? t("invoices.notIssuedYet")}</DataList.ItemValue>
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
          <DataList.ItemValue className="pl-num">{invoice.poNumber ?? t("common.notSet")}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t("invoices.sourceLabel")}</DataList.ItemLabel>
          <DataList.ItemValue>{t(`invoices.source.${invoice.source}`)}</DataList.ItemValue>
        </DataList.Item>
        {eInvoice ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("eInvoice.detailFormat")}</DataList.ItemLabel>
            <DataList.ItemValue>{eInvoice}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
        {invoice.externalId ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.externalId")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num">{invoice.externalId}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
      </DataList>
    </Paper>
  );
}
