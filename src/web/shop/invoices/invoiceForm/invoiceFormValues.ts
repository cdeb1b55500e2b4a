// The invoice form's values: lines as typed (text, read as numbers only when sent), and the way back
// from the server's field paths to the form's.
import type { FormErrors, UseFormReturnType } from "@mantine/form";
import { randomId } from "@mantine/hooks";
import { isApiError } from "../../../api";
import { parseScaled } from "../../../estimates/estimateApi";
import { normaliseField } from "../../../shared/forms";
import type { InvoiceLine, InvoiceLineInput, TaxCategory, UnitCode } from "../invoiceApi";

export interface LineValues {
  key: string;
  description: string;
  partNumber: string;
  quantity: string;
  price: string;
  taxRate: string;
  /** "" for the server's unit (C62). */
  unitCode: string;
  /** "" for automatic. */
  taxCategory: string;
  taxExemptionReason: string;
}

export interface InvoiceValues {
  customerId: string;
  unitId: string;
  lines: LineValues[];
  serviceDate: string;
  dueDate: string;
  poNumber: string;
  note: string;
}

export const emptyLine = (): LineValues => ({
  key: randomId(),
  description: "",
  partNumber: "",
  quantity: "1",
  price: "",
  taxRate: "1900",
  unitCode: "",
  taxCategory: "",
  taxExemptionReason: "",
});

/** A saved line's e-invoice facts as the form holds them. */
export const eInvoiceValuesOf = (line: InvoiceLine) => ({
  unitCode: line.unitCode ?? "",
  taxCategory: line.taxCategory ?? "",
  taxExemptionReason: line.taxExemptionReason ?? "",
});

/** The lines as the API takes them; null where a number cannot be read (yet). */
export function toInputs(lines: LineValues[]): (InvoiceLineInput | null)[] {
  return lines.map((line) => {
    const quantityMilli = parseScaled(line.quantity, 1000);
    const unitPrice = parseScaled(line.price, 100);
    if (quantityMilli === null || unitPrice === null) return null;
    const input: InvoiceLineInput = {
      description: line.description.trim(),
      partNumber: line.partNumber.trim() || null,
      quantityMilli,
      unitPrice,
      taxRateBp: Number(line.taxRate),
    };
    // Sent only when chosen: absent, the server decides (and keeps the API's older shape).
    if (line.unitCode) input.unitCode = line.unitCode as UnitCode;
    if (line.taxCategory) input.taxCategory = line.taxCategory as TaxCategory;
    if (line.taxCategory === "E" && line.taxExemptionReason.trim()) {
      input.taxExemptionReason = line.taxExemptionReason.trim();
    }
    return input;
  });
}

/** Server field paths onto the form ("lines.0.unitPrice" → "lines.0.price"); the rest for the alert. */
export function serverErrors(
  error: unknown,
  values: InvoiceValues,
): { fields: FormErrors; rest: string | null } {
  if (!isApiError(error)) return { fields: {}, rest: error instanceof Error ? error.message : null };
  const aliases: Record<string, string> = {
    quantityMilli: "quantity",
    unitPrice: "price",
    taxRateBp: "taxRate",
  };
  const fields: FormErrors = {};
  const leftovers: string[] = [];
  for (const { field, message } of error.fieldErrors) {
    const path = normaliseField(field)
      .split(".")
      .map((part) => aliases[part] ?? part)
      .join(".");
    const head = path.split(".")[0] ?? "";
    if (head in values && path !== "lines") fields[path] = message;
    else leftovers.push(message);
  }
  const rest =
    leftovers.length > 0 || Object.keys(fields).length === 0 ? [error.detail, ...leftovers].join("\n") : null;
  return { fields, rest };
}

export type InvoiceFormState = UseFormReturnType<InvoiceValues>;
