// Appointments are wall-clock times in the location's IANA time zone ("Tuesday 08:30 in Berlin"),
// stored as local date + local time so a daylight-saving change never moves them. The instant is
// derived when it is needed (ordering against "now", calendar files).
import { DateTime } from "luxon";
import { DomainError } from "./errors";

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24 h */
  time: string;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(s: string): boolean {
  return datePattern.test(s) && DateTime.fromISO(s).isValid;
}

export function isLocalTime(s: string): boolean {
  return timePattern.test(s);
}

/**
 * The instant a wall-clock time in a zone stands for. A time that does not exist there (the hour
 * skipped when clocks go forward) is refused; a time that exists twice (the hour repeated when clocks
 * go back) means the first of the two, as a person reading a clock would assume.
 */
/**
 * Resolved instants by wall-clock time and zone: every dashboard request asks for the start of today
 * in the location's zone, and resolving it through Intl costs more than the rest of the request's
 * arithmetic. Bounded; a fresh Date is handed out each time (Dates are mutable).
 */
const resolved = new Map<string, number>();
const resolvedCap = 1024;

export function toInstant(local: LocalDateTime, zone: string, field = "time"): Date {
  const key = `${local.date}T${local.time} ${zone}`;
  const known = resolved.get(key);
  if (known !== undefined) return new Date(known);
  const instant = resolveInstant(local, zone, field);
  if (resolved.size >= resolvedCap) resolved.clear();
  resolved.set(key, instant.getTime());
  return instant;
}

function resolveInstant(local: LocalDateTime, zone: string, field: string): Date {
  const dt = DateTime.fromISO(`${local.date}T${local.time}`, { zone });
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== `${local.date}T${local.time}`) {
    throw new DomainError(
      "validation",
      `${local.date} ${local.time} does not exist in ${zone} (the clocks go forward).`,
      [{ field, message: "This time is skipped by the change to summer time. Choose another." }],
    );
  }
  // Luxon resolves a repeated hour to the later offset; step back an hour to see if it also exists earlier.
  const earlier = dt.minus({ hours: 1 });
  return earlier.toFormat("yyyy-MM-dd'T'HH:mm") === `${local.date}T${local.time}`
    ? earlier.toJSDate()
    : dt.toJSDate();
}

export function toLocal(instant: Date, zone: string): LocalDateTime {
  const dt = DateTime.fromJSDate(instant, { zone });
  return { date: dt.toFormat("yyyy-MM-dd"), time: dt.toFormat("HH:mm") };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date).weekday;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
