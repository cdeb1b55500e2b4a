import { Badge, DataList, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../shared/format";
import type { Invoice, PaymentLink } from "../invoiceApi";

/** Sent: to whom and when, or not yet. */
export function SentItem({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataList.Item>
      <DataList.ItemLabel>{t("invoiceCase.sent")}</DataList.ItemLabel>
      <DataList.ItemValue>
        {invoice.sentAt
          ? t("invoiceCase.sentToOn", { to: invoice.sentTo ?? "", date: format.dateTime(invoice.sentAt) })
          : t("invoiceCase.notSent")}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Where the payment link stands (the Sent row above says to whom and when): first opened, cancelled (when, by whom) or expired. */
export function PaymentLinkState({ link }: { link: PaymentLink }) {
  const { t } = useTranslation();
  const format = useFormat();
  const color = link.state === "active" ? "teal" : link.state === "cancelled" ? "red" : "gray";
  return (
    <Stack gap={2} data-testid="payment-link-state">
      <Group gap={6}>
        <Badge variant="light" color={color} radius="sm" tt="none">
          {t(`invoiceCase.linkState.${link.state}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {link.openedAt
          ? t("invoiceCase.linkOpened", { date: format.dateTime(link.openedAt) })
          : t("invoiceCase.linkNotOpened")}
      </Text>
      {link.state === "cancelled" && link.cancelledAt ? (
        <Text size="sm">
          {link.cancelledBy
            ? t("invoiceCase.linkCancelledBy", {
                date: format.dateTime(link.cancelledAt),
                name: link.cancelledBy,
              })
            : t("invoiceCase.linkCancelledOn", { date: format.dateTime(link.cancelledAt) })}
        </Text>
      ) : null}
      {link.state === "expired" ? (
        <Text size="sm">{t("invoiceCase.linkExpired", { date: format.dateTime(link.expiresAt) })}</Text>
      ) : null}
    </Stack>
  );
}
