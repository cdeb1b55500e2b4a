// Money is an integer of minor units with an ISO 4217 currency; nothing else in the product does
// arithmetic or rounding on amounts. Rounding follows EN 16931: each line's net amount is rounded to
// the currency's minor unit, tax is computed per tax-rate category on the sum of those line amounts.

export interface Money {
  /** Minor units (cents for EUR); always a safe integer. */
  amount: number;
  currency: string;
}

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, KWD 3), from the runtime's ISO 4217 data. */
export function minorUnits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** An amount of minor units as a reader of the language writes it: "€238.00", "238,00 €". */
export function formatMoney(amount: number, currency: string, language: "en" | "de"): string {
  return new Intl.NumberFormat(language === "de" ? "de-DE" : "en-GB", { style: "currency", currency }).format(
    amount / 10 ** minorUnits(currency),
  );
}

/**
 * Divides and rounds half away from zero (the commercial rounding EN 16931 expects), exactly, on
 * integers: no floating-point step can turn 0.5 into 0.4999….
 */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** Quantities (hours, litres, pieces) are thousandths: 1.5 h is 1500. */
export const QUANTITY_SCALE = 1000;

/** A line's net amount: quantity × unit price, rounded once to the minor unit. */
export function lineNet(quantityMilli: number, unitPrice: number): number {
  assertSafe(quantityMilli, "quantity");
  assertSafe(unitPrice, "unit price");
  return Number(divRound(BigInt(quantityMilli) * BigInt(unitPrice), BigInt(QUANTITY_SCALE)));
}

/** Tax rates are basis points: 19 % is 1900. */
export function taxOn(net: number, rateBp: number): number {
  assertSafe(net, "net amount");
  return Number(divRound(BigInt(net) * BigInt(rateBp), 10_000n));
}

export interface TaxableLine {
  net: number;
  taxRateBp: number;
}

export interface TaxBreakdown {
  rateBp: number;
  net: number;
  tax: number;
}

export interface Totals {
  net: number;
  tax: number;
  gross: number;
  byRate: TaxBreakdown[];
}

/** Totals of rounded line amounts, with tax per rate category (highest rate first). */
export function totals(lines: readonly TaxableLine[]): Totals {
  const perRate = new Map<number, number>();
  for (const line of lines) perRate.set(line.taxRateBp, (perRate.get(line.taxRateBp) ?? 0) + line.net);
  const byRate = [...perRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, net]) => ({ rateBp, net, tax: taxOn(net, rateBp) }));
  const net = byRate.reduce((s, r) => s + r.net, 0);
  const tax = byRate.reduce((s, r) => s + r.tax, 0);
  return { net, tax, gross: net + tax, byRate };
}

/** Parses a decimal amount a person typed ("12,50" or "12.50") into minor units, or undefined. */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = minorUnits(currency);
  const m = /^\s*(-)?(\d{1,12})(?:[.,](\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? "";
  if (fraction.length > digits) return undefined;
  const value = Number(m[2]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return m[1] ? -value : value;
}

function assertSafe(n: number, what: string) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number of minor units`);
}
