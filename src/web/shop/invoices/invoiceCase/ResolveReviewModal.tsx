import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconChecks } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { type InvoiceDialogProps, useInvoiceAction } from "../invoiceAction";
import { invoicePath, type PaymentReview } from "../invoiceApi";

export function ResolveReviewModal({
  invoice,
  review,
  onClose,
  onDone,
}: InvoiceDialogProps & { review: PaymentReview }) {
  const { t } = useTranslation();
  const fmt = useMoney(review.currency);
  const [note, setNote] = useState("");
  const { busy, error, run } = useInvoiceAction();
  const resolve = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post(`${invoicePath(invoice.id)}/payment-reviews/${encodeURIComponent(review.id)}/resolve`, {
        note: note.trim() || null,
      });
      notifySuccess(t("invoiceCase.resolved"));
      onDone();
      onClose();
    });
  };
  return (
    <AppModal opened onClose={onClose} title={t("invoiceCase.resolveTitle")}>
      <form onSubmit={resolve} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <Text size="sm">{t("invoiceCase.resolveText", { excess: fmt.money(review.amount) })}</Text>
          <Textarea
            label={t("invoiceCase.resolveNote")}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconChecks size={18} aria-hidden />}>
              {t("invoiceCase.markReviewed")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
