// The invoice's head: its number and badges, whom and what it is for, and what can be done with it
// (edit and issue a draft; download, print and credit an issued invoice).
import { Anchor, Button, Group } from "@mantine/core";
import {
  IconArrowLeft,
  IconDownload,
  IconEdit,
  IconPrinter,
  IconQrcode,
  IconReceiptRefund,
  IconSend,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../../shared/ui";
import { type InvoiceDetail, invoicePdfHref, paymentRequestPdfHref, useInvoice } from "../invoiceApi";
import { ClosedBadge } from "../invoiceCase/ClosedBadge";
import { CreditNoteBadge, DmsBadge, InvoiceStatusBadge, useInvoiceTitle } from "../invoiceUi";

export function BackLink() {
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

export function InvoiceHeader({
  invoice,
  canWrite,
  canCredit,
  onIssue,
  onCredit,
  eInvoice,
}: {
  invoice: InvoiceDetail;
  canWrite: boolean;
  canCredit: boolean;
  onIssue: () => void;
  onCredit: () => void;
  /** The issued invoice's e-invoice download, beside its PDF. */
  eInvoice?: ReactNode;
}) {
  const { t } = useTranslation();
  const title = useInvoiceTitle();
  const credited = useInvoice(invoice.creditedInvoiceId ?? undefined);
  const draft = invoice.status === "draft";
  const creditNote = invoice.kind === "credit_note";
  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span className="pl-num">{title(invoice)}</span>
            {creditNote ? <CreditNoteBadge size="lg" /> : null}
            {invoice.source === "api" ? <DmsBadge size="lg" /> : null}
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
                <Button leftSection={<IconSend size={18} aria-hidden />} onClick={onIssue}>
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
              {eInvoice}
              <Button
                variant="default"
                className="pl-no-print"
                leftSection={<IconPrinter size={18} aria-hidden />}
                onClick={() => window.print()}
              >
                {t("invoices.print")}
              </Button>
              {creditNote ? null : (
                <Button
                  component="a"
                  href={paymentRequestPdfHref(invoice.id)}
                  target="_blank"
                  rel="noopener"
                  variant="default"
                  className="pl-no-print"
                  leftSection={<IconQrcode size={18} aria-hidden />}
                >
                  {t("invoices.printPaymentRequest")}
                </Button>
              )}
              {canCredit ? (
                <Button
                  color="red.9"
                  variant="outline"
                  className="pl-no-print"
                  leftSection={<IconReceiptRefund size={18} aria-hidden />}
                  onClick={onCredit}
                >
                  {t("invoices.createCreditNote")}
                </Button>
              ) : null}
            </>
          )
        }
      />
    </>
  );
}
