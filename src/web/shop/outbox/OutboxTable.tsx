import { Anchor, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../shared/format";
import { ScrollTable } from "../../shared/ScrollTable";
import type { OutboxMessage } from "../../types";
import { LinkBadge, StatusBadge } from "./outboxBadges";

/** The mails on this page: a row (or its subject) opens the mail. */
export function OutboxTable({
  messages,
  onOpen,
}: {
  messages: OutboxMessage[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ScrollTable minWidth={880} label={t("outbox.tableCaption")}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t("outbox.tableCaption")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("outbox.colCreated")}</Table.Th>
            <Table.Th scope="col">{t("outbox.colTo")}</Table.Th>
            <Table.Th scope="col">{t("outbox.colSubject")}</Table.Th>
            <Table.Th scope="col">{t("outbox.colStatus")}</Table.Th>
            <Table.Th scope="col">{t("outbox.colLink")}</Table.Th>
            <Table.Th scope="col">{t("outbox.colSent")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr
              key={message.id}
              className="pl-clickable-row"
              onClick={(event) => {
                if (event.target instanceof Element && event.target.closest("button")) return;
                onOpen(message.id);
              }}
            >
              <Table.Td className="pl-num">{format.dateTime(message.createdAt)}</Table.Td>
              <Table.Td>{message.to}</Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  fw={600}
                  ta="left"
                  onClick={() => onOpen(message.id)}
                  aria-haspopup="dialog"
                >
                  {message.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={message.status} />
              </Table.Td>
              <Table.Td>
                <LinkBadge link={message.customerLink} />
              </Table.Td>
              <Table.Td className="pl-num">
                {message.status === "sent" ? (
                  format.dateTime(message.sentAt)
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t("outbox.notSent")}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
