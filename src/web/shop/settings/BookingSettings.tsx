// Opening hours per weekday and bookings per hour: what booking requests are checked against.
// Admins edit them; everyone else sees them.
import { Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { DetailSkeleton, FormError, QueryError } from "../../shared/ui";
import type { LocationSettings } from "../../types";
import { SettingsSection } from "./SettingsSection";

interface Day {
  weekday: number;
  opens: string;
  closes: string;
}

interface DayRow {
  weekday: number;
  open: boolean;
  opens: string;
  closes: string;
}

const hoursKey = ["settings", "opening-hours"] as const;
const weekdays = [1, 2, 3, 4, 5, 6, 7];
type WeekdayKey = "1" | "2" | "3" | "4" | "5" | "6" | "7";

function toRows(days: Day[]): DayRow[] {
  return weekdays.map((weekday) => {
    const day = days.find((d) => d.weekday === weekday);
    return { weekday, open: Boolean(day), opens: day?.opens ?? "08:00", closes: day?.closes ?? "17:00" };
  });
}

export function BookingSettings({ location, canEdit }: { location: LocationSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const hours = useQuery({
    queryKey: hoursKey,
    queryFn: ({ signal }) => api.get<{ days: Day[] }>("/api/v1/settings/opening-hours", undefined, signal),
  });
  return (
    <SettingsSection
      title={t("settings.bookingTitle")}
      hint={t("settings.bookingHint", { zone: location.timeZone })}
    >
      {hours.isPending ? (
        <DetailSkeleton />
      ) : hours.isError ? (
        <QueryError error={hours.error} onRetry={() => void hours.refetch()} />
      ) : (
        <BookingSettingsForm
          key={hours.dataUpdatedAt}
          days={hours.data.days}
          location={location}
          canEdit={canEdit}
        />
      )}
    </SettingsSection>
  );
}

function BookingSettingsForm({
  days,
  location,
  canEdit,
}: {
  days: Day[];
  location: LocationSettings;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => toRows(days));
  const [capacity, setCapacity] = useState<number | string>(location.bookingCapacityPerHour ?? 2);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const update = (weekday: number, change: Partial<DayRow>) =>
    setRows((current) => current.map((r) => (r.weekday === weekday ? { ...r, ...change } : r)));
  const invalidDay = rows.find((r) => r.open && r.opens >= r.closes);

  const save = async () => {
    setError(null);
    if (invalidDay) {
      setError(t("settings.hoursOrder"));
      return;
    }
    setSaving(true);
    try {
      await api.put("/api/v1/settings/opening-hours", {
        days: rows.filter((r) => r.open).map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
      });
      if (Number(capacity) !== location.bookingCapacityPerHour) {
        await api.patch("/api/v1/settings/location", {
          version: location.version,
          bookingCapacityPerHour: Number(capacity),
        });
      }
      await queryClient.invalidateQueries({ queryKey: ["settings"] });
      notifySuccess(t("settings.bookingSaved"));
    } catch (e) {
      setError(isApiError(e) ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Caption>{t("settings.hoursCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.weekday")}</Table.Th>
              <Table.Th>{t("settings.open")}</Table.Th>
              <Table.Th>{t("settings.opens")}</Table.Th>
              <Table.Th>{t("settings.closes")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const day: string = t(`settings.weekdays.${String(r.weekday) as WeekdayKey}`);
              return (
                <Table.Tr key={r.weekday}>
                  <Table.Td>{day}</Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t("settings.openOn", { day })}
                      checked={r.open}
                      disabled={!canEdit}
                      onChange={(e) => update(r.weekday, { open: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={t("settings.opensOn", { day })}
                      value={r.opens}
                      disabled={!canEdit || !r.open}
                      onChange={(e) => update(r.weekday, { opens: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="time"
                      aria-label={t("settings.closesOn", { day })}
                      value={r.closes}
                      disabled={!canEdit || !r.open}
                      error={r.open && r.opens >= r.closes ? t("settings.hoursOrder") : undefined}
                      onChange={(e) => update(r.weekday, { closes: e.currentTarget.value })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <NumberInput
        label={t("settings.capacity")}
        description={t("settings.capacityHint")}
        min={1}
        max={100}
        allowDecimal={false}
        value={capacity}
        disabled={!canEdit}
        onChange={setCapacity}
        maw={320}
      />
      <FormError message={error} />
      {canEdit ? (
        <Group>
          <Button onClick={() => void save()} loading={saving}>
            {t("settings.saveBooking")}
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("settings.readOnly")}
        </Text>
      )}
    </Stack>
  );
}
