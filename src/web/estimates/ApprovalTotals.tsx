import { Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EstimateTotals, partialApproval } from "./estimateApi";
import { TotalsBox, useMoney } from "./estimateUi";

/**
 * The Totals box of a version, and after a partial approval what it came to: the approved and
 * declined lines' gross, then the approved lines' totals — the declined ones are not owed.
 */
export function ApprovalTotals({
  totals,
  partial,
  currency,
}: {
  totals: EstimateTotals;
  partial: ReturnType<typeof partialApproval>;
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  if (!partial) return <TotalsBox totals={totals} currency={currency} />;
  // Each total by the estimate's rule: approved and declined may not add up to the quote to the
  // cent (tax is rounded once per total), so no sum is shown between them.
  const rows = [
    [t("estimates.approval.quoted"), totals.gross, undefined],
    [t("estimates.approval.approved"), partial.approved.gross, "green.9"],
    [t("estimates.approval.declined"), partial.declined.gross, "red.8"],
  ] as const;
  return (
    <Stack gap="sm">
      <Table withRowBorders={false} verticalSpacing={4} aria-label={t("estimates.approval.title")}>
        <Table.Tbody>
          {rows.map(([label, gross, color]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={500} c={color}>
                {label}
              </Table.Th>
              <Table.Td ta="right" className="pl-num" c={color}>
                {fmt.money(gross)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={700} size="sm">
        {t("estimates.approval.approvedTotals")}
      </Text>
      <TotalsBox totals={partial.approved} currency={currency} />
    </Stack>
  );
}
