import { Anchor, Button, Table, Text } from "@mantine/core";
import { IconCalendarEvent, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { BOOKING_STATUSES, OPEN_STATUSES, useShopBookings } from "../../bookings/bookingApi";
import { BookingStatusBadge, useNextMoveLabel, useWallClock } from "../../bookings/bookingUi";
import {
  FilterSelect,
  ListFilters,
  ListPanel,
  ListRow,
  ListTable,
  useListTexts,
} from "../../shared/ListPanel";
import { useCan } from "../../shared/session";
import { PageHeader } from "../../shared/ui";
import { useListParams } from "../../shared/useListParams";

function statusParam(filter: string): string {
  if (filter === "" || filter === "open") return OPEN_STATUSES.join(",");
  if (filter === "all") return "";
  return filter;
}

export function BookingsPage() {
  const canWrite = useCan("bookings:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const clock = useWallClock();
  const nextMoveLabel = useNextMoveLabel();
  const list = useListParams(["status"], { minSearch: 3 });
  const filter = list.filters.status || "open";
  const query = useShopBookings({ status: statusParam(filter), q: list.q, offset: list.offset });
  const filtered = list.q !== "" || filter !== "open";
  const texts = useListTexts("bookings");

  const statusOptions = [
    { value: "open", label: t("bookings.filter.open") },
    ...BOOKING_STATUSES.map((status) => ({ value: status, label: t(`bookings.status.${status}`) })),
    { value: "all", label: t("bookings.filter.all") },
  ];

  return (
    <>
      <PageHeader
        title={t("bookings.title")}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={() => navigate("/shop/bookings/new")}
            >
              {t("bookings.newBooking")}
            </Button>
          ) : null
        }
      />

      <ListFilters list={list} busy={query.isFetching && !query.isPending} search={texts.search}>
        <FilterSelect
          label={t("bookings.filter.label")}
          data={statusOptions}
          value={filter}
          fallback="open"
          onChange={(value) => list.setFilter("status", value)}
        />
      </ListFilters>

      <ListPanel
        query={query}
        list={list}
        empty={texts.empty(<IconCalendarEvent size={32} aria-hidden />, Boolean(filtered))}
      >
        {(items) => (
          <ListTable
            minWidth={860}
            caption={t("bookings.tableCaption")}
            columns={[
              { label: t("bookings.col.customer") },
              { label: t("bookings.col.unit") },
              { label: t("bookings.col.proposed") },
              { label: t("bookings.col.status") },
              { label: t("bookings.col.nextMove") },
            ]}
          >
            {items.map((booking) => (
              <ListRow key={booking.id} to={`/shop/bookings/${booking.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/bookings/${booking.id}`} fw={600}>
                    {booking.customerName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {booking.unitLabel}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[booking.plate, booking.fleetNumber ? `#${booking.fleetNumber}` : null]
                      .filter(Boolean)
                      .join(" · ") || t("common.notSet")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{clock.short(booking.proposedDate, booking.proposedTime)}</Text>
                  <Text size="xs" c="dimmed">
                    {booking.timeZone}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <BookingStatusBadge status={booking.status} />
                </Table.Td>
                <Table.Td fw={booking.nextMove === "shop" ? 700 : undefined}>
                  {nextMoveLabel(booking.nextMove)}
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}
