// Invoices (DESIGN.md §4): lines with tax rates, totals as EN 16931 computes them (each line's net
// rounded once, tax per rate on the sum), dates and terms. Pure rules; storage lives in app/.

import { checkLineTax, type TaxCategory } from "./e-invoice/tax-category";
import { DomainError, type FieldError } from "./errors";
import { lineNet, type Totals, totals } from "./money";

export interface InvoiceLine {
  description: string;
  partNumber: string | null;
  /** Hours for labour, pieces for parts, in thousandths. */
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
  /**
   * E-invoice facts (issue #16), absent on lines written before them: the UN/ECE Rec 20 unit (HUR
   * for hours, H87 for pieces, LTR for litres), the VAT category (S, Z, E, AE, K, G, O) and, for an
   * exempt line, the reason in words. Absent, they follow from the line (e-invoice/tax-category.ts).
   */
  unitCode?: string | undefined;
  taxCategory?: TaxCategory | undefined;
  taxExemptionReason?: string | undefined;
}

export type InvoiceLineInput = Omit<InvoiceLine, "net" | "partNumber"> & { partNumber?: string | null };

export function priceLines(lines: readonly InvoiceLineInput[]): { lines: InvoiceLine[]; totals: Totals } {
  checkLineTax(lines);
  const priced = lines.map((l) => {
    const line: InvoiceLine = {
      description: l.description,
      partNumber: l.partNumber ?? null,
      quantityMilli: l.quantityMilli,
      unitPrice: l.unitPrice,
      taxRateBp: l.taxRateBp,
      net: lineNet(l.quantityMilli, l.unitPrice),
    };
    // Only what was given: lines without e-invoice facts stay as they were stored before them.
    if (l.unitCode) line.unitCode = l.unitCode;
    if (l.taxCategory) line.taxCategory = l.taxCategory;
    if (l.taxExemptionReason) line.taxExemptionReason = l.taxExemptionReason;
    return line;
  });
  const result = { lines: priced, totals: totals(priced) };
  checkStorableTotal(result.totals);
  return result;
}

/**
 * The most an invoice may total, in minor units: amounts (paid, open, refunded) are PostgreSQL
 * integers. Lines that are each within their limits can still add up to more.
 */
export const maxInvoiceGross = 2_147_483_647;

export function checkStorableTotal(t: Totals) {
  if (t.gross > maxInvoiceGross || t.net > maxInvoiceGross) {
    throw new DomainError("validation", "The invoice's total is larger than one invoice may be.", [
      { field: "lines", message: "Split the work over several invoices." },
    ]);
  }
}

/** An invoice can be issued when it has lines, a positive total and a service date. */
export function checkIssuable(invoice: {
  lines: readonly InvoiceLine[];
  totals: Totals;
  serviceDate: string | null;
}) {
  const fields: FieldError[] = [];
  if (invoice.lines.length === 0) fields.push({ field: "lines", message: "Add at least one line." });
  else if (invoice.totals.gross <= 0)
    fields.push({ field: "lines", message: "The total must be above zero." });
  if (!invoice.serviceDate) fields.push({ field: "serviceDate", message: "Enter the date of the service." });
  if (fields.length > 0) throw new DomainError("validation", "The invoice is not complete yet.", fields);
}

/** yyyy-mm-dd plus days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A credit note reverses at most what is left of the invoice. */
export function checkCredit(invoiceGross: number, alreadyCredited: number, creditGross: number) {
  if (creditGross <= 0) {
    throw new DomainError("validation", "A credit note needs an amount.", [
      { field: "lines", message: "Add what to credit." },
    ]);
  }
  if (alreadyCredited + creditGross > invoiceGross) {
    throw new DomainError(
      "validation",
      "A credit note cannot credit more than what is left of the invoice.",
      [{ field: "lines", message: "Credit at most what is left of the invoice." }],
    );
  }
}
