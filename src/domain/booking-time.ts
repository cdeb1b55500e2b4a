// When a booking may be: a real wall-clock time, not in the past, inside the location's opening
// hours for that weekday. Capacity (bookings per hour) is checked when a booking is confirmed.
import { DomainError } from "./errors";
import { isLocalDate, isLocalTime, type LocalDateTime, minutesOf, toInstant, weekdayOf } from "./wall-clock";

export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

export function checkBookingTime(
  at: LocalDateTime,
  zone: string,
  hours: readonly OpeningHours[],
  now: Date,
  fields = { date: "date", time: "time" },
): Date {
  if (!isLocalDate(at.date)) throw invalid(fields.date, "Enter a date as YYYY-MM-DD.");
  if (!isLocalTime(at.time)) throw invalid(fields.time, "Enter a time as HH:MM (24 h).");
  const instant = toInstant(at, zone, fields.time);
  if (instant.getTime() <= now.getTime())
    throw invalid(fields.time, "This time has already passed. Choose a later one.");
  const day = hours.find((h) => h.weekday === weekdayOf(at.date));
  if (!day) throw invalid(fields.date, "The shop is closed on this day.");
  const minutes = minutesOf(at.time);
  if (minutes < minutesOf(day.opens) || minutes >= minutesOf(day.closes)) {
    throw invalid(fields.time, `The shop is open from ${day.opens} to ${day.closes} on this day.`);
  }
  return instant;
}

/** Bookings already confirmed in the same hour, against the location's capacity per hour. */
export function checkCapacity(confirmedInHour: number, capacityPerHour: number, override: boolean): void {
  if (confirmedInHour >= capacityPerHour && !override) {
    throw new DomainError(
      "capacity-exceeded",
      `This hour already has ${confirmedInHour} confirmed booking(s), the capacity is ${capacityPerHour}. Confirm anyway only on purpose.`,
      [{ field: "overrideCapacity", message: "Tick to confirm beyond the hour's capacity." }],
    );
  }
}

const invalid = (field: string, message: string) =>
  new DomainError("validation", message, [{ field, message }]);

/** Free hourly slots of a day: opening hours split into hours, minus those at capacity. */
export function freeSlots(
  date: string,
  hours: readonly OpeningHours[],
  confirmedPerHour: ReadonlyMap<string, number>,
  capacityPerHour: number,
): { time: string; free: number }[] {
  const day = hours.find((h) => h.weekday === weekdayOf(date));
  if (!day) return [];
  const slots: { time: string; free: number }[] = [];
  for (let m = Math.ceil(minutesOf(day.opens) / 60) * 60; m < minutesOf(day.closes); m += 60) {
    const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:00`;
    const free = capacityPerHour - (confirmedPerHour.get(time.slice(0, 2)) ?? 0);
    slots.push({ time, free: Math.max(0, free) });
  }
  return slots;
}

/** What a new location starts with: weekdays 07:30–17:30, Saturday morning. */
export const defaultOpeningHours: readonly OpeningHours[] = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "07:30", closes: "17:30" })),
  { weekday: 6, opens: "08:00", closes: "12:00" },
];
