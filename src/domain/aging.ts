// Open items by age (issue #15): how long past its due date an unpaid invoice is, in whole days of
// the location's calendar, and the aging bucket an accountant reads it in. Dates are yyyy-mm-dd, so
// they compare as strings; an invoice with no due date yet (issued, never sent) is not yet due.
import { addDays } from "./invoice";

export const agingBuckets = ["not_due", "days_1_30", "days_31_60", "days_61_90", "days_over_90"] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** Whole days from the due date to today; 0 or less is not overdue. */
export function daysOverdue(dueDate: string | null, today: string): number {
  if (!dueDate) return 0;
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export function agingBucketOf(dueDate: string | null, today: string): AgingBucket {
  const days = daysOverdue(dueDate, today);
  if (days <= 0) return "not_due";
  if (days <= 30) return "days_1_30";
  if (days <= 60) return "days_31_60";
  if (days <= 90) return "days_61_90";
  return "days_over_90";
}

/**
 * The due dates a bucket holds on `today`, as a half-open range [from, to) where either end may be
 * open; `withoutDueDate` says whether invoices with no due date belong (only "not due" has them).
 * A query turns this into a range of the open-items index.
 */
export function dueDateRange(
  bucket: AgingBucket,
  today: string,
): { from: string | null; to: string | null; withoutDueDate: boolean } {
  // Overdue by d days means due date = today − d.
  const dueOn = (d: number) => addDays(today, -d);
  switch (bucket) {
    case "not_due":
      return { from: today, to: null, withoutDueDate: true };
    case "days_1_30":
      return { from: dueOn(30), to: today, withoutDueDate: false };
    case "days_31_60":
      return { from: dueOn(60), to: dueOn(30), withoutDueDate: false };
    case "days_61_90":
      return { from: dueOn(90), to: dueOn(60), withoutDueDate: false };
    case "days_over_90":
      return { from: null, to: dueOn(90), withoutDueDate: false };
  }
}
