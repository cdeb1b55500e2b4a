import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath } from "../invoiceApi";

export function CancelLinkModal({ invoice, onClose, onDone }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useInvoiceAction();
  const cancel = () =>
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/payment-link/cancel`);
      notifySuccess(t("invoiceCase.linkCancelled"));
      onDone();
      onClose();
    });
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.cancelLinkTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("invoiceCase.cancelLinkText")}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("invoiceCase.keepLink")}
          </Button>
          <Button color="red.9" loading={busy} onClick={cancel}>
            {t("invoiceCase.cancelLink")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
