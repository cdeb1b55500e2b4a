// Default interest under German law (§288 BGB): the base rate (§247 BGB) plus 5 percentage points
// for a consumer, plus 9 for a business; and from a business debtor a flat €40 (§288(5)).
//
// The base rate is set by the Bundesbank on 1 January and 1 July and has been negative, so interest
// is computed day by day: each day of default carries the rate valid on that day. Days are counted
// exactly and the year has 365 days (the usual practice of German courts for §288 claims); the sum
// is rounded to the cent once, at the end.

export interface BaseRatePeriod {
  /** First day the rate applies (yyyy-mm-dd); it applies until the next period's first day. */
  from: string;
  /** Percent per year, in hundredths (basis points): -0.88 % is -88. */
  basisPoints: number;
}

/**
 * The Bundesbank's published base rates since 2013. A rate applies until the next row's day, so the
 * last one continues until a newer row is added: each 1 January and 1 July, add the published rate.
 */
export const baseRates: readonly BaseRatePeriod[] = [
  { from: "2013-01-01", basisPoints: -13 },
  { from: "2013-07-01", basisPoints: -38 },
  { from: "2014-01-01", basisPoints: -63 },
  { from: "2014-07-01", basisPoints: -73 },
  { from: "2015-01-01", basisPoints: -83 },
  { from: "2016-07-01", basisPoints: -88 },
  { from: "2023-01-01", basisPoints: 162 },
  { from: "2023-07-01", basisPoints: 312 },
  { from: "2024-01-01", basisPoints: 362 },
  { from: "2024-07-01", basisPoints: 337 },
  { from: "2025-01-01", basisPoints: 227 },
  { from: "2025-07-01", basisPoints: 127 },
];

export type Debtor = "private" | "business";

/** Percentage points above the base rate, in basis points (§288(1) and (2) BGB). */
export const marginBasisPoints: Record<Debtor, number> = { private: 500, business: 900 };

/** §288(5) BGB: €40 from a business debtor in default, in minor units. */
export const businessFlatFee = 4000;

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

export interface InterestPeriod {
  from: string;
  /** Last day included. */
  to: string;
  days: number;
  /** Base rate plus margin, in basis points. */
  basisPoints: number;
  /** Unrounded interest of the period, in minor units. */
  amount: number;
}

/**
 * Interest on `principal` (minor units) for every day after `dueDate` up to and including `until`,
 * split where the base rate changes. Nothing for a day not yet past the due date.
 */
export function defaultInterest(
  principal: number,
  debtor: Debtor,
  dueDate: string,
  until: string,
  rates: readonly BaseRatePeriod[] = baseRates,
): { total: number; periods: InterestPeriod[] } {
  const first = dayNumber(dueDate) + 1;
  const last = dayNumber(until);
  const periods: InterestPeriod[] = [];
  if (principal <= 0 || last < first) return { total: 0, periods };
  const margin = marginBasisPoints[debtor];
  for (let i = 0; i < rates.length; i++) {
    const start = Math.max(first, dayNumber(rates[i]!.from));
    const next = rates[i + 1];
    const end = Math.min(last, next ? dayNumber(next.from) - 1 : last);
    if (end < start) continue;
    const days = end - start + 1;
    const basisPoints = rates[i]!.basisPoints + margin;
    periods.push({
      from: new Date(start * 86_400_000).toISOString().slice(0, 10),
      to: new Date(end * 86_400_000).toISOString().slice(0, 10),
      days,
      basisPoints,
      amount: (principal * basisPoints * days) / (10_000 * 365),
    });
  }
  const total = Math.round(periods.reduce((sum, p) => sum + p.amount, 0));
  return { total: Math.max(0, total), periods };
}
