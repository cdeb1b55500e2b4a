import { describe, expect, it } from "vitest";
import { businessFlatFee, defaultInterest } from "./default-interest";

describe("default interest (§288 BGB)", () => {
  it("runs from the day after the due date: €1,000 owed by a consumer for 30 days in 2025-H2", () => {
    // 1.27 % + 5 = 6.27 % p.a.; 100,000 × 6.27 % × 30/365 = 515.34 cents.
    const { total, periods } = defaultInterest(100_000, "private", "2025-09-30", "2025-10-30");
    expect(periods).toEqual([
      expect.objectContaining({ from: "2025-10-01", to: "2025-10-30", days: 30, basisPoints: 627 }),
    ]);
    expect(total).toBe(515);
  });

  it("splits the days where the base rate changes on 1 July (business: 9 points)", () => {
    // €5,000 due 2025-06-15, paid on 2025-07-15. 15 days at 2.27 + 9 = 11.27 % and 15 days at
    // 1.27 + 9 = 10.27 %: 500,000 × (0.1127 × 15 + 0.1027 × 15)/365 = 2,315.75 + 2,110.27 = 4,426.03.
    const { total, periods } = defaultInterest(500_000, "business", "2025-06-15", "2025-07-15");
    expect(periods.map((p) => [p.from, p.to, p.days, p.basisPoints])).toEqual([
      ["2025-06-16", "2025-06-30", 15, 1127],
      ["2025-07-01", "2025-07-15", 15, 1027],
    ]);
    expect(total).toBe(4_426);
  });

  it("takes a negative base rate as it was (2022: -0.88 %, so 4.12 % for a consumer)", () => {
    // €2,000 due 2022-12-21, to 2023-01-10: 10 days at 4.12 %, 10 days at 1.62 + 5 = 6.62 %.
    // 200,000 × (0.0412 × 10 + 0.0662 × 10)/365 = 225.75 + 362.74 = 588.49.
    const { total, periods } = defaultInterest(200_000, "private", "2022-12-21", "2023-01-10");
    expect(periods.map((p) => p.basisPoints)).toEqual([412, 662]);
    expect(total).toBe(588);
  });

  it("is nothing on or before the due date, or with nothing owed", () => {
    expect(defaultInterest(100_000, "private", "2026-01-10", "2026-01-10").total).toBe(0);
    expect(defaultInterest(0, "business", "2026-01-10", "2026-03-10").total).toBe(0);
    expect(businessFlatFee).toBe(4_000);
  });
});
