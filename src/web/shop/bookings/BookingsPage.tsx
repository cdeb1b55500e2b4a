import { Anchor, Button, Group, Select, Table, Text } from "@mantine/core";
import { IconCalendarEvent, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { BOOKING_STATUSES, OPEN_STATUSES, useShopBookings } from "../../bookings/bookingApi";
import { BookingStatusBadge, useNextMoveLabel, useWallClock } from "../../bookings/bookingUi";
import { ListPanel, SearchField } from "../../shared/ListPanel";
import { rowClick } from "../../shared/rowClick";
import { ScrollTable } from "../../shared/ScrollTable";
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

      <Group mb="md" align="flex-end" gap="sm">
        <Select
          label={t("bookings.filter.label")}
          data={statusOptions}
          value={filter}
          onChange={(value) => list.setFilter("status", value && value !== "open" ? value : "")}
          allowDeselect={false}
          w={220}
        />
        <SearchField
          label={t("bookings.search")}
          placeholder={t("bookings.searchPlaceholder")}
          description={t("common.searchMinLength")}
          list={list}
          busy={query.isFetching && !query.isPending}
        />
      </Group>

      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconCalendarEvent size={32} aria-hidden />,
          filtered: Boolean(filtered),
          title: filtered ? t("bookings.noMatch") : t("bookings.empty"),
          hint: filtered ? t("bookings.noMatchHint") : t("bookings.emptyHint"),
          clearLabel: t("bookings.clearFilters"),
        }}
      >
        {(items) => (
          <ScrollTable minWidth={860} label={t("bookings.tableCaption")}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={t("bookings.tableCaption")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("bookings.col.customer")}</Table.Th>
                  <Table.Th scope="col">{t("bookings.col.unit")}</Table.Th>
                  <Table.Th scope="col">{t("bookings.col.proposed")}</Table.Th>
                  <Table.Th scope="col">{t("bookings.col.status")}</Table.Th>
                  <Table.Th scope="col">{t("bookings.col.nextMove")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((booking) => (
                  <Table.Tr
                    key={booking.id}
                    className="pl-clickable-row"
                    onClick={rowClick(navigate, `/shop/bookings/${booking.id}`)}
                  >
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
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </ListPanel>
    </>
  );
}
