import {
  ActionIcon,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import { type InvoiceLineInput, lineNet, TAX_CATEGORIES, TAX_RATES, UNIT_CODES } from "../invoiceApi";
import { emptyLine, type InvoiceFormState } from "./invoiceFormValues";

/** The lines, each with its net as typed, a remove button, and Add line below them. */
export function InvoiceLinesFields({
  form,
  inputs,
  currency,
}: {
  form: InvoiceFormState;
  /** The lines as read so far (null where a number cannot be read yet). */
  inputs: (InvoiceLineInput | null)[];
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  // The e-invoice's facts of a line: "" lets the server decide (C62 one; the category from the rate).
  const unitOptions = [
    { value: "", label: t("eInvoice.units.auto") },
    ...UNIT_CODES.map((code) => ({ value: code, label: t(`eInvoice.units.${code}`) })),
  ];
  const categoryOptions = [
    { value: "", label: t("eInvoice.categories.auto") },
    ...TAX_CATEGORIES.map((code) => ({ value: code, label: t(`eInvoice.categories.${code}`) })),
  ];
  const currencySuffix = (
    <Text size="sm" c="dimmed" aria-hidden>
      {currency}
    </Text>
  );
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Title order={2} mb="md">
        {t("invoices.lines")}
      </Title>
      <Stack gap="md">
        {form.values.lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("invoices.noLines")}
          </Text>
        ) : null}
        {form.values.lines.map((line, index) => {
          const parsed = inputs[index];
          const net = parsed ? lineNet(parsed.quantityMilli, parsed.unitPrice) : null;
          const number = index + 1;
          return (
            <fieldset key={line.key} style={lineStyle}>
              <legend style={legendStyle}>{t("invoices.lineNo", { number })}</legend>
              <Group justify="flex-end" gap="xs" mb="xs" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <Text size="sm" className="pl-num" aria-live="polite">
                    {t("invoices.lineNet", {
                      amount: net === null ? t("common.notSet") : fmt.money(net),
                    })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={t("invoices.removeLine", { number })}
                    onClick={() => form.removeListItem("lines", index)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
              <Grid gap="sm" style={{ clear: "both" }}>
                <Grid.Col span={{ base: 12, sm: 8 }}>
                  <TextInput
                    label={t("invoices.line.description")}
                    required
                    maxLength={500}
                    {...form.getInputProps(`lines.${index}.description`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t("invoices.line.partNumber")}
                    maxLength={60}
                    {...form.getInputProps(`lines.${index}.partNumber`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput
                    label={t("invoices.line.quantity")}
                    required
                    inputMode="decimal"
                    autoComplete="off"
                    {...form.getInputProps(`lines.${index}.quantity`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <NativeSelect
                    label={t("invoices.line.unitCode")}
                    data={unitOptions}
                    {...form.getInputProps(`lines.${index}.unitCode`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput
                    label={t("invoices.line.unitPrice")}
                    required
                    inputMode="decimal"
                    autoComplete="off"
                    rightSection={currencySuffix}
                    rightSectionWidth={48}
                    {...form.getInputProps(`lines.${index}.price`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <NativeSelect
                    label={t("invoices.line.taxRate")}
                    data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
                    {...form.getInputProps(`lines.${index}.taxRate`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <NativeSelect
                    label={t("invoices.line.taxCategory")}
                    data={categoryOptions}
                    {...form.getInputProps(`lines.${index}.taxCategory`)}
                  />
                </Grid.Col>
                {line.taxCategory === "E" ? (
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <TextInput
                      label={t("invoices.line.taxExemptionReason")}
                      description={t("invoices.line.taxExemptionReasonHint")}
                      required
                      maxLength={200}
                      autoComplete="off"
                      {...form.getInputProps(`lines.${index}.taxExemptionReason`)}
                    />
                  </Grid.Col>
                ) : null}
              </Grid>
            </fieldset>
          );
        })}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => form.insertListItem("lines", emptyLine())}
          >
            {t("invoices.addLine")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const lineStyle = {
  border: "1px solid var(--mantine-color-gray-3)",
  borderRadius: "var(--mantine-radius-sm)",
  padding: "var(--mantine-spacing-sm)",
  margin: 0,
  minWidth: 0,
} as const;

// Floated so it sits in the line's first row, beside the line's net and the remove button.
const legendStyle = {
  float: "left",
  padding: 0,
  fontWeight: 700,
  fontSize: "var(--mantine-font-size-sm)",
  lineHeight: "28px",
} as const;
