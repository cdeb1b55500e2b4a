import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { applyReading, checkReading } from "./readings";

const current = { odometerKm: 100_000, engineHours: 2_000 };

function errorOf(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("readings", () => {
  it("accepts readings that go up or stay the same", () => {
    expect(() => checkReading(current, { odometerKm: 100_000, engineHours: 2_001 })).not.toThrow();
    expect(() => checkReading(current, { odometerKm: 100_500, engineHours: null })).not.toThrow();
  });

  it("accepts any first reading", () => {
    expect(() =>
      checkReading({ odometerKm: null, engineHours: null }, { odometerKm: 5, engineHours: 1 }),
    ).not.toThrow();
  });

  it("refuses an odometer reading lower than the last one, naming the field", () => {
    const e = errorOf(() => checkReading(current, { odometerKm: 99_999, engineHours: null }));
    expect(e.code).toBe("reading-goes-backwards");
    expect(e.fields).toEqual([{ field: "odometerKm", message: expect.stringContaining("100000 km") }]);
  });

  it("refuses lower engine hours too", () => {
    const e = errorOf(() => checkReading(current, { odometerKm: null, engineHours: 1_999 }));
    expect(e.fields.map((f) => f.field)).toEqual(["engineHours"]);
  });

  it("allows a lower reading as an explicit correction with a note", () => {
    expect(() =>
      checkReading(current, {
        odometerKm: 20,
        engineHours: null,
        override: true,
        note: "Instrument cluster replaced",
      }),
    ).not.toThrow();
  });

  it("requires a note for a correction", () => {
    const e = errorOf(() =>
      checkReading(current, { odometerKm: 20, engineHours: null, override: true, note: "  " }),
    );
    expect(e.code).toBe("validation");
    expect(e.fields[0]?.field).toBe("note");
  });

  it("requires at least one value", () => {
    expect(errorOf(() => checkReading(current, { odometerKm: null, engineHours: null })).code).toBe(
      "validation",
    );
  });

  it("keeps the counter a reading does not carry", () => {
    expect(applyReading(current, { odometerKm: 100_100, engineHours: null })).toEqual({
      odometerKm: 100_100,
      engineHours: 2_000,
    });
  });
});
