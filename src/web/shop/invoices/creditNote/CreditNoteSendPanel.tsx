import { Button, DataList, Group, Paper, Stack, Title } from "@mantine/core";
import { IconMail } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../../shared/session";
import { type InvoiceDetail, invoiceKeys } from "../invoiceApi";
import { SentItem } from "../invoiceCase/CaseItems";
import { SendModal } from "../invoiceCase/SendModal";

/** On a credit note: whether and to whom it was mailed, and Send credit note (its PDF, no payment link). */
export function CreditNoteSendPanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="credit-note-send-title">
      <Title order={2} id="credit-note-send-title" mb="sm">
        {t("invoiceCase.creditNoteTitle")}
      </Title>
      <Stack gap="sm">
        <DataList labelWidth="7rem">
          <SentItem invoice={invoice} />
        </DataList>
        {canWrite ? (
          <Group gap="xs" className="pl-no-print">
            <Button leftSection={<IconMail size={18} aria-hidden />} onClick={() => setSending(true)}>
              {invoice.sentAt ? t("invoiceCase.resend") : t("invoiceCase.sendCreditNote")}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {sending ? (
        <SendModal
          invoice={invoice}
          onClose={() => setSending(false)}
          onDone={() => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all })}
        />
      ) : null}
    </Paper>
  );
}
