// A Pitlane invoice or credit note as an EN 16931 e-invoice: the semantic model in the JSON shape
// the generator reads (UBL element names; it writes CII and UBL from it). Every amount is Pitlane's
// own, to the cent: the lines' rounded nets, the tax per rate on their sum (money.ts), so what the
// buyer's system books (BT-106 … BT-115) is what the PDF prints. Pure: the app supplies the facts.
import { DomainError, type FieldError } from "../errors";
import type { InvoiceLine } from "../invoice";
import { minorUnits, type Totals, taxOn } from "../money";
import { type EInvoiceFormat, isXRechnung } from "./format";
import { exemptionOf, type TaxCategory, type TaxParties, taxCategoryOf, unitCodeOf } from "./tax-category";

export interface EInvoiceSeller {
  legalName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string | null;
  taxNumber: string | null;
  iban: string | null;
  bic: string | null;
  email: string | null;
  phone: string | null;
  /** BT-34: where the buyer's system answers; the email when the shop set none. */
  eInvoiceAddress: string | null;
}

export interface EInvoiceBuyer {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  vatId: string | null;
  email: string | null;
  eInvoiceAddress: string | null;
  /** BT-10: a public buyer's Leitweg-ID, or the reference the buyer asked for. */
  buyerReference: string | null;
  language: "en" | "de";
}

export interface EInvoiceSource {
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string;
  dueDate: string | null;
  serviceDate: string | null;
  currency: string;
  poNumber: string | null;
  note: string | null;
  /** The invoice a credit note corrects (BT-25, BT-26). */
  credited: { number: string; issueDate: string | null } | null;
  lines: readonly InvoiceLine[];
  totals: Totals;
  seller: EInvoiceSeller;
  buyer: EInvoiceBuyer;
  vehicle: {
    make: string;
    model: string;
    year: number | null;
    plate: string | null;
    vin: string | null;
    odometerKm: number | null;
  } | null;
  /** The RF creditor reference a transfer quotes (BT-83), as on the PDF and the EPC QR code. */
  paymentReference: string | null;
}

const electronicAddress = (explicit: string | null, email: string | null) =>
  explicit?.trim() || email?.trim() || null;

/**
 * What the customer's format needs and this invoice lacks, in words the advisor can act on; empty
 * when it can be produced. EN 16931 for every format, the German CIUS (BR-DE-…) for XRechnung.
 */
export function missingForEInvoice(source: EInvoiceSource, format: EInvoiceFormat): FieldError[] {
  if (format === "none") return [];
  const { seller, buyer } = source;
  const missing: FieldError[] = [];
  const parties: TaxParties = {
    sellerCountry: seller.country,
    buyerCountry: buyer.country,
    buyerVatId: buyer.vatId,
  };
  const categories = new Set(source.lines.map((l) => taxCategoryOf(l, parties)));
  if (!seller.vatId && !seller.taxNumber) {
    missing.push({
      field: "location.vatId",
      message: "Enter the shop's VAT ID or tax number (Steuernummer) in the settings.",
    });
  }
  if ((categories.has("AE") || categories.has("K")) && !seller.vatId) {
    missing.push({ field: "location.vatId", message: "Reverse charge needs the shop's VAT ID." });
  }
  if ((categories.has("AE") || categories.has("K")) && !buyer.vatId) {
    missing.push({ field: "customer.vatId", message: "Reverse charge needs the customer's VAT ID." });
  }
  if (!electronicAddress(buyer.eInvoiceAddress, buyer.email)) {
    missing.push({
      field: "customer.eInvoiceAddress",
      message: "Enter the customer's email or e-invoice address: the e-invoice is delivered there.",
    });
  }
  if (!isCountry(buyer.country)) {
    missing.push({ field: "customer.country", message: "Use the customer's ISO country code, e.g. DE." });
  }
  if (!isCountry(seller.country)) {
    missing.push({ field: "location.country", message: "Use the shop's ISO country code, e.g. DE." });
  }
  if (!buyer.street || !buyer.postalCode || !buyer.city) {
    missing.push({ field: "customer.street", message: "Enter the customer's street, postal code and city." });
  }
  if (source.kind === "invoice" && !seller.iban) {
    missing.push({
      field: "location.iban",
      message: "Enter the shop's IBAN: the e-invoice says where to pay.",
    });
  }
  if (!source.serviceDate) missing.push({ field: "serviceDate", message: "Enter the date of the service." });
  if (isXRechnung(format)) {
    if (!buyer.buyerReference?.trim()) {
      missing.push({
        field: "customer.buyerReference",
        message: "XRechnung needs the customer's buyer reference (a public buyer's Leitweg-ID).",
      });
    }
    if (!electronicAddress(seller.eInvoiceAddress, seller.email)) {
      missing.push({ field: "location.email", message: "XRechnung needs the shop's email address." });
    }
    if (!seller.phone) {
      missing.push({ field: "location.phone", message: "XRechnung needs the shop's phone number." });
    }
  }
  return missing;
}

