import { DataList, List, Stack, Text, Title } from "@mantine/core";
import { IconPaperclip } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../../i18n";
import { useFormat } from "../../shared/format";
import { DetailSkeleton, QueryError } from "../../shared/ui";
import { CustomerLinkNotice } from "./CustomerLinkNotice";
import { LinkedText } from "./LinkedText";
import { useOutboxMessage } from "./outboxApi";
import { LinkBadge, StatusBadge } from "./outboxBadges";

export function OutboxMessageView({ id, onResent }: { id: string; onResent: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useOutboxMessage(id);
  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const message = query.data;
  return (
    <Stack gap="md">
      <DataList labelWidth="8rem">
        <DataList.Item>
          <DataList.ItemLabel>{t("outbox.subject")}</DataList.ItemLabel>
          <DataList.ItemValue fw={600}>{message.subject}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t("outbox.to")}</DataList.ItemLabel>
          <DataList.ItemValue>{message.to}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t("outbox.status")}</DataList.ItemLabel>
          <DataList.ItemValue>
            <StatusBadge status={message.status} />
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t("outbox.created")}</DataList.ItemLabel>
          <DataList.ItemValue>{format.dateTime(message.createdAt)}</DataList.ItemValue>
        </DataList.Item>
        {message.status === "sent" ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("outbox.sent")}</DataList.ItemLabel>
            <DataList.ItemValue>{format.dateTime(message.sentAt)}</DataList.ItemValue>
          </DataList.Item>
        ) : (
          <DataList.Item>
            <DataList.ItemLabel>{t("outbox.delivery")}</DataList.ItemLabel>
            <DataList.ItemValue c={message.status === "failed" ? "red.9" : undefined}>
              {t(`outbox.delivery_${message.status}`, {
                attempts: message.attempts,
                error: message.error ?? "",
              })}
            </DataList.ItemValue>
          </DataList.Item>
        )}
        {message.error && message.status === "queued" ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("outbox.error")}</DataList.ItemLabel>
            <DataList.ItemValue c="red.9">{message.error}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
        <DataList.Item>
          <DataList.ItemLabel>{t("outbox.attachments")}</DataList.ItemLabel>
          <DataList.ItemValue>
            {message.attachments.length === 0 ? (
              <Text span size="sm" c="dimmed">
                {t("outbox.noAttachments")}
              </Text>
            ) : (
              <List
                listStyleType="none"
                spacing={4}
                aria-label={t("outbox.attachmentsCaption")}
                icon={<IconPaperclip size={14} aria-hidden />}
                center
              >
                {message.attachments.map((file, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a mail may attach two files of one name
                  <List.Item key={index}>
                    <Text span size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {file.filename}
                    </Text>{" "}
                    <Text span size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      {file.contentType} · {fileSize(file.sizeBytes, intlLocale())}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        {message.customerLink ? (
          <DataList.Item>
            <DataList.ItemLabel>{t("outbox.customerLink")}</DataList.ItemLabel>
            <DataList.ItemValue>
              <LinkBadge link={message.customerLink} />
            </DataList.ItemValue>
          </DataList.Item>
        ) : null}
      </DataList>
      {message.customerLink ? (
        <CustomerLinkNotice id={message.id} link={message.customerLink} onResent={onResent} />
      ) : null}
      <div>
        <Title order={3} mb="xs">
          {t("outbox.body")}
        </Title>
        {message.text ? (
          // Plain text only: the HTML version is never injected into the page.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region must be reachable by keyboard
          <pre className="pl-message-text" tabIndex={0}>
            <LinkedText text={message.text} maskedLabel={t("outbox.maskedLink")} />
          </pre>
        ) : (
          <Text c="dimmed">{t("outbox.noText")}</Text>
        )}
      </div>
    </Stack>
  );
}

function fileSize(bytes: number, locale: string): string {
  const format = (value: number, unit: "byte" | "kilobyte" | "megabyte") =>
    new Intl.NumberFormat(locale, {
      style: "unit",
      unit,
      unitDisplay: "short",
      maximumFractionDigits: 1,
    }).format(value);
  if (bytes < 1024) return format(bytes, "byte");
  if (bytes < 1024 * 1024) return format(bytes / 1024, "kilobyte");
  return format(bytes / (1024 * 1024), "megabyte");
}
