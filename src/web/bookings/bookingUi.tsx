import { Badge, Chip, Group, Paper, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api";
import { intlLocale, isLanguage } from "../i18n";
import { useActorName } from "../shared/actorName";
import { useFormat } from "../shared/format";
import {
  type BookingHistoryEntry,
  type BookingRequest,
  type BookingSide,
  type BookingStatus,
  bookingKeys,
  type SlotsSource,
  useBookingSlots,
} from "./bookingApi";

const STATUS_COLORS: Record<BookingStatus, string> = {
  new: "blue",
  awaiting_shop: "orange",
  awaiting_customer: "yellow",
  confirmed: "green",
  declined: "red",
  cancelled: "gray",
};

export function BookingStatusBadge({
  status,
  size = "md",
}: {
  status: BookingStatus;
  size?: "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      tt="none"
      size={size}
      style={{ flexShrink: 0 }}
    >
      {t(`bookings.status.${status}`)}
    </Badge>
  );
}

export function useNextMoveLabel() {
  const { t } = useTranslation();
  return (side: BookingSide | null) =>
    side === "shop"
      ? t("bookings.side.shop")
      : side === "customer"
        ? t("bookings.side.customer")
        : t("common.notSet");
}

/**
 * Wall-clock date/time in the shop's zone, shown as it is (never converted to the browser's zone):
 * "Wed 2 Dec 2026, 08:00 (Europe/Berlin)".
 */
export function useWallClock() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  return useMemo(() => {
    const locale = intlLocale(language);
    const long = new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    const short = new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
    const toDate = (date: string) => {
      const [y, m, d] = date.split("-").map(Number);
      if (!y || !m || !d) return null;
      return new Date(Date.UTC(y, m - 1, d));
    };
    const day = (date: string | null | undefined, withYear = true) => {
      if (!date) return "";
      const value = toDate(date);
      return value ? (withYear ? long : short).format(value) : date;
    };
    return {
      day,
      /** "Wed 2 Dec 2026, 08:00 (Europe/Berlin)" */
      full: (date: string, time: string, timeZone?: string | null) =>
        `${day(date)}, ${time}${timeZone ? ` (${timeZone})` : ""}`,
      /** "Wed 2 Dec, 10:00" */
      short: (date: string | null, time: string | null) =>
        [date ? day(date, false) : null, time].filter(Boolean).join(", "),
    };
  }, [language]);
}

