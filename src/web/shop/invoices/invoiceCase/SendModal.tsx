// Send invoice (and resend) and Send credit note: to whom, by when the invoice is due, and a note.
import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconMail } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays } from "../../../../domain/invoice";
import { api } from "../../../api";
import { AppModal } from "../../../shared/AppModal";
import { isEmail } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { useCustomer } from "../../customers/customerApi";
import { fieldError, type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath } from "../invoiceApi";
import { useDayFormat } from "../invoiceUi";

export function SendModal({ invoice, onClose, onDone }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const customer = useCustomer(invoice.customerId);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [toError, setToError] = useState<string | null>(null);
  const creditNote = invoice.kind === "credit_note";
  // The due date the invoice goes out with: the one it has (the customer's payment terms from the
  // invoice date, set at issue), changeable here as the DealerRock guide has it.
  const terms = customer.data?.paymentTermsDays;
  const [dueDate, setDueDate] = useState<string | null>(null);
  const due =
    dueDate ??
    invoice.dueDate ??
    (invoice.issueDate && terms !== undefined ? addDays(invoice.issueDate, terms) : "");
  const [dueError, setDueError] = useState<string | null>(null);
  const { busy, error, run } = useInvoiceAction();
  const recipient = to ?? customer.data?.email ?? "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = recipient.trim();
    const addressOk = isEmail(address);
    setToError(addressOk ? null : t("invoiceCase.toInvalid"));
    let dueOk = true;
    if (!creditNote) {
      const problem = !/^\d{4}-\d{2}-\d{2}$/.test(due)
        ? t("invoiceCase.dueRequired")
        : invoice.issueDate && due < invoice.issueDate
          ? t("invoiceCase.dueBeforeIssue", { date: day(invoice.issueDate) ?? "" })
          : null;
      setDueError(problem);
      dueOk = !problem;
    }
    if (!addressOk || !dueOk) return;
    await run(
      async () => {
        const sent = await api.post<{ to: string }>(`${invoicePath(invoice.id)}/send`, {
          to: address,
          ...(creditNote ? {} : { dueDate: due }),
          note: note.trim() || null,
        });
        notifySuccess(t(creditNote ? "invoiceCase.creditNoteSentTo" : "invoiceCase.sentTo", { to: sent.to }));
        onDone();
        onClose();
      },
      (err) => {
        const toMessage = fieldError(err, "to");
        const dueMessage = fieldError(err, "dueDate");
        if (toMessage) setToError(toMessage);
        if (dueMessage) setDueError(dueMessage);
        return !!(toMessage || dueMessage);
      },
    );
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={t(creditNote ? "invoiceCase.sendCreditNoteTitle" : "invoiceCase.sendTitle", {
        number: invoice.number ?? "",
      })}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          {invoice.sentAt && !creditNote ? (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
              {t("invoiceCase.resendHint")}
            </Alert>
          ) : null}
          <TextInput
            label={t("invoiceCase.to")}
            description={t("invoiceCase.toHint")}
            type="email"
            autoComplete="off"
            required
            value={recipient}
            error={toError}
            onChange={(event) => setTo(event.currentTarget.value)}
            data-autofocus
          />
          {creditNote ? null : (
            <TextInput
              type="date"
              label={t("invoiceCase.dueDate")}
              description={
                terms !== undefined
                  ? t("invoiceCase.dueDateHintDays", { count: terms })
                  : t("invoiceCase.dueDateHint")
              }
              required
              min={invoice.issueDate ?? undefined}
              value={due}
              error={dueError}
              onChange={(event) => {
                setDueDate(event.currentTarget.value);
                setDueError(null);
              }}
            />
          )}
          <Textarea
            label={t("invoiceCase.sendNote")}
            description={t(creditNote ? "invoiceCase.sendNoteHintCredit" : "invoiceCase.sendNoteHint")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {!creditNote && customer.data?.smsConsent && customer.data.phone ? (
            <Text size="sm" c="dimmed">
              {t("invoiceCase.alsoByText", { phone: customer.data.phone })}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconMail size={18} aria-hidden />}>
              {t(creditNote ? "invoiceCase.sendCreditNote" : "invoiceCase.sendConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
