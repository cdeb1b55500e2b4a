import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCalendarPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type BookingRequest, usePortalBookings } from "../bookings/bookingApi";
import { BookingStatusBadge, useWallClock } from "../bookings/bookingUi";
import { PageHeader } from "../shared/ui";
import { PAGE_SIZE, useListParams } from "../shared/useListParams";
import { PortalCardPage } from "./PortalCardPage";

export function PortalBookingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams();
  const query = usePortalBookings(list.offset, PAGE_SIZE);

  return (
    <>
      <PageHeader
        title={t("portal.bookingRequests")}
        actions={
          <Button
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
            onClick={() => navigate("/portal/bookings/new")}
          >
            {t("bookings.portal.submitRequest")}
          </Button>
        }
      />
      <PortalCardPage
        label={t("bookings.portal.listLabel")}
        query={query}
        card={(booking) => <BookingCard key={booking.id} booking={booking} />}
        empty={{
          icon: <IconCalendarPlus size={32} aria-hidden />,
          title: t("bookings.portal.empty"),
          description: t("bookings.portal.emptyHint"),
        }}
        limit={PAGE_SIZE}
        offset={list.offset}
        onOffsetChange={list.setOffset}
      />
    </>
  );
}

function BookingCard({ booking }: { booking: BookingRequest }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const clock = useWallClock();
  const to = `/portal/bookings/${booking.id}`;
  const yourMove = booking.nextMove === "customer";
  return (
    <Card component="li" withBorder radius="md" padding="md" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <Title order={2} size="h3" style={{ minWidth: 0 }}>
          <Anchor component={Link} to={to} inherit>
            {booking.plate ? `${booking.unitLabel} (${booking.plate})` : booking.unitLabel}
          </Anchor>
        </Title>
        <BookingStatusBadge status={booking.status} />
      </Group>
      <Stack gap={6}>
        <div>
          <Text size="xs" c="dimmed">
            {booking.proposedBy === "shop" ? t("bookings.proposedByShop") : t("bookings.portal.yourRequest")}
          </Text>
          <Text fw={600}>{clock.full(booking.proposedDate, booking.proposedTime, booking.timeZone)}</Text>
        </div>
        <Text size="sm">
          {booking.nextMove === "customer"
            ? t("bookings.portal.yourTurn")
            : booking.nextMove === "shop"
              ? t("bookings.portal.shopsTurn")
              : t("bookings.portal.settled")}
        </Text>
        {booking.notes ? (
          <Text
            size="sm"
            c="dimmed"
            lineClamp={3}
            style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}
          >
            {booking.notes}
          </Text>
        ) : null}
        {yourMove ? (
          <Button mt={4} onClick={() => navigate(to)}>
            {t("bookings.portal.review")}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}
