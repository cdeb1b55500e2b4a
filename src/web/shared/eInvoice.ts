// E-invoice formats as the shop's forms and pages offer them (issue #16): the PDF alone, ZUGFeRD /
// Factur-X (a PDF carrying the XML) and XRechnung (XML in CII or UBL, for public buyers).
import { useTranslation } from "react-i18next";
import type { EInvoiceFormat } from "../types";

export const E_INVOICE_FORMATS = ["none", "zugferd", "xrechnung_cii", "xrechnung_ubl"] as const;

/** The formats a file can be produced in (none is the plain PDF). */
export const PRODUCIBLE_FORMATS = ["zugferd", "xrechnung_cii", "xrechnung_ubl"] as const;

export const isXRechnung = (format: EInvoiceFormat | null | undefined) =>
  format === "xrechnung_cii" || format === "xrechnung_ubl";

/** A Select's value for "the location's default" (a Select cannot hold null as an option). */
export const LOCATION_DEFAULT = "default";

/** The formats with their names in the reader's language, for a Select. */
export function useEInvoiceFormatOptions() {
  const { t } = useTranslation();
  return E_INVOICE_FORMATS.map((format) => ({ value: format, label: t(`eInvoice.formats.${format}`) }));
}
