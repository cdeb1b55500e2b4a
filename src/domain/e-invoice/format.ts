// Which e-invoice a customer gets (issue #16). Businesses must be able to receive EN 16931 invoices
// in Germany since 2025 and get them from 2027/2028; a private customer keeps the PDF. The shop sets
// a default for its business customers, and each customer may say otherwise.
export const eInvoiceFormats = ["none", "zugferd", "xrechnung_cii", "xrechnung_ubl"] as const;
export type EInvoiceFormat = (typeof eInvoiceFormats)[number];

/** The customer's own choice, else the location's default for a business (a private customer: none). */
export function eInvoiceFormatFor(
  customer: { type: "private" | "business"; eInvoiceFormat: EInvoiceFormat | null },
  locationDefault: EInvoiceFormat,
): EInvoiceFormat {
  if (customer.eInvoiceFormat) return customer.eInvoiceFormat;
  return customer.type === "business" ? locationDefault : "none";
}

export const isXRechnung = (f: EInvoiceFormat) => f === "xrechnung_cii" || f === "xrechnung_ubl";

/** The library's name of each format, and what the file is called and is. */
export const formatFiles: Record<
  Exclude<EInvoiceFormat, "none">,
  { generator: string; extension: "xml" | "pdf"; mediaType: string; label: string }
> = {
  zugferd: {
    generator: "Factur-X-EN16931",
    extension: "pdf",
    mediaType: "application/pdf",
    label: "ZUGFeRD / Factur-X (EN 16931)",
  },
  xrechnung_cii: {
    generator: "XRECHNUNG-CII",
    extension: "xml",
    mediaType: "application/xml",
    label: "XRechnung (CII)",
  },
  xrechnung_ubl: {
    generator: "XRECHNUNG-UBL",
    extension: "xml",
    mediaType: "application/xml",
    label: "XRechnung (UBL)",
  },
};
