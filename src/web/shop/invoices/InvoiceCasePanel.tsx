// The invoice case on an issued invoice: payment status, received/open, sent, delivered and booked,
// and the actions around them — Send invoice (and resend), Cancel payment link, Paid POS, Delivered
// (asking before an unpaid vehicle leaves) and Booked. A case is closed when paid, delivered and booked.
// Money the provider reported but Pitlane did not count (a refund beyond its payment) stands on top
// until someone marks it reviewed.
import { Alert, Button, DataList, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconBook, IconCash, IconKey, IconLinkOff, IconMail } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { useCan } from "../../shared/session";
import { type InvoiceDetail, invoiceKeys, type PaymentReview } from "./invoiceApi";
import { BookModal } from "./invoiceCase/BookModal";
import { CancelLinkModal } from "./invoiceCase/CancelLinkModal";
import { PaymentLinkState, SentItem } from "./invoiceCase/CaseItems";
import { ClosedBadge } from "./invoiceCase/ClosedBadge";
import { DeliverModal } from "./invoiceCase/DeliverModal";
import { PaidPosModal } from "./invoiceCase/PaidPosModal";
import { PaymentReviewAlert } from "./invoiceCase/PaymentReviewAlert";
import { ResolveReviewModal } from "./invoiceCase/ResolveReviewModal";
import { SendModal } from "./invoiceCase/SendModal";
import { PaymentStatusBadge } from "./invoiceUi";

type Dialog = "send" | "cancel-link" | "pos" | "deliver" | "book" | { review: PaymentReview } | null;

export function InvoiceCasePanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const queryClient = useQueryClient();
  const format = useFormat();
  const fmt = useMoney(invoice.currency);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });

  const credited = invoice.paymentStatus === "credited";
  const payable = invoice.open > 0 && !credited;
  const actions = canWrite && !credited;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="invoice-case-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} id="invoice-case-title">
          {t("invoiceCase.title")}
        </Title>
        <Group gap={6}>
          <PaymentStatusBadge status={invoice.paymentStatus} />
          {invoice.closed ? <ClosedBadge /> : null}
        </Group>
      </Group>
      <Stack gap="sm">
        {invoice.closed ? (
          <Text size="sm" c="dimmed">
            {t("invoiceCase.closedHint")}
          </Text>
        ) : null}
        {invoice.paymentReviews.map((review) => (
          <PaymentReviewAlert
            key={review.id}
            review={review}
            canResolve={canWrite}
            onResolve={() => setDialog({ review })}
          />
        ))}
        {invoice.overpaid ? (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} p="xs">
            {t("invoiceCase.overpaid")}
          </Alert>
        ) : null}
        <DataList labelWidth="7rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.received")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num">{fmt.money(invoice.received)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoices.open")}</DataList.ItemLabel>
            <DataList.ItemValue className="pl-num" fw={700}>
              {fmt.money(invoice.open)}
            </DataList.ItemValue>
          </DataList.Item>
          <SentItem invoice={invoice} />
          {invoice.paymentLink ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("invoiceCase.paymentLink")}</DataList.ItemLabel>
              <DataList.ItemValue>
                <PaymentLinkState link={invoice.paymentLink} />
              </DataList.ItemValue>
            </DataList.Item>
          ) : null}
          <DataList.Item>
            <DataList.ItemLabel>{t("invoiceCase.delivered")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {invoice.deliveredAt
                ? t("invoiceCase.deliveredToOn", {
                    name: invoice.deliveredTo ?? "",
                    date: format.dateTime(invoice.deliveredAt),
                  })
                : t("invoiceCase.notDelivered")}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("invoiceCase.booked")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {invoice.bookedAt
                ? t("invoiceCase.bookedOn", { date: format.dateTime(invoice.bookedAt) })
                : t("invoiceCase.notBooked")}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        {actions ? (
          <Group gap="xs" className="pl-no-print">
            {payable ? (
              <Button leftSection={<IconMail size={18} aria-hidden />} onClick={() => setDialog("send")}>
                {invoice.sentAt ? t("invoiceCase.resend") : t("invoiceCase.send")}
              </Button>
            ) : null}
            {payable ? (
              <Button
                variant="default"
                leftSection={<IconCash size={18} aria-hidden />}
                onClick={() => setDialog("pos")}
              >
                {t("invoiceCase.paidPos")}
              </Button>
            ) : null}
            {invoice.deliveredAt ? null : (
              <Button
                variant="default"
                leftSection={<IconKey size={18} aria-hidden />}
                onClick={() => setDialog("deliver")}
              >
                {t("invoiceCase.deliver")}
              </Button>
            )}
            {invoice.bookedAt ? null : (
              <Button
                variant="default"
                leftSection={<IconBook size={18} aria-hidden />}
                onClick={() => setDialog("book")}
              >
                {t("invoiceCase.book")}
              </Button>
            )}
            {payable && invoice.paymentLink?.state === "active" ? (
              <Button
                variant="outline"
                color="red.9"
                leftSection={<IconLinkOff size={18} aria-hidden />}
                onClick={() => setDialog("cancel-link")}
              >
                {t("invoiceCase.cancelLink")}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      {dialog === "send" ? <SendModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "cancel-link" ? (
        <CancelLinkModal invoice={invoice} onClose={close} onDone={changed} />
      ) : null}
      {dialog === "pos" ? <PaidPosModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "deliver" ? <DeliverModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {dialog === "book" ? <BookModal invoice={invoice} onClose={close} onDone={changed} /> : null}
      {typeof dialog === "object" && dialog ? (
        <ResolveReviewModal invoice={invoice} review={dialog.review} onClose={close} onDone={changed} />
      ) : null}
    </Paper>
  );
}
