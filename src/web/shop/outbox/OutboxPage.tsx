// The Outbox: what Pitlane mailed. A customer's link shows masked (…/e/••••••) — it is the
// customer's own key, and staff decide for a customer only on their behalf — so Resend is how a
// customer gets a working link again: a fresh one, mailed to them, never shown here.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  EmptyState,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconInfoCircle, IconLock, IconMail, IconPaperclip, IconSend } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api";
import { intlLocale } from "../../i18n";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import {
  DetailSkeleton,
  errorMessage,
  FormError,
  ListPagination,
  PageHeader,
  QueryError,
  TableSkeleton,
} from "../../shared/ui";
import { PAGE_SIZE } from "../../shared/useListParams";
import type {
  CustomerLinkState,
  OutboxCustomerLink,
  OutboxMessage,
  OutboxMessageDetail,
  OutboxStatus,
} from "../../types";

const STATUS_COLOR: Record<OutboxStatus, string> = {
  queued: "yellow",
  sent: "green",
  stored: "blue",
  failed: "red",
};

function StatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status] ?? "gray"} radius="sm" className="pl-badge-full">
      {t(`outbox.status_${status}`, { defaultValue: status })}
    </Badge>
  );
}

const LINK_COLOR: Record<CustomerLinkState, string> = {
  active: "green",
  used: "gray",
  expired: "orange",
  cancelled: "red",
};

function LinkBadge({ link }: { link: OutboxCustomerLink | null }) {
  const { t } = useTranslation();
  if (!link) {
    return (
      <Text size="sm" c="dimmed">
        {t("outbox.noLink")}
      </Text>
    );
  }
  return (
    <Badge
      variant="light"
      color={LINK_COLOR[link.state]}
      radius="sm"
      className="pl-badge-full"
      leftSection={<IconLock size={12} aria-hidden />}
    >
      {t(`outbox.linkState_${link.state}`)}
    </Badge>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const offset = Math.max(0, Number.parseInt(searchParams.get("offset") ?? "0", 10) || 0);
  const [openId, setOpenId] = useState<string | null>(null);

  const query = useQuery({
    queryKey: ["outbox", "list", offset],
    queryFn: ({ signal }) =>
      api.get<{ items: OutboxMessage[]; total?: number; totalCapped?: boolean }>(
        "/api/v1/outbox",
        { limit: PAGE_SIZE, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t("outbox.title")} />
      <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="note" mb="md">
        {t("outbox.explanation")}
      </Alert>
      <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }}>
        {query.isPending ? (
          <TableSkeleton />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconMail size={32} aria-hidden />}
            withIndicatorBackground
            title={t("outbox.empty")}
            description={t("outbox.emptyHint")}
          />
        ) : (
          <>
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
                  {query.data.items.map((message) => (
                    <Table.Tr
                      key={message.id}
                      className="pl-clickable-row"
                      onClick={(event) => {
                        if (event.target instanceof Element && event.target.closest("button")) return;
                        setOpenId(message.id);
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
                          onClick={() => setOpenId(message.id)}
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
            <ListPagination
              total={query.data.total ?? query.data.items.length}
              totalCapped={query.data.totalCapped}
              limit={PAGE_SIZE}
              offset={offset}
              onOffsetChange={(next) =>
                setSearchParams(next > 0 ? { offset: String(next) } : {}, { replace: true })
              }
            />
          </>
        )}
      </Paper>
      <AppModal
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        title={t("outbox.messageTitle")}
        size="xl"
      >
        {openId ? <OutboxMessageView id={openId} onResent={() => setOpenId(null)} /> : null}
      </AppModal>
    </>
  );
}

function OutboxMessageView({ id, onResent }: { id: string; onResent: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ["outbox", "detail", id],
    queryFn: ({ signal }) =>
      api.get<OutboxMessageDetail>(`/api/v1/outbox/${encodeURIComponent(id)}`, undefined, signal),
  });
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

// http(s) addresses in a mail's text; a trailing full stop, comma or bracket ends the sentence.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'\u00bb\u201c\u201d]/g;
const MASK = "•";

/**
 * The text with its web addresses as links. A masked customer link (…/e/••••••) stays text: it is
 * no address anyone can open, and linking it would only lead to a dead page.
 */
function LinkedText({ text, maskedLabel }: { text: string; maskedLabel: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      url.includes(MASK) ? (
        <span key={at} title={maskedLabel}>
          {url}
        </span>
      ) : (
        <Anchor key={at} href={url} target="_blank" rel="noopener noreferrer" inherit>
          {url}
        </Anchor>
      ),
    );
    last = at + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
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

/** Why the link is hidden, and Resend: a fresh link goes to the customer, never to the screen. */
function CustomerLinkNotice({
  id,
  link,
  onResent,
}: {
  id: string;
  link: OutboxCustomerLink;
  onResent: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.post<{ id: string; to: string }>(`/api/v1/outbox/${encodeURIComponent(id)}/resend`),
    onSuccess: (sent) => {
      notifySuccess(t("outbox.resent", { to: sent.to }));
      void queryClient.invalidateQueries({ queryKey: ["outbox"] });
      onResent();
    },
  });
  const why =
    link.state === "used" || link.state === "cancelled"
      ? t(`outbox.cannotResend_${link.state}`)
      : !link.resendable
        ? t("outbox.cannotResend_role")
        : null;
  return (
    <Alert color="blue" icon={<IconLock aria-hidden />} title={t("outbox.linkHiddenTitle")}>
      <Stack gap="sm">
        <Text size="sm">{t("outbox.linkHidden")}</Text>
        {link.resendable && link.purpose === "invoice-payment" ? (
          <Text size="sm">{t("outbox.resendPaymentHint")}</Text>
        ) : null}
        <FormError message={resend.isError ? errorMessage(resend.error, t("errors.saveFailed")) : null} />
        {why ? (
          <Text size="sm" c="dimmed">
            {why}
          </Text>
        ) : (
          <Group>
            <Button
              leftSection={<IconSend size={18} aria-hidden />}
              loading={resend.isPending}
              onClick={() => resend.mutate()}
            >
              {t("outbox.resend")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
