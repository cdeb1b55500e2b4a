import { Anchor, DataList, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { bookingKeys, usePortalBooking } from "../bookings/bookingApi";
import {
  BookingHistory,
  BookingStatusBadge,
  ProposalSummary,
  shopNote,
  useMoveErrorHandler,
  useWallClock,
} from "../bookings/bookingUi";
import { CustomerMoves } from "../bookings/CustomerMoves";
import { notifySuccess } from "../shared/notify";
import { DetailSkeleton, PageHeader, QueryError } from "../shared/ui";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/portal/bookings" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("bookings.portal.backToList")}
    </Anchor>
  );
}

export function PortalBookingDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = usePortalBooking(id);
  const queryClient = useQueryClient();
  const handleMoveError = useMoveErrorHandler();
  const clock = useWallClock();

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("bookings.detailTitle")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const booking = query.data;
  const note = shopNote(booking);

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span>{t("bookings.detailTitle")}</span>
            <BookingStatusBadge status={booking.status} size="lg" />
          </Group>
        }
        documentTitle={t("bookings.detailTitle")}
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Stack gap="md">
            <ProposalSummary booking={booking} viewer="customer" />
            {note ? (
              <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {t("common.quoted", { text: note })}
              </Text>
            ) : null}
            <Text size="sm" fw={600}>
              {booking.nextMove === "customer"
                ? t("bookings.portal.yourTurn")
                : booking.nextMove === "shop"
                  ? t("bookings.portal.shopsTurn")
                  : t("bookings.portal.settled")}
            </Text>
            <CustomerMoves
              booking={booking}
              basePath={`/api/v1/portal/booking-requests/${encodeURIComponent(booking.id)}`}
              scope="portal"
              onDone={(next, move) => {
                queryClient.setQueryData(bookingKeys.portalDetail(next.id), next);
                void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
                notifySuccess(t(`bookings.done.${move}`));
              }}
              onError={handleMoveError}
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Title order={2} mb="md">
            {t("bookings.request")}
          </Title>
          <DataList labelWidth="9rem">
            <DataList.Item>
              <DataList.ItemLabel>{t("bookings.col.unit")}</DataList.ItemLabel>
              <DataList.ItemValue>
                {booking.plate ? `${booking.unitLabel} (${booking.plate})` : booking.unitLabel}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("bookings.requested")}</DataList.ItemLabel>
              <DataList.ItemValue>
                {clock.full(booking.requestedDate, booking.requestedTime, booking.timeZone)}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("bookings.form.bookingNotes")}</DataList.ItemLabel>
              <DataList.ItemValue style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {booking.notes || t("common.notSet")}
              </DataList.ItemValue>
            </DataList.Item>
            {booking.declineReason ? (
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.declineReason")}</DataList.ItemLabel>
                <DataList.ItemValue style={{ whiteSpace: "pre-line" }}>
                  {booking.declineReason}
                </DataList.ItemValue>
              </DataList.Item>
            ) : null}
          </DataList>
        </Paper>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Title order={2} mb="md">
            {t("bookings.history")}
          </Title>
          <BookingHistory entries={booking.history ?? []} viewer="customer" />
        </Paper>
      </Stack>
    </>
  );
}
