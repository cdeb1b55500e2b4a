import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type EstimateLabour, type EstimatePart, isFlat } from "./estimateApi";
import { useMoney } from "./estimateUi";

interface LinesListProps {
  labour: EstimateLabour[];
  currency: string;
  label: string;
  /** Notes of disputed lines, by line id (shown in red with an icon and the word "Disputed"). */
  disputed?: Map<string, string>;
  /** Extra controls or text below a line (checkboxes, actions). */
  renderExtra?: (line: EstimateLabour | EstimatePart, kind: "labour" | "part") => ReactNode;
  /** Controls at the right of a line (edit/remove). */
  renderActions?: (line: EstimateLabour | EstimatePart, kind: "labour" | "part") => ReactNode;
  /** Lines the customer declined (greyed with the word "Declined"). */
  declined?: Set<string>;
}

function DisputedNote({ note }: { note: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} align="flex-start" wrap="nowrap" mt={4}>
      <IconAlertTriangle size={18} color="var(--mantine-color-red-9)" aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" c="red.9">
        <Text span fw={700} inherit>
          {t("estimates.disputed")}
        </Text>
        {note ? `: ${t("common.quoted", { text: note })}` : ` (${t("estimates.withItsPart")})`}
      </Text>
    </Group>
  );
}

function LineRow({
  line,
  kind,
  currency,
  disputedNote,
  declined,
  actions,
  extra,
}: {
  line: EstimateLabour | EstimatePart;
  kind: "labour" | "part";
  currency: string;
  disputedNote?: string;
  declined?: boolean;
  actions?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const partNumber = kind === "part" ? (line as EstimatePart).partNumber : null;
  const unit = kind === "labour" ? t("estimates.hoursShort") : t("estimates.pieces");
  // A flat-priced labour line: the price is the line's net; the hours are only an estimate.
  const flat = kind === "labour" && isFlat(line as EstimateLabour);
  return (
    <Box
      p="sm"
      style={{
        borderRadius: "var(--mantine-radius-sm)",
        border: disputedNote !== undefined ? "2px solid var(--mantine-color-red-7)" : undefined,
        background:
          disputedNote !== undefined
            ? "var(--mantine-color-red-0)"
            : kind === "labour"
              ? "var(--mantine-color-white)"
              : "var(--mantine-color-gray-0)",
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={kind === "labour" ? 700 : 500} style={{ overflowWrap: "anywhere" }}>
            {line.description}
          </Text>
          <Text size="sm" c="dimmed" className="pl-num" style={{ whiteSpace: "normal" }}>
            {[
              partNumber ? t("estimates.partNo", { number: partNumber }) : null,
              flat
                ? t("estimates.flatPriceDetail", { hours: fmt.quantity(line.quantityMilli) })
                : `${fmt.quantity(line.quantityMilli)} ${unit} × ${fmt.money(line.unitPrice)}`,
              t("estimates.taxShort", { rate: fmt.rate(line.taxRateBp) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          {declined ? (
            <Group gap={4}>
              <IconX size={16} aria-hidden />
              <Text size="sm" fw={600}>
                {t("estimates.lineDeclined")}
              </Text>
            </Group>
          ) : null}
          {disputedNote !== undefined ? <DisputedNote note={disputedNote} /> : null}
        </Stack>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} className="pl-num">
            {fmt.money(line.net)}
          </Text>
          {actions}
        </Group>
      </Group>
      {extra}
    </Box>
  );
}

/** Labour lines with their parts indented below. */
export function LinesList({
  labour,
  currency,
  label,
  disputed,
  renderExtra,
  renderActions,
  declined,
}: LinesListProps) {
  const { t } = useTranslation();
  if (labour.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t("estimates.noLines")}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} aria-label={label} style={{ listStyle: "none" }}>
      {labour.map((line) => (
        <Paper component="li" key={line.id} withBorder radius="md" p={4}>
          <LineRow
            line={line}
            kind="labour"
            currency={currency}
            disputedNote={disputed?.get(line.id)}
            declined={declined?.has(line.id)}
            actions={renderActions?.(line, "labour")}
            extra={renderExtra?.(line, "labour")}
          />
          {line.parts.length > 0 ? (
            <Stack
              component="ul"
              gap={4}
              p={0}
              m={0}
              ml={{ base: "md", sm: "xl" }}
              mb={4}
              aria-label={t("estimates.partsOf", { description: line.description })}
              style={{ listStyle: "none" }}
            >
              {line.parts.map((part) => (
                <li key={part.id}>
                  <LineRow
                    line={part}
                    kind="part"
                    currency={currency}
                    disputedNote={disputed?.get(part.id)}
                    actions={renderActions?.(part, "part")}
                    extra={renderExtra?.(part, "part")}
                  />
                </li>
              ))}
            </Stack>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
