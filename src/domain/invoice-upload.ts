// Upload invoice (issue #17): a document the shop's DMS wrote becomes an invoice case. What a file is
// (by its content, never its name), which embedded XML of a PDF is the e-invoice, whether the
// document's amounts add up, what its lines carry about the vehicle, and how its lines become
// Pitlane's: each line's net must be Pitlane's own rounding of quantity × price, and the totals
// Pitlane's sums of those lines, or the case is refused rather than stored with other amounts than
// the customer holds. Pure rules.
import { checkPushedInvoice, type Shop as PushShop } from "./dms-invoice";
import type { EInvoiceParty, ReadEInvoice } from "./e-invoice/read";
import { type TaxCategory, taxCategories } from "./e-invoice/tax-category";
import type { FieldError } from "./errors";
import type { InvoiceLine, InvoiceLineInput } from "./invoice";
import type { Totals } from "./money";

export const uploadStatuses = ["reading", "ready", "unreadable", "created"] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

export const uploadSourceKinds = ["xml", "pdf_e_invoice", "pdf", "image", "other"] as const;
export type UploadSourceKind = (typeof uploadSourceKinds)[number];

/**
 * Why a document could not be read. `no_e_invoice`: a PDF without embedded XML or an image, which
 * the next slice reads by its text layer or OCR.
 */
export const uploadReasons = [
  "no_e_invoice",
  "damaged",
  "encrypted",
  "too_many_pages",
  "too_large",
  "not_an_invoice",
] as const;
export type UploadReason = (typeof uploadReasons)[number];

export const uploadReasonMessages: Record<UploadReason, string> = {
  no_e_invoice:
    "This document carries no e-invoice data. Reading a PDF's text and scans is not available yet.",
  damaged: "The PDF is damaged and cannot be opened.",
  encrypted: "The PDF is password-protected; upload it without the password.",
  too_many_pages: "The PDF has more than 100 pages; upload the invoice on its own.",
  too_large: "The e-invoice XML is larger than 5 MB; no invoice needs that much.",
  not_an_invoice: "This file is not an invoice document Pitlane can read.",
};

/** The most pages a PDF may have, and the most an (embedded) XML may weigh. */
export const maxPdfPages = 100;
export const maxXmlBytes = 5 * 1024 * 1024;

/** The customer Pitlane proposes to create when no customer of the location matches the buyer. */
export interface ProposedCustomer {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatId: string | null;
  email: string | null;
}

export interface UploadMatches {
  /** The seller's VAT id differs from the location's: the document may be another company's. */
  sellerMismatch: boolean;
  customerId: string | null;
  customerMatchedBy: "vat_id" | "email" | "name_postal_code" | null;
  /** Proposed when no customer matched. */
  createCustomer: ProposedCustomer | null;
  /** The VIN and plate the lines' attributes carry, and the unit of the location with one of them. */
  vin: string | null;
  plate: string | null;
  unitId: string | null;
  /** The invoice of the location with the document's number (for the same customer, or any). */
  duplicateOf: string | null;
  /** Other uploads of the same document (number and customer), oldest first. */
  duplicateUploads: string[];
  /** What does not add up, in words; empty when everything does. */
  totalsMismatch: string[];
}

export interface UploadExtraction {
  /** The embedded file's name inside a PDF; null for an XML uploaded as it is. */
  embeddedFile: string | null;
  eInvoice: ReadEInvoice;
  matches: UploadMatches;
}

// ---------------------------------------------------------------------------------------------
// What a file is

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** The kind of file by its first bytes: PDF, image (PNG, JPEG, TIFF, WebP, GIF, HEIC), XML or other. */
export function fileKindOf(bytes: Uint8Array): "pdf" | "image" | "xml" | "other" {
  // A PDF may have a few bytes of junk before its header (readers look in the first 1024).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) ||
    startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38) ||
    (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") ||
    head.slice(4, 12) === "ftypheic"
  ) {
    return "image";
  }
  // XML: after a BOM and white space, a "<" (UTF-16 too: its first byte pair holds "<" and a 0).
  let i = startsWith(bytes, 0xef, 0xbb, 0xbf)
    ? 3
    : startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)
      ? 2
      : 0;
  while (
    i < bytes.length &&
    i < 1024 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x00)
  )
    i++;
  return bytes[i] === 0x3c ? "xml" : "other";
}

