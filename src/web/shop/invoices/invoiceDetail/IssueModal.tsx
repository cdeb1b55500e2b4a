import { Alert, Button, DataList, Group, Stack } from "@mantine/core";
import { IconAlertTriangle, IconSend } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { FormError } from "../../../shared/ui";
import { useInvoiceAction } from "../invoiceAction";
import {
  type EInvoiceCheck,
  type Invoice,
  type InvoiceDetail,
  invoiceKeys,
  invoicePath,
} from "../invoiceApi";
import { useDayFormat } from "../invoiceUi";
import { EInvoiceMissingAlert } from "./EInvoice";

export function IssueModal({
  opened,
  invoice,
  eInvoiceCheck,
  onClose,
  onDone,
}: {
  opened: boolean;
  invoice: Invoice;
  /** What the customer's e-invoice still lacks: Issue would be refused. */
  eInvoiceCheck?: EInvoiceCheck;
  onClose: () => void;
  onDone: (next: InvoiceDetail) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const day = useDayFormat();
  const { busy, error, setError, run } = useInvoiceAction();
  const queryClient = useQueryClient();
  const close = () => {
    setError(null);
    onClose();
  };
  const issue = () =>
    run(
      async () => {
        onDone(await api.post<InvoiceDetail>(`${invoicePath(invoice.id)}/issue`, {}));
        close();
      },
      (err) => {
        // Refused for what the e-invoice lacks: the alert shows it as it is now.
        if (isApiError(err) && err.status === 422) {
          void queryClient.invalidateQueries({ queryKey: invoiceKeys.eInvoiceCheck(invoice.id) });
        }
        return false;
      },
    );
  return (
    <AppModal opened={opened} onClose={close} title={t("invoices.issueTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <EInvoiceMissingAlert invoice={invoice} check={eInvoiceCheck} />
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t("invoices.issueWarning")}
        </Alert>
        <DataList labelWidth="8rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.customer")}</DataList.ItemLabel>
            <DataList.ItemValue>{invoice.customerName}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.gross")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num" fw={700}>
              {fmt.money(invoice.totals.gross)}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.serviceDate")}</DataList.ItemLabel>
            <DataList.ItemValue>{day(invoice.serviceDate) ?? t("common.notSet")}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.dueDate")}</DataList.ItemLabel>
            <DataList.ItemValue>{day(invoice.dueDate) ?? t("invoices.dueOnIssue")}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button
            loading={busy}
            leftSection={<IconSend size={18} aria-hidden />}
            onClick={() => void issue()}
          >
            {t("invoices.issueConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
