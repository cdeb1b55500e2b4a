import { Button, Group, Paper, SimpleGrid, Title } from "@mantine/core";
import { IconCheck, IconDownload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { type PortalWorkOrder, portalInvoicePdfHref } from "../portalWorkOrderApi";
import { DateItem } from "./DateItem";

/** The invoice the order became: its number, amount, what is still open, and the PDF. */
export function InvoiceBox({
  order,
  invoice,
}: {
  order: PortalWorkOrder;
  invoice: NonNullable<PortalWorkOrder["invoice"]>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(order.currency);
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-label={t("portalWorkOrders.invoiceTitle")}>
      <Group gap="xs" mb="sm">
        <IconCheck size={20} color="var(--mantine-color-green-7)" aria-hidden />
        <Title order={2}>
          {t("portalWorkOrders.invoicedAlert", { date: format.date(order.invoicedAt) })}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <DateItem label={t("portalWorkOrders.invoiceNumber")} value={invoice.number ?? ""} />
        <DateItem label={t("portalWorkOrders.invoiceGross")} value={fmt.money(invoice.gross)} />
        <DateItem label={t("portalWorkOrders.invoiceOpen")} value={fmt.money(invoice.open)} />
        {invoice.dueDate ? (
          <DateItem label={t("portalWorkOrders.invoiceDue")} value={format.date(invoice.dueDate)} />
        ) : null}
      </SimpleGrid>
      <Button
        component="a"
        href={portalInvoicePdfHref(invoice.id)}
        target="_blank"
        rel="noopener"
        variant="default"
        mt="md"
        leftSection={<IconDownload size={18} aria-hidden />}
      >
        {t("portalWorkOrders.invoicePdf", { number: invoice.number ?? "" })}
      </Button>
    </Paper>
  );
}
