// What the shop's and the customer's booking detail pages share: loading and failing under the
// back link, the title with the status, the decline reason and the history card.
import { DataList, Group, Paper, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BackLink } from "../shared/BackLink";
import { DetailSkeleton, PageHeader, QueryError } from "../shared/ui";
import type { BookingRequest, BookingSide } from "./bookingApi";
import { BookingHistory, BookingStatusBadge, useWallClock } from "./bookingUi";

/**
 * A booking's page under its back link: a skeleton while loading, the error with a retry if it
 * fails, else the title with the status and the page's own content.
 */
export function BookingDetailFrame({
  query,
  back,
  children,
}: {
  query: UseQueryResult<BookingRequest>;
  back: { to: string; label: string };
  children: (booking: BookingRequest) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <DetailSkeleton />;
  const backLink = <BackLink to={back.to}>{back.label}</BackLink>;
  if (query.isError) {
    return (
      <>
        {backLink}
        <PageHeader title={t("bookings.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const booking = query.data;
  return (
    <>
      {backLink}
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span>{t("bookings.detailTitle")}</span>
            <BookingStatusBadge status={booking.status} size="lg" />
          </Group>
        }
        documentTitle={t("bookings.detailTitle")}
      />
      {children(booking)}
    </>
  );
}

/** When the customer asked for: a DataList row. */
export function RequestedItem({ booking }: { booking: BookingRequest }) {
  const { t } = useTranslation();
  const clock = useWallClock();
  return (
    <DataList.Item>
      <DataList.ItemLabel>{t("bookings.requested")}</DataList.ItemLabel>
      <DataList.ItemValue>
        {clock.full(booking.requestedDate, booking.requestedTime, booking.timeZone)}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Why the shop declined, when it did: a DataList row. */
export function DeclineReasonItem({ booking }: { booking: BookingRequest }) {
  const { t } = useTranslation();
  if (!booking.declineReason) return null;
  return (
    <DataList.Item>
      <DataList.ItemLabel>{t("bookings.declineReason")}</DataList.ItemLabel>
      <DataList.ItemValue style={{ whiteSpace: "pre-line" }}>{booking.declineReason}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function BookingHistoryCard({ booking, viewer }: { booking: BookingRequest; viewer: BookingSide }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={viewer === "shop" ? "lg" : { base: "md", sm: "lg" }}>
      <Title order={2} mb="md">
        {t("bookings.history")}
      </Title>
      <BookingHistory entries={booking.history ?? []} viewer={viewer} />
    </Paper>
  );
}
