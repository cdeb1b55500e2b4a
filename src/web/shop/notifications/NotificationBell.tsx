// The bell in the shop header: unread count, the latest notifications (inspection complete, photo sent
// back…), "mark all read" and the choice to get them by email as well. Kept live by useLiveUpdates
// (`notification.created` refetches the list).
import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Switch,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { IconBell, IconChecks } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { noticeText } from "../../../domain/notices";
import { api } from "../../api";
import { isLanguage } from "../../i18n";
import { useFormat } from "../../shared/format";
import { errorMessage, QueryError } from "../../shared/ui";
import {
  type NotificationsResponse,
  notificationsKey,
  type StaffNotification,
  useNotifications,
} from "../inspection/inspectionApi";
import "./notifications.css";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago" / "vor 5 Minuten" in the reader's language. */
function useRelativeTime() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (iso: string) => {
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    if (Number.isNaN(seconds)) return "";
    if (Math.abs(seconds) < 45) return t("notifications.justNow");
    const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
    }
    return format.format(Math.round(seconds / 60), "minute");
  };
}

/** Links from the server are app paths without the /shop prefix ("/work-orders/wo_…"). */
function shopPath(link: string): string {
  if (link.startsWith("/shop/") || link.startsWith("/portal/")) return link;
  return `/shop${link.startsWith("/") ? "" : "/"}${link}`;
}

export function NotificationBell() {
  const { t } = useTranslation();
  const query = useNotifications();
  const [opened, setOpened] = useState(false);
  const unread = query.data?.unread ?? 0;
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");

  return (
    <Indicator
      label={unread > 99 ? "99+" : unread}
      size={20}
      color="red.9"
      offset={6}
      disabled={unread === 0}
      styles={{ indicator: { fontWeight: 700 } }}
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width="min(380px, calc(100vw - 16px))"
        shadow="md"
        trapFocus
        returnFocus
        withinPortal
        transitionProps={{ duration: 0 }}
      >
        <Popover.Target>
          <ActionIcon
            variant="default"
            size={44}
            radius="md"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} aria-label={t("notifications.title")}>
          {query.isPending ? (
            <Group justify="center" p="md" role="status">
              <Loader size="sm" aria-hidden />
              <Text size="sm">{t("common.loading")}</Text>
            </Group>
          ) : query.isError ? (
            <Box p="sm">
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            </Box>
          ) : (
            <NotificationPanel data={query.data} onNavigate={() => setOpened(false)} />
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

function NotificationPanel({ data, onNavigate }: { data: NotificationsResponse; onNavigate: () => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  // Said in the reader's language from the facts; the stored English for kinds this app does not know.
  const textOf = (item: StaffNotification) =>
    (item.params ? noticeText(item.kind, item.params, language) : null) ?? {
      title: item.title,
      body: item.body,
    };
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const relative = useRelativeTime();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });

  const open = async (item: StaffNotification) => {
    setError(null);
    if (!item.read) {
      // Show it read at once; the refetch confirms.
      queryClient.setQueryData<NotificationsResponse>(notificationsKey, (old) =>
        old
          ? {
              ...old,
              unread: Math.max(0, old.unread - 1),
              items: old.items.map((n) => (n.id === item.id ? { ...n, read: true } : n)),
            }
          : old,
      );
      try {
        await api.post<void>(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`);
      } catch (e) {
        setError(errorMessage(e, t("errors.saveFailed")));
      }
      void refresh();
    }
    if (item.link) {
      onNavigate();
      navigate(shopPath(item.link));
    }
  };

  const markAll = async () => {
    setBusy("all");
    setError(null);
    try {
      await api.post<void>("/api/v1/notifications/read-all");
      await refresh();
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(null);
    }
  };

  const setEmail = async (notifyByEmail: boolean) => {
    setBusy("email");
    setError(null);
    try {
      const saved = await api.put<{ notifyByEmail: boolean }>("/api/v1/notifications/preferences", {
        notifyByEmail,
      });
      queryClient.setQueryData<NotificationsResponse>(notificationsKey, (old) =>
        old ? { ...old, notifyByEmail: saved.notifyByEmail } : old,
      );
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap={0}>
      {/* Wraps rather than cutting a longer language's words off ("Alle als gelesen markieren"). */}
      <Group justify="space-between" px="md" py="xs" gap="xs" wrap="wrap">
        <Text fw={700} component="h2" size="md" m={0}>
          {t("notifications.title")}
        </Text>
        <Button
          variant="subtle"
          size="sm"
          h={44}
          leftSection={<IconChecks size={18} aria-hidden />}
          disabled={data.unread === 0}
          loading={busy === "all"}
          onClick={() => void markAll()}
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      <Divider />
      {error ? (
        <Text size="sm" c="red.9" px="md" py="xs" role="alert">
          {error}
        </Text>
      ) : null}
      {data.items.length === 0 ? (
        <Text size="sm" c="dimmed" p="md">
          {t("notifications.empty")}
        </Text>
      ) : (
        <ScrollArea.Autosize mah="min(60vh, 420px)" type="auto">
          <Box component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {data.items.map((item) => (
              <li key={item.id}>
                <UnstyledButton
                  className="pl-notification"
                  data-unread={!item.read || undefined}
                  onClick={() => void open(item)}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <span className="pl-notification-dot" aria-hidden />
                    <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={item.read ? 500 : 700} style={{ overflowWrap: "anywhere" }}>
                        {item.read ? null : (
                          <VisuallyHidden component="span">{`${t("notifications.unread")}: `}</VisuallyHidden>
                        )}
                        {textOf(item).title}
                      </Text>
                      {textOf(item).body ? (
                        <Text size="sm" c="dark.6" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                          {textOf(item).body}
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed" component="time" dateTime={item.createdAt}>
                        {relative(item.createdAt)}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              </li>
            ))}
          </Box>
        </ScrollArea.Autosize>
      )}
      <Divider />
      <Box px="md" py="sm">
        <Switch
          size="md"
          label={t("notifications.byEmail")}
          description={data.notifyByEmail ? t("notifications.byEmailOn") : t("notifications.byEmailOff")}
          checked={data.notifyByEmail}
          disabled={busy === "email"}
          onChange={(event) => void setEmail(event.currentTarget.checked)}
          styles={{ body: { minHeight: 44, alignItems: "center" } }}
        />
      </Box>
    </Stack>
  );
}
