import { describe, expect, it } from "vitest";
import { checkBookingTime, checkCapacity, freeSlots } from "./booking-time";
import { DomainError } from "./errors";

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "07:30", closes: "17:00" }));
const now = new Date("2026-11-24T09:00:00Z"); // Tuesday 10:00 in Berlin

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.fields[0]?.field;
    throw e;
  }
  return undefined;
}

describe("booking times", () => {
  it("accepts a future time inside opening hours and returns its instant", () => {
    const instant = checkBookingTime({ date: "2026-11-25", time: "08:00" }, "Europe/Berlin", weekdays, now);
    expect(instant.toISOString()).toBe("2026-11-25T07:00:00.000Z");
  });

  it("refuses times in the past, on closed days and outside opening hours", () => {
    expect(
      fieldOf(() => checkBookingTime({ date: "2026-11-24", time: "09:30" }, "Europe/Berlin", weekdays, now)),
    ).toBe("time");
    expect(
      fieldOf(() => checkBookingTime({ date: "2026-11-29", time: "09:30" }, "Europe/Berlin", weekdays, now)),
    ).toBe("date");
    expect(
      fieldOf(() => checkBookingTime({ date: "2026-11-25", time: "17:00" }, "Europe/Berlin", weekdays, now)),
    ).toBe("time");
    expect(
      fieldOf(() => checkBookingTime({ date: "2026-11-25", time: "07:29" }, "Europe/Berlin", weekdays, now)),
    ).toBe("time");
    expect(
      fieldOf(() => checkBookingTime({ date: "2026-13-01", time: "09:00" }, "Europe/Berlin", weekdays, now)),
    ).toBe("date");
  });

  it("needs an explicit override beyond the hour's capacity", () => {
    expect(() => checkCapacity(1, 2, false)).not.toThrow();
    expect(() => checkCapacity(2, 2, false)).toThrow(/capacity/);
    expect(() => checkCapacity(2, 2, true)).not.toThrow();
  });

  it("lists the day's hourly slots with what is still free", () => {
    const slots = freeSlots(
      "2026-11-25",
      weekdays,
      new Map([
        ["08", 2],
        ["09", 1],
      ]),
      2,
    );
    expect(slots[0]).toEqual({ time: "08:00", free: 0 });
    expect(slots[1]).toEqual({ time: "09:00", free: 1 });
    expect(slots.at(-1)).toEqual({ time: "16:00", free: 2 });
    expect(freeSlots("2026-11-29", weekdays, new Map(), 2)).toEqual([]);
  });
});
