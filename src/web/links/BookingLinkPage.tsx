import "../shared/areaSetup";
import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { type BookingLinkView, type BookingRequest, bookingKeys } from "../bookings/bookingApi";
import { BookingStatusBadge, ProposalSummary, shopNote, useWallClock } from "../bookings/bookingUi";
import { CustomerMoves } from "../bookings/CustomerMoves";
import { LinkPageShell, LinkThanks, LinkUsed, useMailedLink } from "./LinkPageShell";

/** Public page behind the link mailed to customers without an account: /b/:token */
export default function BookingLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const clock = useWallClock();
  const [answered, setAnswered] = useState<BookingRequest | null>(null);
  const { query, linkProblem, onError } = useMailedLink<BookingLinkView>(
    bookingKeys.link(token),
    `/api/v1/links/booking/${encodeURIComponent(token)}`,
  );

  return (
    <LinkPageShell
      query={query}
      title={t("bookings.link.title")}
      subtitle={t("bookings.link.subtitle")}
      unavailable={t("bookings.link.unavailable")}
    >
      {({ booking, linkUsed }) => {
        const current = answered ?? booking;
        const note = shopNote(current);
        return (
          <Stack gap="md">
            {answered ? (
              <LinkThanks title={t("bookings.link.thanks")}>
                <Group gap="xs">
                  <Text size="sm">{t("bookings.link.newStatus")}</Text>
                  <BookingStatusBadge status={answered.status} />
                </Group>
              </LinkThanks>
            ) : linkUsed || linkProblem ? (
              <LinkUsed title={t("bookings.link.used")}>
                <Stack gap="xs">
                  {linkProblem ? <Text size="sm">{linkProblem}</Text> : null}
                  <Group gap="xs">
                    <Text size="sm">{t("bookings.link.currentStatus")}</Text>
                    <BookingStatusBadge status={booking.status} />
                  </Group>
                </Stack>
              </LinkUsed>
            ) : null}
            <Paper withBorder radius="md" p="md">
              <Stack gap="md">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Title order={2} size="h3">
                    {current.plate ? `${current.unitLabel} (${current.plate})` : current.unitLabel}
                  </Title>
                  <BookingStatusBadge status={current.status} />
                </Group>
                <ProposalSummary booking={current} viewer="customer" />
                {note ? (
                  <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                    {t("common.quoted", { text: note })}
                  </Text>
                ) : null}
                <Text size="sm" c="dimmed">
                  {t("bookings.link.requested", {
                    when: clock.full(current.requestedDate, current.requestedTime, current.timeZone),
                  })}
                </Text>
                {current.notes ? (
                  <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                    {current.notes}
                  </Text>
                ) : null}
                {!answered && !linkUsed && !linkProblem ? (
                  <CustomerMoves
                    booking={current}
                    basePath={`/api/v1/links/booking/${encodeURIComponent(token)}`}
                    scope={{ linkToken: token }}
                    onDone={(next) => {
                      setAnswered(next);
                    }}
                    onError={onError}
                  />
                ) : null}
              </Stack>
            </Paper>
          </Stack>
        );
      }}
    </LinkPageShell>
  );
}