/** One <li> per negotiation step: who, when, what and the note. */
export function BookingHistory({ entries, viewer }: { entries: BookingHistoryEntry[]; viewer: BookingSide }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorName();
  const clock = useWallClock();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("bookings.historyEmpty")}
      </Text>
    );
  }
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      aria-label={t("bookings.historyLabel")}
      style={{ listStyle: "none" }}
    >
      {entries.map((entry, index) => {
        const when = clock.short(entry.date, entry.time);
        const actionKey = (
          ["submit", "suggest", "counter", "confirm", "accept", "decline", "cancel"].includes(entry.action)
            ? entry.action
            : "other"
        ) as "submit";
        const side =
          entry.side === "system"
            ? t("bookings.side.system")
            : entry.side === viewer
              ? entry.side === "shop"
                ? t("bookings.side.shop")
                : t("bookings.side.you")
              : t(`bookings.side.${entry.side}`);
        return (
          <Paper
            component="li"
            // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never reorder
            key={index}
            withBorder
            radius="md"
            p="sm"
            bg="white"
          >
            <Group justify="space-between" gap="xs" align="flex-start">
              <Text size="sm" fw={600}>
                {`${actor.name(entry.by, entry.byKind)} · ${side}`}
              </Text>
              <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
                {format.dateTime(entry.at)}
              </Text>
            </Group>
            <Text size="sm">{t(`bookings.action.${actionKey}`, { when, action: entry.action })}</Text>
            {entry.note ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {t("common.quoted", { text: entry.note })}
              </Text>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}

interface DateTimeFieldsProps {
  /** Where to read free slots from; null shows no slots. */
  scope: SlotsSource;
  date: string;
  time: string;
  onDateChange: (value: string) => void;
  onTimeChange: (value: string) => void;
  dateError?: React.ReactNode;
  timeError?: React.ReactNode;
  timeZone?: string | null;
}

/** Date input, the day's free hourly slots as chips (a click fills the time), and the time input. */
export function DateTimeFields({
  scope,
  date,
  time,
  onDateChange,
  onTimeChange,
  dateError,
  timeError,
  timeZone,
}: DateTimeFieldsProps) {
  const { t } = useTranslation();
  const slots = useBookingSlots(scope, date);
  const zone = timeZone ?? slots.data?.timeZone ?? null;
  const slotsId = useId();
  return (
    <Stack gap="sm">
      <TextInput
        type="date"
        label={t("bookings.form.date")}
        required
        value={date}
        onChange={(event) => onDateChange(event.currentTarget.value)}
        error={dateError}
      />
      {date && slots.isEnabled ? (
        <div>
          <Text size="sm" fw={500} mb={4} id={slotsId}>
            {t("bookings.form.freeSlots")}
          </Text>
          {slots.isPending ? (
            <Skeleton height={28} radius="xl" />
          ) : slots.isError ? (
            <Text size="sm" c="red.9">
              {t("errors.loadFailed")}
            </Text>
          ) : slots.data.slots.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("bookings.form.closed")}
            </Text>
          ) : (
            <Group gap={6} role="group" aria-labelledby={slotsId}>
              {slots.data.slots.map((slot) => (
                <Chip
                  key={slot.time}
                  size="sm"
                  checked={time === slot.time}
                  disabled={slot.free <= 0}
                  onChange={() => onTimeChange(slot.time)}
                  color={slot.free > 0 ? "blue" : "gray"}
                >
                  {t("bookings.form.slot", { time: slot.time, count: slot.free })}
                </Chip>
              ))}
            </Group>
          )}
        </div>
      ) : null}
      <TextInput
        type="time"
        label={t("bookings.form.time")}
        required
        step={300}
        value={time}
        onChange={(event) => onTimeChange(event.currentTarget.value)}
        description={zone ? t("bookings.form.timeZoneHint", { zone }) : undefined}
        error={timeError}
      />
    </Stack>
  );
}

/** A 409 conflict (someone else moved first): show the server's words and refetch everything booking. */
export function useMoveErrorHandler() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown): boolean => {
      if (isApiError(error) && error.status === 409 && error.hasType("conflict")) {
        notifications.show({
          color: "orange",
          title: t("bookings.conflictTitle"),
          message: error.detail,
          closeButtonProps: { "aria-label": t("common.close") },
        });
        void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
        return true;
      }
      return false;
    },
    [queryClient, t],
  );
}

/** The proposal currently on the table. */
export function ProposalSummary({
  booking,
  viewer = "shop",
}: {
  booking: BookingRequest;
  viewer?: BookingSide;
}) {
  const { t } = useTranslation();
  const clock = useWallClock();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {booking.proposedBy === "shop"
          ? t("bookings.proposedByShop")
          : viewer === "customer"
            ? t("bookings.portal.yourRequest")
            : t("bookings.proposedByCustomer")}
      </Text>
      <Text fw={700} size="lg">
        {clock.full(booking.proposedDate, booking.proposedTime, booking.timeZone)}
      </Text>
    </Stack>
  );
}

/** The last thing the shop said with its proposal (their note), if the shop proposed the current time. */
export function shopNote(booking: BookingRequest): string | null {
  if (booking.proposedBy !== "shop") return null;
  const entries = booking.history ?? [];
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (
      entry?.side === "shop" &&
      (entry.action === "suggest" || entry.action === "confirm" || entry.action === "submit")
    ) {
      return entry.note;
    }
  }
  return null;
}