/** Names ZUGFeRD 1/2, Factur-X and XRechnung give the embedded XML, in the order they are tried. */
export const knownEmbeddedNames = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"] as const;

/**
 * The one embedded file that is the e-invoice: the first of the known names (case-insensitive, so
 * ZUGFeRD 1's ZUGFeRD-invoice.xml too), else the first `.xml` that `isEInvoice` recognises.
 */
export function pickEmbeddedXml<F extends { filename: string; content: Uint8Array }>(
  files: readonly F[],
  isEInvoice: (content: Uint8Array) => boolean,
): F | null {
  for (const name of knownEmbeddedNames) {
    const known = files.find((f) => baseName(f.filename).toLowerCase() === name);
    if (known) return known;
  }
  return files.find((f) => f.filename.toLowerCase().endsWith(".xml") && isEInvoice(f.content)) ?? null;
}

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

// ---------------------------------------------------------------------------------------------
// Does it add up

const euros = (minor: number) => (minor / 100).toFixed(2);

/**
 * Where the document's amounts disagree with each other: the lines with BT-106, BT-106 with BT-109
 * after allowances and charges, net plus tax with gross (BT-112), the VAT breakdown with BT-109 and
 * BT-110, and the amount due (BT-115). Reported, never corrected.
 */
export function totalsMismatches(read: ReadEInvoice): string[] {
  const t = read.totals;
  const out: string[] = [];
  const lineSum = read.lines.reduce((s, l) => s + l.net, 0);
  if (lineSum !== t.lineTotal) {
    out.push(
      `The lines add up to ${euros(lineSum)}, the document's line total (BT-106) is ${euros(t.lineTotal)}.`,
    );
  }
  if (t.lineTotal - t.allowances + t.charges !== t.taxExclusive) {
    out.push(
      `The line total less allowances plus charges is ${euros(t.lineTotal - t.allowances + t.charges)}, the net total (BT-109) is ${euros(t.taxExclusive)}.`,
    );
  }
  if (t.taxExclusive + t.tax !== t.taxInclusive) {
    out.push(
      `Net ${euros(t.taxExclusive)} plus tax ${euros(t.tax)} is ${euros(t.taxExclusive + t.tax)}, the gross total (BT-112) is ${euros(t.taxInclusive)}.`,
    );
  }
  const vatTaxable = read.vat.reduce((s, v) => s + v.taxable, 0);
  const vatTax = read.vat.reduce((s, v) => s + v.tax, 0);
  if (read.vat.length > 0 && vatTaxable !== t.taxExclusive) {
    out.push(
      `The VAT breakdown's taxable amounts add up to ${euros(vatTaxable)}, not the net total ${euros(t.taxExclusive)}.`,
    );
  }
  if (read.vat.length > 0 && vatTax !== t.tax) {
    out.push(
      `The VAT breakdown's tax adds up to ${euros(vatTax)}, not the tax total (BT-110) ${euros(t.tax)}.`,
    );
  }
  const thirdParty = read.thirdPartyPayments.reduce((s, p) => s + p.amount, 0);
  const payable = t.taxInclusive - t.prepaid + t.rounding + thirdParty;
  if (payable !== t.payable) {
    out.push(
      `Gross less prepaid plus rounding is ${euros(payable)}, the amount due (BT-115) is ${euros(t.payable)}.`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The parties and the vehicle

/** A VAT id as compared: upper case, no spaces, dots or dashes. */
export const normalVatId = (vatId: string | null | undefined) =>
  vatId ? vatId.replace(/[\s.-]/g, "").toUpperCase() || null : null;

/** The seller is another company than the location when both have VAT ids and they differ. */
export function sellerMismatch(seller: EInvoiceParty, locationVatId: string | null): boolean {
  const theirs = normalVatId(seller.vatId);
  const ours = normalVatId(locationVatId);
  return theirs !== null && ours !== null && theirs !== ours;
}

export function proposedCustomer(buyer: EInvoiceParty): ProposedCustomer {
  return {
    name: buyer.name,
    street: buyer.street,
    postalCode: buyer.postalCode,
    city: buyer.city,
    country: buyer.country,
    vatId: buyer.vatId,
    email: buyer.email,
  };
}

const vinNames = new Set([
  "vin",
  "fin",
  "fahrgestellnummer",
  "fahrzeugidentnummer",
  "vehicle identification number",
]);
const plateNames = new Set([
  "plate",
  "kennzeichen",
  "amtliches kennzeichen",
  "license plate",
  "licence plate",
  "registration",
]);

/** The VIN and plate the lines' item attributes (BT-160/161) carry, the first of each. */
export function vehicleHints(read: ReadEInvoice): { vin: string | null; plate: string | null } {
  let vin: string | null = null;
  let plate: string | null = null;
  for (const line of read.lines) {
    for (const a of line.attributes) {
      const name = a.name.trim().toLowerCase();
      const value = a.value.trim();
      if (!value) continue;
      if (!vin && vinNames.has(name)) vin = value.replace(/\s/g, "").toUpperCase();
      if (!plate && plateNames.has(name)) plate = value.toUpperCase();
    }
  }
  return { vin, plate };
}

/** A plate as compared: letters and digits only ("B-AB 123" is "BAB123"). */
export const normalPlate = (plate: string) => plate.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();

// ---------------------------------------------------------------------------------------------
// The lines as Pitlane's

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** A decimal as written to an integer of 10^-scale, or null when it has more decimals than that. */
export function scaled(raw: string, scale: number): number | null {
  const m = DECIMAL.exec(raw.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) return null;
  const value = Number(m[2] || "0") * 10 ** scale + Number(fraction.padEnd(scale, "0") || "0");
  if (!Number.isSafeInteger(value)) return null;
  return m[1] === "-" && value !== 0 ? -value : value;
}

/** BT-146 per one unit in cents: a price for a base quantity (BT-149) only when it divides exactly. */
function unitPriceOf(price: string, base: string | null): number | null {
  const cents = scaled(price, 2);
  if (cents === null) return null;
  if (base === null) return cents;
  const baseMilli = scaled(base, 3);
  if (baseMilli === null || baseMilli <= 0) return null;
  const numerator = BigInt(cents) * 1000n;
  if (numerator % BigInt(baseMilli) !== 0n) return null;
  return Number(numerator / BigInt(baseMilli));
}

/** What the invoice API takes for a line (http/routes/invoices.ts `lineInput`). */
const maxLineQuantityMilli = 100_000_000;
const maxLineUnitPrice = 100_000_000;

export type UploadedKind = "invoice" | "credit_note";

/** UNTDID 1001: 381 is a credit note; 380 and its kin (corrected 384, self-billed 389, …) invoices. */
export const kindOfTypeCode = (typeCode: string): UploadedKind =>
  typeCode === "381" ? "credit_note" : "invoice";

export interface UploadedInvoiceCheck {
  ok: true;
  kind: UploadedKind;
  lines: InvoiceLine[];
  totals: Totals;
}

/**
 * The document's lines as Pitlane lines, priced by Pitlane, or what keeps them from being one:
 * a quantity with more than three decimals, a price with more than two, a category Pitlane does not
 * know, document-level allowances or charges (Pitlane's lines have none), a line net or total that
 * is not Pitlane's own rounding. Fields are named `lines` (`lines[2].price` for one line), and
 * `number` or `currency` as push-invoices names them.
 */
export function checkUploadedInvoice(
  read: ReadEInvoice,
  shop: PushShop,
  number: string,
): UploadedInvoiceCheck | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const inputs: (InvoiceLineInput & { expectedNet: number })[] = [];
  if (read.allowancesCharges.length > 0) {
    fields.push({
      field: "lines",
      message:
        "The document has allowances or charges on the whole invoice, which Pitlane's lines cannot carry.",
    });
  }
  read.lines.forEach((line, i) => {
    const quantityMilli = scaled(line.quantity, 3);
    const unitPrice = unitPriceOf(line.price, line.priceBaseQuantity);
    if (quantityMilli === null) {
      fields.push({
        field: `lines[${i}].quantity`,
        message: `The quantity ${line.quantity} has more than three decimals.`,
      });
    }
    if (unitPrice === null) {
      fields.push({
        field: `lines[${i}].price`,
        message: `The price ${line.price} is not a whole number of cents per unit.`,
      });
    }
    const category = line.taxCategory ?? undefined;
    if (category !== undefined && !(taxCategories as readonly string[]).includes(category)) {
      fields.push({
        field: `lines[${i}].taxCategory`,
        message: `The VAT category ${category} is not one Pitlane invoices.`,
      });
    }
    if (quantityMilli === null || unitPrice === null) return;
    // Pitlane's lines (the invoice API's line schema): a quantity above zero, a discount as a negative price.
    if (quantityMilli < 1 || quantityMilli > maxLineQuantityMilli) {
      fields.push({
        field: `lines[${i}].quantity`,
        message: `The quantity ${line.quantity} is not one a Pitlane line takes (above 0, at most 100,000).`,
      });
      return;
    }
    if (Math.abs(unitPrice) > maxLineUnitPrice) {
      fields.push({
        field: `lines[${i}].price`,
        message: `The price ${line.price} is larger than a line's price may be.`,
      });
      return;
    }
    const taxCategory = category as TaxCategory | undefined;
    const exemption =
      taxCategory && taxCategory !== "S"
        ? (read.vat.find((v) => v.category === taxCategory)?.exemptionReason ?? undefined)
        : undefined;
    inputs.push({
      description: [line.name, line.description].filter(Boolean).join(" – ").slice(0, 500) || line.id,
      partNumber: line.sellerItemId?.slice(0, 60) ?? null,
      quantityMilli,
      unitPrice,
      taxRateBp: line.taxRateBp ?? 0,
      ...(line.unitCode ? { unitCode: line.unitCode } : {}),
      ...(taxCategory ? { taxCategory } : {}),
      ...(exemption ? { taxExemptionReason: exemption } : {}),
      expectedNet: line.net,
    });
  });
  if (fields.length > 0) return { ok: false, fields };
  const checked = checkPushedInvoice(
    {
      number,
      currency: read.currency,
      lines: inputs.map(({ expectedNet: _, ...l }) => l),
      totals: { net: read.totals.taxExclusive, tax: read.totals.tax, gross: read.totals.taxInclusive },
    },
    shop,
  );
  if (!checked.ok) {
    // The document's totals are what they are: a difference is the lines' (Pitlane's rounding of them).
    return {
      ok: false,
      fields: checked.fields.map((f) =>
        f.field.startsWith("totals.")
          ? {
              field: "lines",
              message: `Pitlane's rounding of the lines differs from the document: ${f.message}`,
            }
          : f,
      ),
    };
  }
  checked.lines.forEach((line, i) => {
    const expected = inputs[i]!.expectedNet;
    if (line.net !== expected) {
      fields.push({
        field: `lines[${i}]`,
        message: `Quantity × price is ${euros(line.net)}, the document's line net (BT-131) is ${euros(expected)}.`,
      });
    }
  });
  if (read.totals.payable !== read.totals.taxInclusive) {
    fields.push({
      field: "lines",
      message:
        "The amount due differs from the gross total (prepaid or rounding amounts), which Pitlane cannot carry.",
    });
  }
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, kind: kindOfTypeCode(read.typeCode), lines: checked.lines, totals: checked.totals };
}
