// The invoice's history from its audit log: what happened, when and by whom. A DMS acting with an
// API key is named as the key ("via API key WERBAS Filiale Mitte"), never as a person.
import { List, Paper, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useActorName } from "../../../shared/actorName";
import { useFormat } from "../../../shared/format";
import { invoicePath } from "../invoiceApi";

interface HistoryItem {
  at: string;
  action: string;
  by: string;
  byKind: string;
  toStatus: string | null;
}

export function InvoiceHistory({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorName();
  const history = useQuery({
    queryKey: ["invoices", "detail", invoiceId, "history"],
    queryFn: ({ signal }) =>
      api.get<{ items: HistoryItem[] }>(`${invoicePath(invoiceId)}/history`, undefined, signal),
  });
  const items = history.data?.items ?? [];
  if (items.length === 0) return null;
  const known = t("invoices.historyAction", { returnObjects: true }) as Record<string, string>;
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} mb="sm">
        {t("invoices.history")}
      </Title>
      <List spacing="xs" listStyleType="none" pl={0}>
        {items.map((item) => (
          <List.Item key={`${item.at}-${item.action}`}>
            <Text size="sm" fw={600} component="span">
              {known[item.action] ?? item.action}
            </Text>{" "}
            <Text size="sm" c="dimmed" component="span">
              {format.dateTime(item.at)} · {actor.name(item.by, item.byKind)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
