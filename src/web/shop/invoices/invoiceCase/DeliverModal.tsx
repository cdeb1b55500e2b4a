import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconKey } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { fieldError, type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath } from "../invoiceApi";

export function DeliverModal({ invoice, onClose, onDone }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const [deliveredTo, setDeliveredTo] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  /** The server's warning when the vehicle would leave unpaid; the next submit confirms it. */
  const [unpaidWarning, setUnpaidWarning] = useState<string | null>(null);
  const { busy, error, run } = useInvoiceAction();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const name = deliveredTo.trim();
    if (!name) {
      setNameError(t("invoiceCase.deliveredToRequired"));
      return;
    }
    setNameError(null);
    await run(
      async () => {
        await api.post(`${invoicePath(invoice.id)}/deliver`, {
          deliveredTo: name,
          ...(unpaidWarning ? { confirmUnpaid: true } : {}),
        });
        notifySuccess(t("invoiceCase.deliveredDone"));
        onDone();
        onClose();
      },
      (err) => {
        if (isApiError(err) && err.status === 409 && err.fieldErrors[0]?.field === "confirmUnpaid") {
          setUnpaidWarning(err.detail);
          return true;
        }
        const message = fieldError(err, "deliveredTo");
        if (message) setNameError(message);
        return !!message;
      },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.deliverTitle")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <TextInput
            label={t("invoiceCase.deliveredTo")}
            autoComplete="off"
            required
            maxLength={200}
            value={deliveredTo}
            error={nameError}
            onChange={(event) => setDeliveredTo(event.currentTarget.value)}
            data-autofocus
          />
          {unpaidWarning ? (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {unpaidWarning}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={busy}
              color={unpaidWarning ? "red.9" : undefined}
              leftSection={<IconKey size={18} aria-hidden />}
            >
              {unpaidWarning ? t("invoiceCase.handOverAnyway") : t("invoiceCase.deliverConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
