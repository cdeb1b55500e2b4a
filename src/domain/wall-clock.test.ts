import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { isLocalDate, isLocalTime, toInstant, toLocal, weekdayOf } from "./wall-clock";

const berlin = "Europe/Berlin";

describe("wall-clock times in a zone", () => {
  it("keeps 08:30 at 08:30 on both sides of the October change", () => {
    // Sat 24 Oct 2026 is summer time (UTC+2), Mon 26 Oct winter time (UTC+1).
    expect(toInstant({ date: "2026-10-24", time: "08:30" }, berlin).toISOString()).toBe(
      "2026-10-24T06:30:00.000Z",
    );
    expect(toInstant({ date: "2026-10-26", time: "08:30" }, berlin).toISOString()).toBe(
      "2026-10-26T07:30:00.000Z",
    );
    expect(toLocal(new Date("2026-10-26T07:30:00Z"), berlin)).toEqual({ date: "2026-10-26", time: "08:30" });
  });

  it("keeps 08:30 at 08:30 across the March change", () => {
    expect(toInstant({ date: "2027-03-27", time: "08:30" }, berlin).toISOString()).toBe(
      "2027-03-27T07:30:00.000Z",
    );
    expect(toInstant({ date: "2027-03-29", time: "08:30" }, berlin).toISOString()).toBe(
      "2027-03-29T06:30:00.000Z",
    );
  });

  it("refuses the hour skipped in March", () => {
    expect(() => toInstant({ date: "2027-03-28", time: "02:30" }, berlin)).toThrow(DomainError);
  });

  it("reads the repeated hour in October as the first one", () => {
    expect(toInstant({ date: "2026-10-25", time: "02:30" }, berlin).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("validates dates, times and weekdays", () => {
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalTime("24:00")).toBe(false);
    expect(isLocalTime("07:05")).toBe(true);
    expect(weekdayOf("2026-11-24")).toBe(2);
  });
});