// The e-invoice's country codes come from ISO 3166 (a two-letter code the runtime cannot name is none).
const regions = new Intl.DisplayNames(["en"], { type: "region" });
const notCountries = new Set(["EU", "EZ", "UN", "QO", "ZZ"]);
const isCountry = (code: string) =>
  /^[A-Z]{2}$/.test(code) && !notCountries.has(code) && regions.of(code) !== code;

/** Throws the missing facts as one validation problem, naming each field. */
export function checkEInvoiceReady(source: EInvoiceSource, format: EInvoiceFormat) {
  const missing = missingForEInvoice(source, format);
  if (missing.length > 0) {
    throw new DomainError(
      "validation",
      "The customer gets e-invoices, and this invoice lacks what an e-invoice must say.",
      missing,
    );
  }
}

/** Minor units as the decimal the standard writes: 12345 → "123.45" (EUR), 500 → "500" (JPY). */
export function decimalOf(minor: number, currency: string): string {
  const digits = minorUnits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, "0")}`;
}

/** Thousandths as a decimal without trailing zeros: 1500 → "1.5", 2000 → "2". */
export function quantityOf(milli: number): string {
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ""}`;
}

/** Basis points as a percent: 1900 → "19", 750 → "7.5". */
const percentOf = (bp: number) => quantityOf(bp * 10);

export interface VatGroup {
  category: TaxCategory;
  rateBp: number;
  taxable: number;
  tax: number;
  exemption: { code: string | null; reason: string | null };
}

/**
 * The VAT breakdown (BG-23): one group per category and rate, its tax on the sum of its lines as
 * money.ts computes it per rate. Categories other than S are 0 %, so the groups' tax adds up to the
 * invoice's tax exactly.
 */
export function vatGroupsOf(source: Pick<EInvoiceSource, "lines" | "seller" | "buyer">): VatGroup[] {
  const parties: TaxParties = {
    sellerCountry: source.seller.country,
    buyerCountry: source.buyer.country,
    buyerVatId: source.buyer.vatId,
  };
  const groups = new Map<string, VatGroup>();
  for (const line of source.lines) {
    const category = taxCategoryOf(line, parties);
    const key = `${category}/${line.taxRateBp}`;
    const group = groups.get(key) ?? {
      category,
      rateBp: line.taxRateBp,
      taxable: 0,
      tax: 0,
      exemption: exemptionOf(category, line.taxExemptionReason, source.buyer.language),
    };
    group.taxable += line.net;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, tax: taxOn(g.taxable, g.rateBp) }))
    .sort((a, b) => b.rateBp - a.rateBp || a.category.localeCompare(b.category));
}

function checkTotals(source: EInvoiceSource, groups: VatGroup[]) {
  const net = source.lines.reduce((s, l) => s + l.net, 0);
  const tax = groups.reduce((s, g) => s + g.tax, 0);
  // The stored totals are what the PDF printed: an e-invoice that disagreed would be a second invoice.
  if (net !== source.totals.net || tax !== source.totals.tax || net + tax !== source.totals.gross) {
    throw new DomainError("conflict", "The invoice's lines do not add up to its totals.");
  }
}

type Json = Record<string, unknown>;

