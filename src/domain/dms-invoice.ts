// An invoice the DMS issued and pushes to Pitlane: the DMS's number, lines and totals. Pitlane prices
// the lines itself (EN 16931 rounding, domain/money.ts) and refuses an invoice whose stated totals
// differ, a tax rate the shop's country does not charge, or another currency than the location's:
// a silently "corrected" invoice would no longer be the one the customer holds. Pure rules.

import { lineTaxErrors } from "./e-invoice/tax-category";
import type { FieldError } from "./errors";
import { type InvoiceLine, type InvoiceLineInput, maxInvoiceGross, priceLines } from "./invoice";
import type { Totals } from "./money";

/**
 * The VAT rates a shop charges, per country, in basis points. Germany: 19 % standard, 7 % reduced,
 * 0 % (exports, reverse charge, §13b UStG). A country not listed accepts the German set, the only
 * one Pitlane's shops are in today.
 */
const taxRatesByCountry: Record<string, readonly number[]> = {
  DE: [0, 700, 1900],
  AT: [0, 1000, 1300, 2000],
};

export function shopTaxRates(country: string): readonly number[] {
  return taxRatesByCountry[country] ?? taxRatesByCountry.DE!;
}

export interface PushedTotals {
  net: number;
  tax: number;
  gross: number;
}

/**
 * Pitlane's own numbers (app/support/numbers.ts: INV-2026-000123, CN-…) are drawn from a sequence per
 * location and year; a DMS number of that shape could take one Pitlane later draws, and its Issue
 * would then fail on the unique number. So a DMS's number may be anything but that shape.
 */
export const pitlaneNumberShape = /^(?:INV|CN)-\d{4}-\d+$/i;

export interface PushedInvoiceCheck {
  number?: string;
  currency: string;
  lines: readonly (InvoiceLineInput & { kind?: string | null | undefined })[];
  totals: PushedTotals;
}

export interface Shop {
  currency: string;
  country: string;
}

/**
 * The pushed invoice priced by Pitlane, or the fields that make it unusable (each named as the DMS
 * sent it: `currency`, `lines[2].taxRateBp`, `totals.gross`).
 */
export function checkPushedInvoice(
  input: PushedInvoiceCheck,
  shop: Shop,
): { ok: true; lines: InvoiceLine[]; totals: Totals } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  if (input.number !== undefined && pitlaneNumberShape.test(input.number.trim())) {
    fields.push({
      field: "number",
      message: "Numbers like INV-2026-000123 are Pitlane's own sequence: send the DMS's number scheme.",
    });
  }
  if (input.currency !== shop.currency) {
    fields.push({ field: "currency", message: `This location invoices in ${shop.currency}.` });
  }
  const rates = shopTaxRates(shop.country);
  input.lines.forEach((line, i) => {
    if (!rates.includes(line.taxRateBp)) {
      fields.push({
        field: `lines[${i}].taxRateBp`,
        message: `Use one of the shop's tax rates: ${rates.map((r) => `${r / 100} %`).join(", ")}.`,
      });
    }
  });
  fields.push(...lineTaxErrors(input.lines, (i, f) => `lines[${i}].${f}`));
  if (input.lines.length === 0) fields.push({ field: "lines", message: "Add at least one line." });
  if (fields.length > 0) return { ok: false, fields };
  let priced: ReturnType<typeof priceLines>;
  try {
    // A DMS says what a line is; its hours and pieces are the e-invoice's units unless it names one.
    priced = priceLines(input.lines.map((l) => ({ ...l, unitCode: l.unitCode ?? unitOfKind(l.kind) })));
  } catch {
    return {
      ok: false,
      fields: [{ field: "lines", message: "The lines add up to more than one invoice may be." }],
    };
  }
  for (const key of ["net", "tax", "gross"] as const) {
    if (input.totals[key] !== priced.totals[key]) {
      fields.push({
        field: `totals.${key}`,
        message: `The lines add up to ${priced.totals[key]} (${key}), not ${input.totals[key]}.`,
      });
    }
  }
  if (priced.totals.gross <= 0 || priced.totals.gross > maxInvoiceGross) {
    fields.push({ field: "totals.gross", message: "The total must be above zero." });
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, ...priced };
}

/** The unit a DMS line's kind implies: labour in hours, a part in pieces, anything else none. */
function unitOfKind(kind: string | null | undefined): string | undefined {
  const k = kind?.toLowerCase();
  if (k === "labour" || k === "labor") return "HUR";
  if (k === "part") return "H87";
  return undefined;
}
