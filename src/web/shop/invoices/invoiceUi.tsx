import { Anchor, Badge, Table, Text } from "@mantine/core";
import { IconReceipt } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan } from "../../shared/session";
import { errorMessage } from "../../shared/ui";
import { type Invoice, type InvoiceLine, type PaymentStatus, useWorkOrderInvoice } from "./invoiceApi";

const PAYMENT_COLORS: Record<PaymentStatus, string> = {
  draft: "gray",
  invoiced: "blue",
  partially_paid: "yellow",
  paid: "green",
  overdue: "red",
  credited: "grape",
};

export function PaymentStatusBadge({ status, size = "md" }: { status: PaymentStatus; size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={PAYMENT_COLORS[status]}
      radius="sm"
      tt="none"
      size={size}
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`invoices.paymentStatus.${status}`)}
    </Badge>
  );
}

/** The payment status of an invoice; a credit note (nothing to pay) shows Issued. */
export function InvoiceStatusBadge({
  invoice,
  size = "md",
}: {
  invoice: Pick<Invoice, "kind" | "status" | "paymentStatus">;
  size?: "md" | "lg";
}) {
  const { t } = useTranslation();
  if (invoice.kind !== "credit_note" || invoice.status !== "issued") {
    return <PaymentStatusBadge status={invoice.paymentStatus} size={size} />;
  }
  return (
    <Badge variant="light" color="gray" radius="sm" tt="none" size={size} style={{ flexShrink: 0 }}>
      {t("invoices.issuedBadge")}
    </Badge>
  );
}

export function CreditNoteBadge({ size = "md" }: { size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="grape.9" radius="sm" tt="none" size={size} style={{ flexShrink: 0 }}>
      {t("invoices.kind.credit_note")}
    </Badge>
  );
}

/** An invoice the shop's DMS issued and pushed: its number and PDF are the DMS's. */
export function DmsBadge({ size = "md" }: { size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color="indigo.9"
      radius="sm"
      tt="none"
      size={size}
      style={{ flexShrink: 0 }}
      title={t("invoices.dmsBadgeTitle")}
    >
      {t("invoices.dmsBadge")}
    </Badge>
  );
}

/** "Invoice INV-2026-000001", "Credit note CN-2026-000001" or "Draft invoice". */
export function useInvoiceTitle() {
  const { t } = useTranslation();
  return (invoice: Pick<Invoice, "kind" | "number">) =>
    invoice.number
      ? t(invoice.kind === "credit_note" ? "invoices.creditNoteTitle" : "invoices.invoiceTitle", {
          number: invoice.number,
        })
      : t("invoices.draftTitle");
}

/** Calendar days (yyyy-mm-dd) in the reader's locale, without any time-zone shift. */
export function useDayFormat() {
  const format = useFormat();
  return useMemo(() => {
    const formatter = new Intl.DateTimeFormat(format.locale, { dateStyle: "medium", timeZone: "UTC" });
    return (day: string | null | undefined) => {
      if (!day) return null;
      const value = new Date(`${day}T00:00:00Z`);
      return Number.isNaN(value.getTime()) ? day : formatter.format(value);
    };
  }, [format.locale]);
}

/** The server's problem detail plus each field message (for 409/422 answers). */
export function problemText(error: unknown, fallback: string): string {
  if (!isApiError(error)) return errorMessage(error, fallback);
  const messages = error.fieldErrors.map((e) => e.message).filter((m) => m && m !== error.detail);
  return [error.detail, ...messages].join("\n");
}

export function InvoiceLinesTable({
  lines,
  currency,
  label,
}: {
  lines: InvoiceLine[];
  currency: string;
  label: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  if (lines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("invoices.noLines")}
      </Text>
    );
  }
  return (
    <ScrollTable minWidth={620} label={label}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("invoices.line.description")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoices.line.quantity")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoices.line.unitPrice")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoices.line.taxRate")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("invoices.line.net")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: invoice lines have no ids and never reorder
            <Table.Tr key={index}>
              <Table.Td>
                <Text size="sm">{line.description}</Text>
                {line.partNumber ? (
                  <Text size="xs" c="dimmed" className="pl-num">
                    {t("invoices.partNo", { number: line.partNumber })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.quantity(line.quantityMilli)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.money(line.unitPrice)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {fmt.rate(line.taxRateBp)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num" fw={600}>
                {fmt.money(line.net)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** On an invoiced work order: a link to the invoice made from it (when the user may read invoices). */
export function WorkOrderInvoiceLink({ workOrder }: { workOrder: { id: string; customerName: string } }) {
  const { t } = useTranslation();
  const canRead = useCan("invoices:read");
  const query = useWorkOrderInvoice(workOrder, canRead);
  if (!canRead || !query.data) return null;
  return (
    <Anchor
      component={Link}
      to={`/shop/invoices/${query.data.id}`}
      size="sm"
      display="flex"
      mt={4}
      style={{ gap: 4, alignItems: "center" }}
    >
      <IconReceipt size={16} aria-hidden />
      {query.data.number
        ? t("invoices.openInvoiceNumber", { number: query.data.number })
        : t("invoices.openInvoice")}
    </Anchor>
  );
}