/** The e-invoice's content in the generator's input shape (`ubl:Invoice`). */
export function eInvoiceDocument(source: EInvoiceSource): Json {
  const { seller, buyer, currency } = source;
  const money = (minor: number) => decimalOf(minor, currency);
  const amount = (key: string, minor: number): Json => ({
    [key]: money(minor),
    [`${key}@currencyID`]: currency,
  });
  const groups = vatGroupsOf(source);
  checkTotals(source, groups);
  const de = buyer.language === "de";
  const credit = source.kind === "credit_note";
  const parties: TaxParties = {
    sellerCountry: seller.country,
    buyerCountry: buyer.country,
    buyerVatId: buyer.vatId,
  };
  const taxScheme = { "cac:TaxScheme": { "cbc:ID": "VAT" } };

  const sellerTax: Json[] = [];
  if (seller.vatId) sellerTax.push({ "cbc:CompanyID": seller.vatId, ...taxScheme });
  // The tax number (BT-32) goes in a tax scheme other than VAT; in CII it is the FC registration.
  if (seller.taxNumber)
    sellerTax.push({ "cbc:CompanyID": seller.taxNumber, "cac:TaxScheme": { "cbc:ID": "FC" } });

  const vehicle = source.vehicle;
  const attributes: Json[] = [];
  if (vehicle) {
    attributes.push({
      "cbc:Name": de ? "Fahrzeug" : "Vehicle",
      "cbc:Value": `${vehicle.make} ${vehicle.model}${vehicle.year ? ` (${vehicle.year})` : ""}`,
    });
    if (vehicle.plate)
      attributes.push({ "cbc:Name": de ? "Kennzeichen" : "Plate", "cbc:Value": vehicle.plate });
    if (vehicle.vin) attributes.push({ "cbc:Name": de ? "FIN" : "VIN", "cbc:Value": vehicle.vin });
    if (vehicle.odometerKm !== null) {
      attributes.push({
        "cbc:Name": de ? "Kilometerstand" : "Odometer",
        "cbc:Value": `${vehicle.odometerKm} km`,
      });
    }
  }

  const sellerAddress = electronicAddress(seller.eInvoiceAddress, seller.email);
  const buyerAddress = electronicAddress(buyer.eInvoiceAddress, buyer.email);
  const doc: Json = {
    "cbc:ID": source.number,
    "cbc:IssueDate": source.issueDate,
    ...(!credit && source.dueDate ? { "cbc:DueDate": source.dueDate } : {}),
    "cbc:InvoiceTypeCode": credit ? "381" : "380",
    ...(source.note ? { "cbc:Note": [source.note] } : {}),
    "cbc:DocumentCurrencyCode": currency,
    ...(buyer.buyerReference?.trim() ? { "cbc:BuyerReference": buyer.buyerReference.trim() } : {}),
    ...(source.poNumber ? { "cac:OrderReference": { "cbc:ID": source.poNumber } } : {}),
    ...(source.credited
      ? {
          "cac:BillingReference": [
            {
              "cac:InvoiceDocumentReference": {
                "cbc:ID": source.credited.number,
                ...(source.credited.issueDate ? { "cbc:IssueDate": source.credited.issueDate } : {}),
              },
            },
          ],
        }
      : {}),
    "cac:AccountingSupplierParty": {
      "cac:Party": {
        ...(sellerAddress ? { "cbc:EndpointID": sellerAddress, "cbc:EndpointID@schemeID": "EM" } : {}),
        "cac:PartyName": { "cbc:Name": seller.legalName },
        "cac:PostalAddress": {
          "cbc:StreetName": seller.street,
          "cbc:CityName": seller.city,
          "cbc:PostalZone": seller.postalCode,
          "cac:Country": { "cbc:IdentificationCode": seller.country },
        },
        ...(sellerTax.length > 0 ? { "cac:PartyTaxScheme": sellerTax } : {}),
        "cac:PartyLegalEntity": { "cbc:RegistrationName": seller.legalName },
        ...(seller.phone || seller.email
          ? {
              "cac:Contact": {
                "cbc:Name": seller.legalName,
                ...(seller.phone ? { "cbc:Telephone": seller.phone } : {}),
                ...(seller.email ? { "cbc:ElectronicMail": seller.email } : {}),
              },
            }
          : {}),
      },
    },
    "cac:AccountingCustomerParty": {
      "cac:Party": {
        ...(buyerAddress ? { "cbc:EndpointID": buyerAddress, "cbc:EndpointID@schemeID": "EM" } : {}),
        "cac:PartyName": { "cbc:Name": buyer.name },
        "cac:PostalAddress": {
          ...(buyer.street ? { "cbc:StreetName": buyer.street } : {}),
          ...(buyer.city ? { "cbc:CityName": buyer.city } : {}),
          ...(buyer.postalCode ? { "cbc:PostalZone": buyer.postalCode } : {}),
          "cac:Country": { "cbc:IdentificationCode": buyer.country },
        },
        ...(buyer.vatId ? { "cac:PartyTaxScheme": { "cbc:CompanyID": buyer.vatId, ...taxScheme } } : {}),
        "cac:PartyLegalEntity": { "cbc:RegistrationName": buyer.name },
        ...(buyer.email ? { "cac:Contact": { "cbc:ElectronicMail": buyer.email } } : {}),
      },
    },
    ...(source.serviceDate ? { "cac:Delivery": { "cbc:ActualDeliveryDate": source.serviceDate } } : {}),
    "cac:PaymentMeans": [paymentMeans(source)],
    ...(!credit && source.dueDate
      ? {
          "cac:PaymentTerms": {
            "cbc:Note": de
              ? `Zahlbar ohne Abzug bis ${germanDay(source.dueDate)}.`
              : `Payable without deduction by ${source.dueDate}.`,
          },
        }
      : {}),
    "cac:TaxTotal": [
      {
        ...amount("cbc:TaxAmount", source.totals.tax),
        "cac:TaxSubtotal": groups.map((g) => ({
          ...amount("cbc:TaxableAmount", g.taxable),
          ...amount("cbc:TaxAmount", g.tax),
          "cac:TaxCategory": {
            "cbc:ID": g.category,
            "cbc:Percent": percentOf(g.rateBp),
            ...(g.exemption.code ? { "cbc:TaxExemptionReasonCode": g.exemption.code } : {}),
            ...(g.exemption.reason ? { "cbc:TaxExemptionReason": g.exemption.reason } : {}),
            ...taxScheme,
          },
        })),
      },
    ],
    "cac:LegalMonetaryTotal": {
      ...amount("cbc:LineExtensionAmount", source.totals.net),
      ...amount("cbc:TaxExclusiveAmount", source.totals.net),
      ...amount("cbc:TaxInclusiveAmount", source.totals.gross),
      ...amount("cbc:PayableAmount", source.totals.gross),
    },
    "cac:InvoiceLine": source.lines.map((line, i) => {
      // A discount line has a negative price in Pitlane; the standard's price is never negative
      // (BR-27), so the quantity carries the sign and the net stays what Pitlane computed.
      const negative = line.unitPrice < 0;
      return {
        "cbc:ID": String(i + 1),
        "cbc:InvoicedQuantity": quantityOf(negative ? -line.quantityMilli : line.quantityMilli),
        "cbc:InvoicedQuantity@unitCode": unitCodeOf(line),
        ...amount("cbc:LineExtensionAmount", line.net),
        "cac:Item": {
          "cbc:Name": line.description,
          ...(line.partNumber ? { "cac:SellersItemIdentification": { "cbc:ID": line.partNumber } } : {}),
          "cac:ClassifiedTaxCategory": {
            "cbc:ID": taxCategoryOf(line, parties),
            "cbc:Percent": percentOf(line.taxRateBp),
            ...taxScheme,
          },
          ...(attributes.length > 0 ? { "cac:AdditionalItemProperty": attributes } : {}),
        },
        "cac:Price": amount("cbc:PriceAmount", Math.abs(line.unitPrice)),
      };
    }),
  };
  return { "ubl:Invoice": doc };
}

/**
 * How to pay (BG-16): a SEPA transfer to the shop's IBAN quoting the RF reference (code 58); a
 * credit note is paid back by the shop, so it names no account to pay into (code 1, not defined).
 */
function paymentMeans(source: EInvoiceSource): Json {
  const { seller } = source;
  if (source.kind === "credit_note" || !seller.iban) return { "cbc:PaymentMeansCode": "1" };
  return {
    "cbc:PaymentMeansCode": "58",
    ...(source.paymentReference ? { "cbc:PaymentID": source.paymentReference } : {}),
    "cac:PayeeFinancialAccount": {
      "cbc:ID": seller.iban.replace(/\s+/g, ""),
      "cbc:Name": seller.legalName,
      ...(seller.bic ? { "cac:FinancialInstitutionBranch": { "cbc:ID": seller.bic } } : {}),
    },
  };
}

const germanDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** The file name a format gives the document: the invoice number, made safe for a file system. */
export function eInvoiceFileName(number: string, extension: "xml" | "pdf"): string {
  return `${number.replace(/[^\p{L}\p{N}._-]/gu, "_")}.${extension}`;
}

export type { EInvoiceFormat };
