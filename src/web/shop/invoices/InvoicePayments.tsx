// Every payment and refund of an issued invoice: what "Received" adds up, with how, when, the
// provider's or terminal's reference and who recorded it, so a cashier can answer "when did they
// pay, and how?" without the provider's dashboard.
import { Badge, Paper, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { ScrollTable } from "../../shared/ScrollTable";
import type { Invoice } from "./invoiceApi";

const METHODS = ["card", "paypal", "instant_transfer", "bank_transfer", "cash", "card_terminal"] as const;
const isKnown = (m: string): m is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(m);

export function InvoicePayments({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fmt = useMoney(invoice.currency);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="invoice-payments-title">
      <Title order={2} mb="sm" id="invoice-payments-title">
        {t("invoicePayments.title")}
      </Title>
      {invoice.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("invoicePayments.none")}
        </Text>
      ) : (
        <ScrollTable minWidth={240} label={t("invoicePayments.title")}>
          <Table verticalSpacing="xs" aria-labelledby="invoice-payments-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("invoicePayments.what")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("invoicePayments.amount")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoice.payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={p.kind === "refund" ? "orange" : "green"}>
                      {t(`invoicePayments.kind.${p.kind}`)}
                    </Badge>{" "}
                    <Text span size="sm" fw={600}>
                      {isKnown(p.method) ? t(`invoicePayments.method.${p.method}`) : p.method}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(p.at)}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {[
                        p.reference ? t("invoicePayments.reference", { reference: p.reference }) : null,
                        p.recordedBy
                          ? t("invoicePayments.recordedBy", { name: p.recordedBy })
                          : t("invoicePayments.byProvider", { provider: p.source }),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    className="pl-num"
                    style={{ whiteSpace: "nowrap", verticalAlign: "top" }}
                  >
                    {p.kind === "refund" ? `−${fmt.money(p.amount)}` : fmt.money(p.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  );
}
