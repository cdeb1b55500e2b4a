import { Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TotalsBox, useMoney } from "../../../estimates/estimateUi";
import { ScrollTable } from "../../../shared/ScrollTable";
import { NumberTableHead } from "../NumberTableHead";
import type { WorkOrder } from "../workOrderApi";

export function BillingSection({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const fmt = useMoney(order.currency);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="sm">
        {t("workOrders.billing")}
      </Title>
      <ScrollTable minWidth={520} label={t("workOrders.billingLines")}>
        <Table verticalSpacing={4} fz="sm" aria-label={t("workOrders.billingLines")}>
          <NumberTableHead
            columns={[
              { label: t("workOrders.line") },
              { label: t("workOrders.quantity"), numeric: true },
              { label: t("workOrders.unitPrice"), numeric: true },
              { label: t("workOrders.net"), numeric: true },
            ]}
          />
          <Table.Tbody>
            {order.billing.lines.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id of their own
              <Table.Tr key={index}>
                <Table.Td pl={line.kind === "part" ? "lg" : undefined}>
                  <Text size="sm" fw={line.kind === "labour" ? 600 : 400}>
                    {line.description}
                  </Text>
                  {line.partNumber ? (
                    <Text size="xs" c="dimmed" className="pl-num">
                      {line.partNumber}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {line.kind === "labour"
                    ? t("workOrders.hours", { value: fmt.quantity(line.quantityMilli) })
                    : fmt.quantity(line.quantityMilli)}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {fmt.money(line.unitPrice)}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {fmt.money(line.net)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <Text size="xs" c="dimmed">
          {order.status === "invoiced"
            ? t("workOrders.billingFrozen")
            : order.billingPolicy.mode === "approved"
              ? t("workOrders.billingHintApproved")
              : t("workOrders.billingHint")}
        </Text>
        <TotalsBox totals={order.billing.totals} currency={order.currency} />
      </SimpleGrid>
    </Paper>
  );
}
