import {
  Alert,
  Button,
  Checkbox,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { parseScaled } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { FormError } from "../../../shared/ui";
import { useInvoiceAction } from "../invoiceAction";
import {
  type Invoice,
  type InvoiceDetail,
  type InvoiceLineInput,
  invoicePath,
  priceDraft,
} from "../invoiceApi";

interface CreditRow {
  picked: boolean;
  amount: string;
}

/** Full credit, or chosen lines with the net amount to credit on each; then a last confirmation. */
export function CreditModal({
  opened,
  invoice,
  onClose,
  onDone,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onDone: (creditNote: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const [mode, setMode] = useState<"full" | "lines">("full");
  const [rows, setRows] = useState<CreditRow[]>(() =>
    invoice.lines.map((line) => ({ picked: false, amount: fmt.moneyInput(line.net) })),
  );
  const [note, setNote] = useState("");
  const [step, setStep] = useState<"choose" | "confirm">("choose");
  const { busy, error, setError, run } = useInvoiceAction();
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});

  const close = () => {
    setStep("choose");
    setError(null);
    onClose();
  };

  /** Checks the picked amounts (each above zero, at most the line's net); the lines, or null. */
  const creditLines = (): InvoiceLineInput[] | null => {
    const errors: Record<number, string> = {};
    invoice.lines.forEach((line, index) => {
      const row = rows[index];
      if (!row?.picked) return;
      const cents = parseScaled(row.amount, 100);
      if (cents === null || cents <= 0 || cents > line.net) {
        errors[index] = t("invoices.creditAmountInvalid", { max: fmt.money(line.net) });
      }
    });
    setRowErrors(errors);
    return Object.keys(errors).length > 0 ? null : creditLinesPreview(invoice, rows);
  };

  const pickedLines = mode === "lines" ? creditLinesPreview(invoice, rows) : null;
  const creditGross = mode === "full" ? invoice.totals.gross : priceDraft(pickedLines ?? []).gross;

  const proceed = () => {
    setError(null);
    if (mode === "lines") {
      const lines = creditLines();
      if (!lines) return;
      if (lines.length === 0) {
        setError(t("invoices.creditPickLines"));
        return;
      }
    }
    setStep("confirm");
  };

  const create = async () => {
    const lines = mode === "lines" ? creditLines() : undefined;
    if (lines === null) return;
    await run(
      async () => {
        const creditNote = await api.post<InvoiceDetail>(`${invoicePath(invoice.id)}/credit`, {
          ...(lines ? { lines } : {}),
          note: note.trim() || null,
        });
        close();
        onDone(creditNote);
      },
      () => {
        setStep("choose");
        return false;
      },
    );
  };

  return (
    <AppModal
      opened={opened}
      onClose={close}
      size="lg"
      title={t("invoices.creditTitle", { number: invoice.number ?? "" })}
    >
      {step === "choose" ? (
        <Stack gap="md">
          <FormError message={error} />
          <Radio.Group
            label={t("invoices.creditScope")}
            value={mode}
            onChange={(value) => setMode(value === "lines" ? "lines" : "full")}
          >
            <Stack gap="xs" mt={4}>
              <Radio
                value="full"
                label={t("invoices.creditFull", { amount: fmt.money(invoice.totals.gross) })}
              />
              <Radio value="lines" label={t("invoices.creditLines")} />
            </Stack>
          </Radio.Group>
          {mode === "lines" ? (
            <Table verticalSpacing="xs" aria-label={t("invoices.creditLinesTable")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("invoices.line.description")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("invoices.line.net")}
                  </Table.Th>
                  <Table.Th scope="col">{t("invoices.creditAmount")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.lines.map((line, index) => {
                  const row = rows[index] ?? { picked: false, amount: "" };
                  const update = (patch: Partial<CreditRow>) =>
                    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: invoice lines have no ids and never reorder
                    <Table.Tr key={index}>
                      <Table.Td>
                        <Checkbox
                          label={line.description}
                          checked={row.picked}
                          onChange={(event) => update({ picked: event.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td ta="right" className="pl-num">
                        {fmt.money(line.net)}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t("invoices.creditAmountFor", { description: line.description })}
                          value={row.amount}
                          disabled={!row.picked}
                          inputMode="decimal"
                          autoComplete="off"
                          size="sm"
                          w={140}
                          error={rowErrors[index]}
                          onChange={(event) => update({ amount: event.currentTarget.value })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          ) : null}
          <Textarea
            label={t("invoices.creditNoteReason")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Text size="sm" fw={600} className="pl-num" aria-live="polite">
            {t("invoices.creditGross", { amount: fmt.money(creditGross) })}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button onClick={proceed}>{t("invoices.continue")}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t("invoices.creditWarning", { amount: fmt.money(creditGross), number: invoice.number ?? "" })}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setStep("choose")} data-autofocus>
              {t("invoices.back")}
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void create()}>
              {t("invoices.creditConfirm")}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}

/**
 * The picked lines as far as their amounts can be read: a line credited in full as it was, a part of
 * it as that net amount at quantity 1.
 */
function creditLinesPreview(invoice: Invoice, rows: CreditRow[]): InvoiceLineInput[] {
  const lines: InvoiceLineInput[] = [];
  invoice.lines.forEach((line, index) => {
    const row = rows[index];
    const cents = row?.picked ? parseScaled(row.amount, 100) : null;
    if (cents === null || cents <= 0) return;
    lines.push(
      cents === line.net
        ? { ...line }
        : { description: line.description, quantityMilli: 1000, unitPrice: cents, taxRateBp: line.taxRateBp },
    );
  });
  return lines;
}
