import { DataList, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import {
  BookingDetailFrame,
  BookingHistoryCard,
  DeclineReasonItem,
  RequestedItem,
} from "../bookings/BookingDetailParts";
import { type BookingRequest, bookingKeys, usePortalBooking } from "../bookings/bookingApi";
import { ProposalSummary, shopNote, useMoveErrorHandler } from "../bookings/bookingUi";
import { CustomerMoves } from "../bookings/CustomerMoves";
import { notifySuccess } from "../shared/notify";

export function PortalBookingDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = usePortalBooking(id);
  return (
    <BookingDetailFrame
      query={query}
      back={{ to: "/portal/bookings", label: t("bookings.portal.backToList") }}
    >
      {(booking) => <PortalBookingDetail booking={booking} />}
    </BookingDetailFrame>
  );
}

function PortalBookingDetail({ booking }: { booking: BookingRequest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handleMoveError = useMoveErrorHandler();
  const note = shopNote(booking);

  return (
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
          <RequestedItem booking={booking} />
          <DataList.Item>
            <DataList.ItemLabel>{t("bookings.form.bookingNotes")}</DataList.ItemLabel>
            <DataList.ItemValue style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
              {booking.notes || t("common.notSet")}
            </DataList.ItemValue>
          </DataList.Item>
          <DeclineReasonItem booking={booking} />
        </DataList>
      </Paper>
      <BookingHistoryCard booking={booking} viewer="customer" />
    </Stack>
  );
}
