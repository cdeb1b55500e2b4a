import { List, Text, ThemeIcon } from "@mantine/core";
import { IconMinus, IconPencil, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { diffLines, type EstimateLabour, isFlat, type LineChange } from "./estimateApi";
import { useMoney } from "./estimateUi";

/** Added / removed / changed lines between two versions. */
export function ChangesList({
  before,
  after,
  currency,
  label,
}: {
  before: EstimateLabour[];
  after: EstimateLabour[];
  currency: string;
  label: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const changes = diffLines(before, after);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("estimates.noChanges")}
      </Text>
    );
  }
  const icon = (change: LineChange) =>
    change.kind === "added" ? (
      <ThemeIcon color="green.9" size={22} radius="xl">
        <IconPlus size={14} aria-hidden />
      </ThemeIcon>
    ) : change.kind === "removed" ? (
      <ThemeIcon color="red.9" size={22} radius="xl">
        <IconMinus size={14} aria-hidden />
      </ThemeIcon>
    ) : (
      <ThemeIcon color="blue.9" size={22} radius="xl">
        <IconPencil size={14} aria-hidden />
      </ThemeIcon>
    );
  return (
    <List spacing="xs" aria-label={label} listStyleType="none" p={0}>
      {changes.map((change) => {
        const { line, before: prev } = change;
        const details: string[] = [];
        if (prev && change.fields.includes("description")) {
          details.push(t("estimates.diff.description", { from: prev.description, to: line.description }));
        }
        if (prev && change.fields.includes("pricing")) {
          details.push(
            t("estimates.diff.pricing", {
              from: t(isFlat(prev) ? "estimates.pricingFlat" : "estimates.pricingHourly"),
              to: t(isFlat(line) ? "estimates.pricingFlat" : "estimates.pricingHourly"),
            }),
          );
        }
        if (prev && change.fields.includes("quantity")) {
          details.push(
            t("estimates.diff.quantity", {
              from: fmt.quantity(prev.quantityMilli),
              to: fmt.quantity(line.quantityMilli),
            }),
          );
        }
        if (prev && change.fields.includes("price")) {
          details.push(
            t("estimates.diff.price", { from: fmt.money(prev.unitPrice), to: fmt.money(line.unitPrice) }),
          );
        }
        if (prev && change.fields.includes("tax")) {
          details.push(
            t("estimates.diff.tax", { from: fmt.rate(prev.taxRateBp), to: fmt.rate(line.taxRateBp) }),
          );
        }
        return (
          <List.Item key={`${change.kind}-${line.id}`} icon={icon(change)}>
            <Text size="sm">
              <Text span fw={700} inherit>
                {`${t(`estimates.diff.${change.kind}`)}: `}
              </Text>
              {line.description}
              {change.kind === "changed" ? ` — ${details.join("; ")}` : ` (${fmt.money(line.net)})`}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}
