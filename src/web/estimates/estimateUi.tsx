// The estimate pieces every money screen uses: the status badge, money formatting and the totals box.
import { Badge, Table } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../shared/format";
import type { EstimateStatus, EstimateTotals } from "./estimateApi";

const STATUS_COLORS: Record<EstimateStatus, string> = {
  draft: "gray",
  awaiting_customer: "yellow",
  disputed: "red",
  revising: "orange",
  approved: "green",
  declined: "red",
};

export function EstimateStatusBadge({
  status,
  size = "md",
}: {
  status: EstimateStatus;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      tt="none"
      size={size}
      className="pl-badge-full"
      style={{ flexShrink: 0 }}
    >
      {t(`estimates.status.${status}`)}
    </Badge>
  );
}

/** Money, quantity and tax-rate formatting in the reader's locale. */
export function useMoney(currency: string) {
  const format = useFormat();
  return useMemo(() => {
    let money: Intl.NumberFormat;
    try {
      money = new Intl.NumberFormat(format.locale, { style: "currency", currency });
    } catch {
      money = new Intl.NumberFormat(format.locale, { style: "currency", currency: "EUR" });
    }
    const decimal = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 3 });
    const plain = new Intl.NumberFormat(format.locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return {
      /** 42003 → "€420.03" */
      money: (cents: number) => money.format(cents / 100),
      /** 1500 → "1.5" */
      quantity: (milli: number) => decimal.format(milli / 1000),
      /** 1900 → "19 %" */
      rate: (bp: number) => `${decimal.format(bp / 100)} %`,
      /** Values for editing inputs, in the reader's decimal notation: 8999 → "89.99" / "89,99". */
      moneyInput: (cents: number) => plain.format(cents / 100).replace(/[\s\u00a0\u202f]/g, ""),
      quantityInput: (milli: number) => decimal.format(milli / 1000).replace(/[\s\u00a0\u202f]/g, ""),
    };
  }, [format.locale, currency]);
}

/** Net, tax per rate and gross. */
export function TotalsBox({ totals, currency }: { totals: EstimateTotals; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label={t("estimates.totals")}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row" fw={500}>
            {t("estimates.net")}
          </Table.Th>
          <Table.Td ta="right" className="pl-num">
            {fmt.money(totals.net)}
          </Table.Td>
        </Table.Tr>
        {totals.byRate.map((rate) => (
          <Table.Tr key={rate.rateBp}>
            <Table.Th scope="row" fw={500}>
              {t("estimates.taxAt", { rate: fmt.rate(rate.rateBp), net: fmt.money(rate.net) })}
            </Table.Th>
            <Table.Td ta="right" className="pl-num">
              {fmt.money(rate.tax)}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr style={{ borderTop: "1px solid var(--mantine-color-gray-4)" }}>
          <Table.Th scope="row" fw={800}>
            {t("estimates.gross")}
          </Table.Th>
          <Table.Td ta="right" fw={800} fz="lg" className="pl-num">
            {fmt.money(totals.gross)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
