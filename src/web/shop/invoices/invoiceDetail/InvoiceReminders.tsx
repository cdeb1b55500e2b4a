// The invoice's reminders (issue #15): every level sent, skipped or waiting, with what it charged and
// its letter, and the pause for an invoice the customer disputes. Shown to whoever manages
// receivables, on issued invoices only.
import { Alert, Anchor, Badge, Button, Group, List, Paper, Text, Title } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../../estimates/estimateUi";
import { notifySuccess } from "../../../shared/notify";
import { LevelBadge } from "../../receivables/DunningTab";
import { reminderPdfUrl, useInvoiceReminders, usePauseInvoiceDunning } from "../../receivables/dunningApi";
import { useDayFormat } from "../invoiceUi";

export function InvoiceReminders({
  invoiceId,
  currency,
  open,
}: {
  invoiceId: string;
  currency: string;
  open: number;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const fmt = useMoney(currency);
  const query = useInvoiceReminders(invoiceId);
  const pause = usePauseInvoiceDunning(invoiceId);
  if (!query.data) return null;
  const { items, paused, customerPaused, dunningCharges } = query.data;
  if (items.length === 0 && open <= 0 && !paused) return null;
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2}>{t("dunning.invoiceTitle")}</Title>
        {open > 0 ? (
          <Button
            size="xs"
            variant="default"
            loading={pause.isPending}
            leftSection={
              paused ? <IconPlayerPlay size={16} aria-hidden /> : <IconPlayerPause size={16} aria-hidden />
            }
            onClick={() =>
              pause.mutate(!paused, {
                onSuccess: () => notifySuccess(t(paused ? "dunning.resumedDone" : "dunning.pausedDone")),
              })
            }
          >
            {paused ? t("dunning.resumeInvoice") : t("dunning.pauseInvoice")}
          </Button>
        ) : null}
      </Group>
      {paused ? (
        <Alert color="orange" mb="sm" role="status">
          {t("dunning.invoicePaused")}
        </Alert>
      ) : null}
      {customerPaused ? (
        <Alert color="orange" mb="sm" role="status">
          {t("dunning.customerPaused")}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dunning.invoiceEmpty")}
        </Text>
      ) : (
        <List spacing="xs" listStyleType="none" pl={0}>
          {items.map((n) => (
            <List.Item key={n.id}>
              <Group gap="xs" wrap="wrap">
                <LevelBadge level={n.level} />
                <Badge variant="outline" color={n.status === "sent" ? "blue" : "gray"}>
                  {t(`dunning.status.${n.status}`)}
                </Badge>
                <Text size="sm" c="dimmed">
                  {day(n.dueOn)}
                </Text>
                <Text size="sm" fw={600} className="pl-num">
                  {fmt.money(n.total)}
                </Text>
                {n.status === "sent" ? (
                  <Anchor href={reminderPdfUrl(n.id)} target="_blank" size="sm">
                    {t("dunning.letter")}
                  </Anchor>
                ) : null}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {dunningCharges > 0 ? (
        <Text size="sm" mt="sm">
          {t("dunning.charges", { amount: fmt.money(dunningCharges) })}
        </Text>
      ) : null}
    </Paper>
  );
}
