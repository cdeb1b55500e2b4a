import { Button, Group, Radio, Stack, TextInput } from "@mantine/core";
import { IconCash } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { parseScaled } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { fieldError, type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath } from "../invoiceApi";

export function PaidPosModal({ invoice, onClose, onDone }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const [amount, setAmount] = useState(() => fmt.moneyInput(invoice.open));
  const [method, setMethod] = useState<"cash" | "card_terminal">("cash");
  const [reference, setReference] = useState("");
  const [amountError, setAmountError] = useState<string | null>(null);
  const { busy, error, run } = useInvoiceAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseScaled(amount, 100);
    if (cents === null || cents <= 0) {
      setAmountError(t("invoiceCase.amountInvalid"));
      return;
    }
    setAmountError(null);
    await run(
      async () => {
        await api.post(`${invoicePath(invoice.id)}/payments`, {
          amount: cents,
          method,
          reference: reference.trim() || null,
        });
        notifySuccess(t("invoiceCase.paymentRecorded", { amount: fmt.money(cents) }));
        onDone();
        onClose();
      },
      (err) => {
        const message = fieldError(err, "amount");
        if (message) setAmountError(message);
        return !!message;
      },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.paidPosTitle")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <TextInput
            label={t("invoiceCase.amount")}
            description={t("invoiceCase.amountHint", { amount: fmt.money(invoice.open) })}
            inputMode="decimal"
            autoComplete="off"
            required
            value={amount}
            error={amountError}
            onChange={(event) => setAmount(event.currentTarget.value)}
            className="pl-num"
            data-autofocus
          />
          <Radio.Group
            label={t("invoiceCase.method")}
            value={method}
            onChange={(value) => setMethod(value === "card_terminal" ? "card_terminal" : "cash")}
          >
            <Group gap="lg" mt={6}>
              <Radio value="cash" label={t("invoiceCase.cash")} />
              <Radio value="card_terminal" label={t("invoiceCase.cardTerminal")} />
            </Group>
          </Radio.Group>
          <TextInput
            label={t("invoiceCase.receipt")}
            autoComplete="off"
            maxLength={100}
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconCash size={18} aria-hidden />}>
              {t("invoiceCase.recordPayment")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
