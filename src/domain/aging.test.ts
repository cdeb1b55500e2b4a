import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AgingBucket, agingBucketOf, agingBuckets, daysOverdue, dueDateRange } from "./aging";
import { addDays } from "./invoice";

describe("aging of open items", () => {
  it("counts whole calendar days past the due date", () => {
    expect(daysOverdue("2026-11-30", "2026-12-03")).toBe(3);
    expect(daysOverdue("2026-12-03", "2026-12-03")).toBe(0);
    expect(daysOverdue("2026-12-10", "2026-12-03")).toBe(-7);
    expect(daysOverdue(null, "2026-12-03")).toBe(0);
    // Across the end of March (daylight saving time in Europe does not shorten a calendar day).
    expect(daysOverdue("2026-03-28", "2026-04-01")).toBe(4);
  });

  it("puts each age in its bucket, the edges where an accountant expects them", () => {
    const today = "2026-12-03";
    const cases: [number, AgingBucket][] = [
      [-5, "not_due"],
      [0, "not_due"],
      [1, "days_1_30"],
      [30, "days_1_30"],
      [31, "days_31_60"],
      [60, "days_31_60"],
      [61, "days_61_90"],
      [90, "days_61_90"],
      [91, "days_over_90"],
      [400, "days_over_90"],
    ];
    for (const [days, bucket] of cases) expect(agingBucketOf(addDays(today, -days), today)).toBe(bucket);
    expect(agingBucketOf(null, today)).toBe("not_due");
  });

  it("gives each bucket the due-date range that holds exactly its invoices", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 800 }), fc.integer({ min: 0, max: 3000 }), (days, offset) => {
        const today = addDays("2024-01-01", offset);
        const due = addDays(today, -days);
        const holding = agingBuckets.filter((bucket) => {
          const { from, to } = dueDateRange(bucket, today);
          return (from === null || due >= from) && (to === null || due < to);
        });
        expect(holding).toEqual([agingBucketOf(due, today)]);
      }),
    );
    expect(dueDateRange("not_due", "2026-12-03").withoutDueDate).toBe(true);
    expect(dueDateRange("days_1_30", "2026-12-03").withoutDueDate).toBe(false);
  });
});
