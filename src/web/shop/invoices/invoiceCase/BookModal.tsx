import { Button, Group, Stack, Text } from "@mantine/core";
import { IconBook } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath } from "../invoiceApi";

export function BookModal({ invoice, onClose, onDone }: InvoiceDialogProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useInvoiceAction();
  const book = () =>
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/book`);
      notifySuccess(t("invoiceCase.bookedDone", { number: invoice.number ?? "" }));
      onDone();
      onClose();
    });
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.bookTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("invoiceCase.bookText", { number: invoice.number ?? "" })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} leftSection={<IconBook size={18} aria-hidden />} onClick={book}>
            {t("invoiceCase.bookConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
