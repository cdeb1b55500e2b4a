import { describe, expect, it } from "vitest";
import { formatDay, formatKm, formatMoney } from "./locale-format";

// Intl separates amount and sign with a no-break space; readers see a space.
const plain = (s: string) => s.replace(/\u00a0|\u202f/g, " ");

describe("formatting for the reader", () => {
  it("writes amounts the German and the English way", () => {
    expect(plain(formatMoney(123_456, "EUR", "de"))).toBe("1.234,56 €");
    expect(formatMoney(123_456, "EUR", "en")).toBe("€1,234.56");
    expect(plain(formatMoney(-500, "EUR", "de"))).toBe("-5,00 €");
    expect(plain(formatMoney(1_000, "JPY", "de"))).toBe("1.000 ¥");
  });

  it("writes a calendar day without shifting it, whatever the zone", () => {
    expect(formatDay("2026-12-15", "de")).toBe("15.12.2026");
    expect(formatDay("2026-12-15", "en")).toBe("15 Dec 2026");
    expect(formatDay("2026-01-01", "de")).toBe("01.01.2026");
    expect(formatDay("not a day", "en")).toBe("not a day");
  });

  it("writes readings with the reader's digit grouping", () => {
    expect(formatKm(120_000, "de")).toBe("120.000 km");
    expect(formatKm(120_000, "en")).toBe("120,000 km");
  });
});
