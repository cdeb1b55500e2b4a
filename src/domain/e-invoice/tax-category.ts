// VAT categories of EN 16931 (UNTDID 5305, BT-151): what a line's 0 % means is not in its rate. A
// German shop's work for a business in another EU country is reverse charge (§13b UStG: the place
// of a B2B service is the buyer's country), its export to a buyer outside the EU is not taxed here,
// and a 0 % line at home is zero-rated unless the advisor says it is exempt (with the reason, which
// the rules then require: BR-E-10).
import { DomainError, type FieldError } from "../errors";

export const taxCategories = ["S", "Z", "E", "AE", "K", "G", "O"] as const;
export type TaxCategory = (typeof taxCategories)[number];

/** EU member states (ISO 3166-1 alpha-2; Greece's VAT prefix is EL, its country code GR). */
const euCountries = new Set([
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
]);

export const inEu = (country: string) => euCountries.has(country.toUpperCase());

export interface TaxParties {
  sellerCountry: string;
  buyerCountry: string;
  buyerVatId: string | null;
}

/** A business buyer in another EU country with a VAT id: its tax is reverse charged. */
export function isReverseCharge(p: TaxParties): boolean {
  const seller = p.sellerCountry.toUpperCase();
  const buyer = p.buyerCountry.toUpperCase();
  return seller !== buyer && inEu(seller) && inEu(buyer) && Boolean(p.buyerVatId?.trim());
}

/** The category of a line: as the advisor set it, else what its rate and the parties say. */
export function taxCategoryOf(
  line: { taxRateBp: number; taxCategory?: TaxCategory | undefined },
  parties: TaxParties,
): TaxCategory {
  if (line.taxCategory) return line.taxCategory;
  if (line.taxRateBp > 0) return "S";
  if (isReverseCharge(parties)) return "AE";
  if (!inEu(parties.buyerCountry)) return "G";
  return "Z";
}

/** The exemption code (VATEX) and words a category needs on the invoice (BR-AE-10, BR-G-10, BR-E-10 …). */
export function exemptionOf(
  category: TaxCategory,
  reason: string | undefined,
  language: "en" | "de",
): { code: string | null; reason: string | null } {
  const de = language === "de";
  switch (category) {
    case "AE":
      return {
        code: "VATEX-EU-AE",
        reason: reason ?? (de ? "Steuerschuldnerschaft des Leistungsempfängers" : "Reverse charge"),
      };
    case "K":
      return {
        code: "VATEX-EU-IC",
        reason: reason ?? (de ? "Steuerfreie innergemeinschaftliche Lieferung" : "Intra-community supply"),
      };
    case "G":
      return {
        code: "VATEX-EU-G",
        reason: reason ?? (de ? "Steuerfreie Ausfuhr" : "Export outside the EU"),
      };
    case "O":
      return {
        code: "VATEX-EU-O",
        reason: reason ?? (de ? "Nicht steuerbar" : "Not subject to VAT"),
      };
    case "E":
      return { code: null, reason: reason ?? null };
    default:
      return { code: null, reason: null };
  }
}

/**
 * What a line's category allows: S needs a rate above 0, every other category 0 %, and an exempt
 * line says why. `path` names a line's field as the caller's API does (lines.2.taxCategory).
 */
export function lineTaxErrors(
  lines: readonly {
    taxRateBp: number;
    taxCategory?: TaxCategory | undefined;
    taxExemptionReason?: string | undefined;
  }[],
  path: (index: number, field: string) => string = (i, f) => `lines.${i}.${f}`,
): FieldError[] {
  return lines.flatMap((l, i) => {
    if (!l.taxCategory) return [];
    if (l.taxCategory === "S" && l.taxRateBp === 0) {
      return [{ field: path(i, "taxCategory"), message: "Standard rate needs a tax rate above 0 %." }];
    }
    if (l.taxCategory !== "S" && l.taxRateBp !== 0) {
      return [{ field: path(i, "taxRateBp"), message: `Category ${l.taxCategory} is charged at 0 %.` }];
    }
    if (l.taxCategory === "E" && !l.taxExemptionReason?.trim()) {
      return [{ field: path(i, "taxExemptionReason"), message: "Say why the line is exempt (§ 4 UStG …)." }];
    }
    return [];
  });
}

export function checkLineTax(lines: Parameters<typeof lineTaxErrors>[0]) {
  const errors = lineTaxErrors(lines);
  if (errors.length > 0) {
    throw new DomainError("validation", "The tax of a line does not fit its category.", errors);
  }
}

/**
 * The unit of a line's quantity (UN/ECE Rec 20) when it has none of its own: a line with a part
 * number is pieces, any other is a unit of service (C62, "one").
 */
export function unitCodeOf(line: { unitCode?: string | undefined; partNumber: string | null }): string {
  return line.unitCode ?? (line.partNumber ? "H87" : "C62");
}

/** Units the shop's lines use: hours of labour, pieces of parts, litres of oil, a unit of service. */
export const unitCodes = ["HUR", "H87", "C62", "LTR", "KGM", "MTR", "SET"] as const;
