// Reads a structured e-invoice (EN 16931) written by someone else into one plain structure, whatever
// the syntax: UN/CEFACT CII D16B (ZUGFeRD 2.x, Factur-X, XRechnung CII), UBL 2.1 Invoice and
// CreditNote (XRechnung UBL, Peppol) and the older ZUGFeRD 1.0. Namespace prefixes are dropped: every
// writer picks its own (rsm:, ram:, cbc:, none at all), so only local names are matched.
// Amounts become integer minor units through string arithmetic, so 0.1 + 0.2 never drifts; quantities
// and prices stay the strings the writer wrote, as they may carry more decimals than any float keeps.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DomainError } from "../errors";

export type EInvoiceSyntax = "cii" | "ubl" | "zugferd1";

export interface EInvoiceParty {
  /** BT-27 / BT-44 (the legal name; UBL's PartyName is the trading name). */
  name: string;
  /** BT-28 / BT-45 */
  tradingName: string | null;
  /** BT-31 / BT-48 */
  vatId: string | null;
  /** BT-32 */
  taxNumber: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  /** BT-43 / BT-58 */
  email: string | null;
  /** BT-34 / BT-49 */
  electronicAddress: { value: string; scheme: string | null } | null;
}

export interface EInvoiceLine {
  /** BT-126 */
  id: string;
  /** BT-153 */
  name: string;
  /** BT-154 */
  description: string | null;
  /** BT-155 */
  sellerItemId: string | null;
  /** BT-129 as written. */
  quantity: string;
  /** BT-130 */
  unitCode: string | null;
  /** BT-146 as written. */
  price: string;
  /** BT-149 as written: the quantity the price is for (a price per 100 pieces). */
  priceBaseQuantity: string | null;
  /** BT-131 in minor units. */
  net: number;
  /** BT-151 */
  taxCategory: string | null;
  /** BT-152 in basis points. */
  taxRateBp: number | null;
  /** BT-160 / BT-161 */
  attributes: { name: string; value: string }[];
  /** Sub-lines (XRechnung extension BG-DEX-01 in UBL; ParentLineID in CII); not part of BT-106. */
  subLines: EInvoiceSubLine[];
}

/** A sub-line may be a bare group heading with a subtotal: no quantity, no price. */
export interface EInvoiceSubLine extends Omit<EInvoiceLine, "quantity" | "price" | "subLines"> {
  quantity: string | null;
  price: string | null;
  subLines: EInvoiceSubLine[];
}

/** BG-23, amounts in minor units. */
export interface EInvoiceVat {
  category: string;
  rateBp: number | null;
  taxable: number;
  tax: number;
  exemptionReason: string | null;
  exemptionCode: string | null;
}

/** BG-20 / BG-21: a document-level allowance (charge false) or charge, in minor units. */
export interface EInvoiceAllowanceCharge {
  charge: boolean;
  amount: number;
  reason: string | null;
  reasonCode: string | null;
  taxCategory: string | null;
  taxRateBp: number | null;
}

/** BT-106 to BT-115 in minor units; a missing optional one is 0. */
export interface EInvoiceTotals {
  lineTotal: number;
  allowances: number;
  charges: number;
  taxExclusive: number;
  tax: number;
  taxInclusive: number;
  prepaid: number;
  rounding: number;
  payable: number;
}

export interface ReadEInvoice {
  syntax: EInvoiceSyntax;
  /** BT-24 */
  customizationId: string | null;
  /** BT-23 */
  profileId: string | null;
  /** BT-3 */
  typeCode: string;
  /** BT-1 */
  number: string;
  /** BT-2, yyyy-mm-dd */
  issueDate: string;
  /** BT-9, yyyy-mm-dd */
  dueDate: string | null;
  /** BT-5 */
  currency: string;
  /** BT-10 (the Leitweg-ID for German public buyers) */
  buyerReference: string | null;
  /** BT-13 */
  orderReference: string | null;
  /** BG-3: BT-25, BT-26 */
  precedingInvoices: { number: string; issueDate: string | null }[];
  /** BT-72 */
  deliveryDate: string | null;
  /** BT-73 */
  periodStart: string | null;
  /** BT-74 */
  periodEnd: string | null;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  /**
   * Of the first payment means: BT-81, BT-84, BT-86; BT-83 and BT-20 of the document; for a direct
   * debit BT-89 (mandate) and BT-91 (the buyer's account that is debited).
   */
  payment: {
    meansCode: string | null;
    iban: string | null;
    bic: string | null;
    remittance: string | null;
    terms: string | null;
    mandateReference: string | null;
    debitedAccount: string | null;
  };
  /** BT-22 without the subject code. */
  notes: string[];
  /** BG-1: BT-21 and BT-22 together. */
  noteDetails: { subjectCode: string | null; text: string }[];
  lines: EInvoiceLine[];
  allowancesCharges: EInvoiceAllowanceCharge[];
  /**
   * XRechnung extension BG-DEX-09 (UBL PrepaidPayment): what a third party such as a mobile payment
   * provider collected for the seller. BT-115 includes it: payable = taxInclusive - prepaid + rounding
   * + the sum of these.
   */
  thirdPartyPayments: { type: string | null; amount: number; description: string | null }[];
  vat: EInvoiceVat[];
  totals: EInvoiceTotals;
}

const NAMESPACES: Record<string, { local: string; syntax: EInvoiceSyntax }> = {
  "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100": {
    local: "CrossIndustryInvoice",
    syntax: "cii",
  },
  "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2": { local: "Invoice", syntax: "ubl" },
  "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2": { local: "CreditNote", syntax: "ubl" },
  "urn:ferd:CrossIndustryDocument:invoice:1p0": { local: "CrossIndustryDocument", syntax: "zugferd1" },
};

const WHAT_TO_DO =
  "Upload the XML of an XRechnung, ZUGFeRD, Factur-X or Peppol invoice as the supplier sent it.";

function unreadable(reason: string, whatToDo = WHAT_TO_DO): DomainError {
  return new DomainError("validation", `The e-invoice cannot be read: ${reason}.`, [
    { field: "document", message: whatToDo },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Bytes to text and the root element

/** The encoding a byte document declares, by BOM or XML declaration; UTF-8 when it says nothing. */
function encodingOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return "utf-16le";
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return "utf-16be";
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? "utf-8";
}

function decode(xml: string | Uint8Array, strict: boolean): string {
  if (typeof xml === "string") return xml.replace(/^\uFEFF/, "");
  const encoding = encodingOf(xml);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: strict });
  } catch {
    throw unreadable(`the encoding "${encoding}" is not supported`);
  }
  try {
    return decoder.decode(xml);
  } catch {
    throw unreadable(`the file is not valid ${encoding} text`);
  }
}

interface Root {
  local: string;
  namespace: string | null;
}

// Scans the prolog by hand rather than parsing the whole document: telling the syntax of an upload
// must stay cheap even for a file of several megabytes of embedded PDF attachments.
function rootOf(text: string): Root | null {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i);
      if (end < 0) return null;
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i);
      if (end < 0) return null;
      i = end + 3;
    } else if (text.startsWith("<!DOCTYPE", i)) {
      const bracket = text.indexOf("[", i);
      const close = text.indexOf(">", i);
      if (close < 0) return null;
      if (bracket >= 0 && bracket < close) {
        const end = text.indexOf("]", bracket);
        const after = end < 0 ? -1 : text.indexOf(">", end);
        if (after < 0) return null;
        i = after + 1;
      } else i = close + 1;
    } else break;
  }
  const tag = /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(
    text.slice(i, i + 8192),
  );
  if (!tag) return null;
  const prefix = tag[1] ?? "";
  const attributes = tag[3] ?? "";
  let namespace: string | null = null;
  for (const m of attributes.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if ((m[1] ?? "") === prefix) namespace = (m[2] ?? m[3] ?? "").trim();
  }
  return { local: tag[2]!, namespace };
}

function syntaxOfRoot(root: Root | null): EInvoiceSyntax | null {
  if (!root || root.namespace === null) return null;
  const known = NAMESPACES[root.namespace];
  return known && known.local === root.local ? known.syntax : null;
}

/** Which syntax a document is, or null when it is not an e-invoice this reader knows (cheap: looks at the root element). */
export function eInvoiceSyntaxOf(xml: string | Uint8Array): EInvoiceSyntax | null {
  let head: string;
  try {
    head = typeof xml === "string" ? xml.slice(0, 65536) : decode(xml.subarray(0, 65536), false);
  } catch {
    // An encoding no decoder knows: whatever the file is, this reader cannot read it.
    return null;
  }
  return syntaxOfRoot(rootOf(head.replace(/^\uFEFF/, "")));
}

// ---------------------------------------------------------------------------------------------
// Navigating the parsed tree

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (M&#252;ller) are plain XML; fast-xml-parser decodes them only here.
  htmlEntities: true,
});

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Every node at the path, whether each step occurs once or many times: one line reads like ten. */
function all(node: unknown, ...path: string[]): unknown[] {
  let nodes = list(node);
  for (const key of path) {
    nodes = nodes.flatMap((n) =>
      n && typeof n === "object" && Object.hasOwn(n, key) ? list((n as Node)[key]) : [],
    );
  }
  return nodes;
}

const one = (node: unknown, ...path: string[]): unknown => all(node, ...path)[0];

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "object") return Array.isArray(v) ? text(v[0]) : text((v as Node)["#text"]);
  const s = String(v).trim();
  return s === "" ? null : s;
}

const at = (node: unknown, ...path: string[]): string | null => text(one(node, ...path));

function attr(node: unknown, name: string): string | null {
  return node && typeof node === "object" && !Array.isArray(node) ? text((node as Node)[`@${name}`]) : null;
}

const firstText = (nodes: unknown[]): string | null => {
  for (const n of nodes) {
    const t = text(n);
    if (t !== null) return t;
  }
  return null;
};

// ---------------------------------------------------------------------------------------------
// Values

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * A decimal as written ("1234.5", "-0.01", "0.005") to hundredths, rounding half away from zero:
 * minor units for an amount, basis points for a percentage. EN 16931 amounts carry at most two
 * decimals whatever the currency, so hundredths are the minor unit here.
 */
export function hundredthsOf(raw: string, where: string): number {
  const m = DECIMAL.exec(raw);
  const whole = m?.[2] ?? "";
  const fraction = m?.[3] ?? "";
  if (!m || (whole === "" && fraction === "")) throw unreadable(`${where} is "${raw}", not a number`);
  const magnitude =
    Number(whole || "0") * 100 +
    Number(fraction.slice(0, 2).padEnd(2, "0")) +
    ((fraction[2] ?? "0") >= "5" ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) throw unreadable(`${where} is "${raw}", too large an amount`);
  return m[1] === "-" && magnitude !== 0 ? -magnitude : magnitude;
}

function amount(raw: string | null, where: string): number | null {
  return raw === null ? null : hundredthsOf(raw, where);
}

function required<T>(value: T | null, where: string): T {
  if (value === null) throw unreadable(`${where} is missing`);
  return value;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CII's yyyymmdd (format 102) or UBL's yyyy-mm-dd (perhaps with a zone or time) as yyyy-mm-dd. */
function dateOf(raw: string | null, format: string | null, where: string): string | null {
  if (raw === null) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  const m = compact && (format === null || format === "102") ? compact : iso;
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!)
    throw unreadable(`${where} is "${raw}", not a date`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A CII date element: the DateTimeString (or DateString) inside it, with its format attribute. */
function ciiDate(node: unknown, where: string): string | null {
  const inner = one(node, "DateTimeString") ?? one(node, "DateString") ?? node;
  return dateOf(text(inner), attr(inner, "format"), where);
}

// ---------------------------------------------------------------------------------------------
// CII (D16B) and ZUGFeRD 1.0: one reader, the containers differ in name only

interface CiiDialect {
  context: string;
  document: string;
  transaction: string;
  agreement: string;
  delivery: string;
  settlement: string;
  summation: string;
  lineAgreement: string;
  lineDelivery: string;
  lineSettlement: string;
  lineSummation: string;
}

const CII: CiiDialect = {
  context: "ExchangedDocumentContext",
  document: "ExchangedDocument",
  transaction: "SupplyChainTradeTransaction",
  agreement: "ApplicableHeaderTradeAgreement",
  delivery: "ApplicableHeaderTradeDelivery",
  settlement: "ApplicableHeaderTradeSettlement",
  summation: "SpecifiedTradeSettlementHeaderMonetarySummation",
  lineAgreement: "SpecifiedLineTradeAgreement",
  lineDelivery: "SpecifiedLineTradeDelivery",
  lineSettlement: "SpecifiedLineTradeSettlement",
  lineSummation: "SpecifiedTradeSettlementLineMonetarySummation",
};

const ZUGFERD1: CiiDialect = {
  context: "SpecifiedExchangedDocumentContext",
  document: "HeaderExchangedDocument",
  transaction: "SpecifiedSupplyChainTradeTransaction",
  agreement: "ApplicableSupplyChainTradeAgreement",
  delivery: "ApplicableSupplyChainTradeDelivery",
  settlement: "ApplicableSupplyChainTradeSettlement",
  summation: "SpecifiedTradeSettlementMonetarySummation",
  lineAgreement: "SpecifiedSupplyChainTradeAgreement",
  lineDelivery: "SpecifiedSupplyChainTradeDelivery",
  lineSettlement: "SpecifiedSupplyChainTradeSettlement",
  lineSummation: "SpecifiedTradeSettlementMonetarySummation",
};

// D16B calls the rate RateApplicablePercent, ZUGFeRD 1.0 ApplicablePercent.
const ciiRate = (tax: unknown, where: string): number | null =>
  amount(at(tax, "RateApplicablePercent") ?? at(tax, "ApplicablePercent"), where);

function ciiParty(party: unknown): EInvoiceParty {
  const registrations = all(party, "SpecifiedTaxRegistration", "ID");
  const registration = (scheme: string) =>
    firstText(registrations.filter((r) => attr(r, "schemeID") === scheme));
  const address = one(party, "PostalTradeAddress");
  const uri = one(party, "URIUniversalCommunication", "URIID");
  const uriValue = text(uri);
  return {
    name: at(party, "Name") ?? "",
    tradingName: at(party, "SpecifiedLegalOrganization", "TradingBusinessName"),
    vatId: registration("VA"),
    taxNumber: registration("FC"),
    street: at(address, "LineOne"),
    postalCode: at(address, "PostcodeCode"),
    city: at(address, "CityName"),
    country: at(address, "CountryID"),
    email: firstText(all(party, "DefinedTradeContact", "EmailURIUniversalCommunication", "URIID")),
    electronicAddress: uriValue === null ? null : { value: uriValue, scheme: attr(uri, "schemeID") },
  };
}

function ciiLines(transaction: unknown, d: CiiDialect): EInvoiceLine[] {
  const read: { line: EInvoiceLine; parent: string | null }[] = [];
  for (const [i, item] of all(transaction, "IncludedSupplyChainTradeLineItem").entries()) {
    const where = `line ${i + 1}`;
    const settlement = one(item, d.lineSettlement);
    const netText = at(settlement, d.lineSummation, "LineTotalAmount");
    const quantity = one(item, d.lineDelivery, "BilledQuantity");
    // ZUGFeRD 1.0 allows a line that only carries a note; it is text, not an invoice line.
    if (netText === null && text(quantity) === null) continue;
    const document = one(item, "AssociatedDocumentLineDocument");
    const product = one(item, "SpecifiedTradeProduct");
    const agreement = one(item, d.lineAgreement);
    const netPrice = one(agreement, "NetPriceProductTradePrice");
    const tax = one(settlement, "ApplicableTradeTax");
    read.push({
      parent: at(document, "ParentLineID"),
      line: {
        id: required(at(document, "LineID"), `the ID of ${where} (BT-126)`),
        name: at(product, "Name") ?? "",
        description: at(product, "Description"),
        sellerItemId: at(product, "SellerAssignedID"),
        quantity: required(text(quantity), `the quantity of ${where} (BT-129)`),
        unitCode: attr(quantity, "unitCode"),
        price: required(at(netPrice, "ChargeAmount"), `the net price of ${where} (BT-146)`),
        // XRechnung writers often give BT-149 on the gross price only; EN 16931 wants both to agree.
        priceBaseQuantity:
          at(netPrice, "BasisQuantity") ?? at(agreement, "GrossPriceProductTradePrice", "BasisQuantity"),
        net: hundredthsOf(
          required(netText, `the net amount of ${where} (BT-131)`),
          `the net amount of ${where}`,
        ),
        taxCategory: at(tax, "CategoryCode"),
        taxRateBp: ciiRate(tax, `the VAT rate of ${where}`),
        attributes: all(product, "ApplicableProductCharacteristic").flatMap((c) => {
          const name = at(c, "Description");
          const value = at(c, "Value");
          return name === null || value === null ? [] : [{ name, value }];
        }),
        subLines: [],
      },
    });
  }
  return nest(read);
}

// ZUGFeRD / Factur-X EXTENDED writes sub-lines flat, each naming its parent's LineID.
function nest(read: { line: EInvoiceLine; parent: string | null }[]): EInvoiceLine[] {
  const byId = new Map(read.map(({ line }) => [line.id, line]));
  const top: EInvoiceLine[] = [];
  for (const { line, parent } of read) {
    const owner = parent === null ? undefined : byId.get(parent);
    if (owner && owner !== line) owner.subLines.push(line);
    else top.push(line);
  }
  return top;
}

function ciiIndicator(node: unknown): boolean {
  return (at(node, "ChargeIndicator", "Indicator") ?? at(node, "ChargeIndicator")) === "true";
}

function readCii(root: unknown, syntax: "cii" | "zugferd1"): ReadEInvoice {
  const d = syntax === "cii" ? CII : ZUGFERD1;
  const document = one(root, d.document);
  const transaction = one(root, d.transaction);
  const agreement = one(transaction, d.agreement);
  const delivery = one(transaction, d.delivery);
  const settlement = one(transaction, d.settlement);
  const sums = one(settlement, d.summation);
  // The invoice's identity first: a document without it is no invoice, whatever else is missing.
  const number = required(at(document, "ID"), "the invoice number (BT-1)");
  const issueDate = required(
    ciiDate(one(document, "IssueDateTime"), "the issue date (BT-2)"),
    "the issue date (BT-2)",
  );
  const currency = required(at(settlement, "InvoiceCurrencyCode"), "the currency (BT-5)");
  const means = one(settlement, "SpecifiedTradeSettlementPaymentMeans");
  const terms = all(settlement, "SpecifiedTradePaymentTerms");
  const period = one(settlement, "BillingSpecifiedPeriod");
  const sum = (name: string, bt: string) => amount(at(sums, name), `the ${bt} amount`);
  const noteDetails = all(document, "IncludedNote").flatMap((note) => {
    const content = all(note, "Content")
      .map(text)
      .filter((t) => t !== null);
    return content.length === 0 ? [] : [{ subjectCode: at(note, "SubjectCode"), text: content.join("\n") }];
  });
  const termTexts = terms.flatMap((t) => all(t, "Description").map(text)).filter((t) => t !== null);
  const allowancesCharges: EInvoiceAllowanceCharge[] = all(settlement, "SpecifiedTradeAllowanceCharge").map(
    (ac, i) => {
      const tax = one(ac, "CategoryTradeTax");
      return {
        charge: ciiIndicator(ac),
        amount: hundredthsOf(
          required(at(ac, "ActualAmount"), `the amount of allowance or charge ${i + 1} (BT-92/BT-99)`),
          `the amount of allowance or charge ${i + 1}`,
        ),
        reason: at(ac, "Reason"),
        reasonCode: at(ac, "ReasonCode"),
        taxCategory: at(tax, "CategoryCode"),
        taxRateBp: ciiRate(tax, `the VAT rate of allowance or charge ${i + 1}`),
      };
    },
  );
  // ZUGFeRD 1.0 wrote freight and the like as logistics service charges: document-level charges.
  for (const [i, lc] of all(settlement, "SpecifiedLogisticsServiceCharge").entries()) {
    const tax = one(lc, "AppliedTradeTax");
    allowancesCharges.push({
      charge: true,
      amount: hundredthsOf(
        required(at(lc, "AppliedAmount"), `the amount of logistics charge ${i + 1}`),
        `the amount of logistics charge ${i + 1}`,
      ),
      reason: at(lc, "Description"),
      reasonCode: null,
      taxCategory: at(tax, "CategoryCode"),
      taxRateBp: ciiRate(tax, `the VAT rate of logistics charge ${i + 1}`),
    });
  }
  // BT-110 is the tax in the invoice currency; BT-111 (the accounting currency) may sit beside it.
  const taxTotals = all(sums, "TaxTotalAmount");
  const taxTotal =
    taxTotals.find((t) => attr(t, "currencyID") === currency) ??
    taxTotals.find((t) => attr(t, "currencyID") === null) ??
    taxTotals[0];
  return {
    syntax,
    customizationId: at(root, d.context, "GuidelineSpecifiedDocumentContextParameter", "ID"),
    profileId: at(root, d.context, "BusinessProcessSpecifiedDocumentContextParameter", "ID"),
    typeCode: required(at(document, "TypeCode"), "the invoice type code (BT-3)"),
    number,
    issueDate,
    dueDate: firstText(terms.map((t) => ciiDate(one(t, "DueDateDateTime"), "the due date (BT-9)"))),
    currency,
    buyerReference: at(agreement, "BuyerReference"),
    orderReference:
      at(agreement, "BuyerOrderReferencedDocument", "IssuerAssignedID") ??
      at(agreement, "BuyerOrderReferencedDocument", "ID"),
    precedingInvoices: all(settlement, "InvoiceReferencedDocument").flatMap((ref) => {
      const number = at(ref, "IssuerAssignedID") ?? at(ref, "ID");
      const date = one(ref, "FormattedIssueDateTime") ?? one(ref, "IssueDateTime");
      return number === null
        ? []
        : [{ number, issueDate: ciiDate(date, "the preceding invoice's date (BT-26)") }];
    }),
    deliveryDate: ciiDate(
      one(delivery, "ActualDeliverySupplyChainEvent", "OccurrenceDateTime"),
      "the delivery date (BT-72)",
    ),
    periodStart: ciiDate(one(period, "StartDateTime"), "the period start (BT-73)"),
    periodEnd: ciiDate(one(period, "EndDateTime"), "the period end (BT-74)"),
    seller: ciiParty(one(agreement, "SellerTradeParty")),
    buyer: ciiParty(one(agreement, "BuyerTradeParty")),
    payment: {
      meansCode: at(means, "TypeCode"),
      iban:
        at(means, "PayeePartyCreditorFinancialAccount", "IBANID") ??
        at(means, "PayeePartyCreditorFinancialAccount", "ProprietaryID"),
      bic: at(means, "PayeeSpecifiedCreditorFinancialInstitution", "BICID"),
      remittance: at(settlement, "PaymentReference"),
      terms: termTexts.length === 0 ? null : termTexts.join("\n"),
      mandateReference: firstText(terms.map((t) => one(t, "DirectDebitMandateID"))),
      debitedAccount: at(means, "PayerPartyDebtorFinancialAccount", "IBANID"),
    },
    notes: noteDetails.map((n) => n.text),
    noteDetails,
    lines: ciiLines(transaction, d),
    allowancesCharges,
    // XRechnung has third party payments in UBL only.
    thirdPartyPayments: [],
    vat: all(settlement, "ApplicableTradeTax").map((tax, i) => ({
      category: required(at(tax, "CategoryCode"), `the category of VAT breakdown ${i + 1} (BT-118)`),
      rateBp: ciiRate(tax, `the rate of VAT breakdown ${i + 1}`),
      taxable: hundredthsOf(
        required(at(tax, "BasisAmount"), `the taxable amount of VAT breakdown ${i + 1} (BT-116)`),
        `the taxable amount of VAT breakdown ${i + 1}`,
      ),
      tax: hundredthsOf(
        required(at(tax, "CalculatedAmount"), `the tax of VAT breakdown ${i + 1} (BT-117)`),
        `the tax of VAT breakdown ${i + 1}`,
      ),
      exemptionReason: at(tax, "ExemptionReason"),
      exemptionCode: at(tax, "ExemptionReasonCode"),
    })),
    totals: {
      lineTotal: required(sum("LineTotalAmount", "BT-106"), "the sum of line nets (BT-106)"),
      allowances: sum("AllowanceTotalAmount", "BT-107") ?? 0,
      charges: sum("ChargeTotalAmount", "BT-108") ?? 0,
      taxExclusive: required(sum("TaxBasisTotalAmount", "BT-109"), "the total without VAT (BT-109)"),
      tax: amount(text(taxTotal), "the BT-110 amount") ?? 0,
      taxInclusive: required(sum("GrandTotalAmount", "BT-112"), "the total with VAT (BT-112)"),
      prepaid: sum("TotalPrepaidAmount", "BT-113") ?? 0,
      rounding: sum("RoundingAmount", "BT-114") ?? 0,
      payable: required(sum("DuePayableAmount", "BT-115"), "the amount due (BT-115)"),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// UBL 2.1

function ublParty(party: unknown): EInvoiceParty {
  const schemes = all(party, "PartyTaxScheme");
  const isVat = (s: unknown) => at(s, "TaxScheme", "ID")?.toUpperCase() === "VAT";
  const address = one(party, "PostalAddress");
  const endpoint = one(party, "EndpointID");
  const endpointValue = text(endpoint);
  const tradingName = at(party, "PartyName", "Name");
  return {
    name: at(party, "PartyLegalEntity", "RegistrationName") ?? tradingName ?? "",
    tradingName,
    vatId: firstText(schemes.filter(isVat).map((s) => one(s, "CompanyID"))),
    taxNumber: firstText(schemes.filter((s) => !isVat(s)).map((s) => one(s, "CompanyID"))),
    street: at(address, "StreetName"),
    postalCode: at(address, "PostalZone"),
    city: at(address, "CityName"),
    country: at(address, "Country", "IdentificationCode"),
    email: at(party, "Contact", "ElectronicMail"),
    electronicAddress:
      endpointValue === null ? null : { value: endpointValue, scheme: attr(endpoint, "schemeID") },
  };
}

function ublSubLine(line: unknown, credit: boolean, where: string): EInvoiceSubLine {
  const quantity = one(line, credit ? "CreditedQuantity" : "InvoicedQuantity");
  const item = one(line, "Item");
  const tax = one(item, "ClassifiedTaxCategory");
  const price = one(line, "Price");
  return {
    id: required(at(line, "ID"), `the ID of ${where} (BT-126)`),
    name: at(item, "Name") ?? "",
    description: at(item, "Description"),
    sellerItemId: at(item, "SellersItemIdentification", "ID"),
    quantity: text(quantity),
    unitCode: attr(quantity, "unitCode"),
    price: at(price, "PriceAmount"),
    priceBaseQuantity: at(price, "BaseQuantity"),
    net: hundredthsOf(
      required(at(line, "LineExtensionAmount"), `the net amount of ${where} (BT-131)`),
      `the net amount of ${where}`,
    ),
    taxCategory: at(tax, "ID"),
    taxRateBp: amount(at(tax, "Percent"), `the VAT rate of ${where}`),
    attributes: all(item, "AdditionalItemProperty").flatMap((p) => {
      const name = at(p, "Name");
      const value = at(p, "Value");
      return name === null || value === null ? [] : [{ name, value }];
    }),
    subLines: all(line, credit ? "SubCreditNoteLine" : "SubInvoiceLine").map((sub, i) =>
      ublSubLine(sub, credit, `${where}.${i + 1}`),
    ),
  };
}

function ublLine(line: unknown, credit: boolean, where: string): EInvoiceLine {
  const read = ublSubLine(line, credit, where);
  return {
    ...read,
    quantity: required(read.quantity, `the quantity of ${where} (BT-129)`),
    price: required(read.price, `the net price of ${where} (BT-146)`),
  };
}

function readUbl(root: unknown, credit: boolean): ReadEInvoice {
  // The invoice's identity first: a document without it is no invoice, whatever else is missing.
  const number = required(at(root, "ID"), "the invoice number (BT-1)");
  const issueDate = required(
    dateOf(at(root, "IssueDate"), null, "the issue date (BT-2)"),
    "the issue date (BT-2)",
  );
  const currency = required(at(root, "DocumentCurrencyCode"), "the currency (BT-5)");
  const means = one(root, "PaymentMeans");
  const sums = one(root, "LegalMonetaryTotal");
  const sum = (name: string, bt: string) => amount(at(sums, name), `the ${bt} amount`);
  // BT-110 is the TaxTotal in the document currency; a second one may give BT-111 in the tax currency.
  const taxTotals = all(root, "TaxTotal");
  const taxTotal =
    taxTotals.find((t) => attr(one(t, "TaxAmount"), "currencyID") === currency) ??
    taxTotals.find((t) => one(t, "TaxSubtotal") !== undefined) ??
    taxTotals[0];
  const noteDetails = all(root, "Note").flatMap((n) => {
    const raw = text(n);
    if (raw === null) return [];
    // XRechnung and ZUGFeRD put BT-21 in front of the text as #CODE#, UBL having no element for it.
    const coded = /^#([A-Z]{3})#([\s\S]*)$/.exec(raw);
    return [coded ? { subjectCode: coded[1]!, text: coded[2]!.trim() } : { subjectCode: null, text: raw }];
  });
  const termTexts = all(root, "PaymentTerms", "Note")
    .map(text)
    .filter((t) => t !== null);
  return {
    syntax: "ubl",
    customizationId: at(root, "CustomizationID"),
    profileId: at(root, "ProfileID"),
    typeCode: required(
      at(root, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode"),
      "the invoice type code (BT-3)",
    ),
    number,
    issueDate,
    // A UBL 2.1 CreditNote has no DueDate; EN 16931 puts BT-9 on its payment means there.
    dueDate:
      dateOf(at(root, "DueDate"), null, "the due date (BT-9)") ??
      dateOf(firstText(all(root, "PaymentMeans", "PaymentDueDate")), null, "the due date (BT-9)"),
    currency,
    buyerReference: at(root, "BuyerReference"),
    orderReference: at(root, "OrderReference", "ID"),
    precedingInvoices: all(root, "BillingReference", "InvoiceDocumentReference").flatMap((ref) => {
      const number = at(ref, "ID");
      return number === null
        ? []
        : [{ number, issueDate: dateOf(at(ref, "IssueDate"), null, "the preceding invoice's date (BT-26)") }];
    }),
    deliveryDate: dateOf(at(root, "Delivery", "ActualDeliveryDate"), null, "the delivery date (BT-72)"),
    periodStart: dateOf(at(root, "InvoicePeriod", "StartDate"), null, "the period start (BT-73)"),
    periodEnd: dateOf(at(root, "InvoicePeriod", "EndDate"), null, "the period end (BT-74)"),
    seller: ublParty(one(root, "AccountingSupplierParty", "Party")),
    buyer: ublParty(one(root, "AccountingCustomerParty", "Party")),
    payment: {
      meansCode: at(means, "PaymentMeansCode"),
      iban: at(means, "PayeeFinancialAccount", "ID"),
      bic: at(means, "PayeeFinancialAccount", "FinancialInstitutionBranch", "ID"),
      remittance: at(means, "PaymentID"),
      terms: termTexts.length === 0 ? null : termTexts.join("\n"),
      mandateReference: at(means, "PaymentMandate", "ID"),
      debitedAccount: at(means, "PaymentMandate", "PayerFinancialAccount", "ID"),
    },
    notes: noteDetails.map((n) => n.text),
    noteDetails,
    lines: all(root, credit ? "CreditNoteLine" : "InvoiceLine").map((line, i) =>
      ublLine(line, credit, `line ${i + 1}`),
    ),
    allowancesCharges: all(root, "AllowanceCharge").map((ac, i) => {
      const tax = one(ac, "TaxCategory");
      return {
        charge: at(ac, "ChargeIndicator") === "true",
        amount: hundredthsOf(
          required(at(ac, "Amount"), `the amount of allowance or charge ${i + 1} (BT-92/BT-99)`),
          `the amount of allowance or charge ${i + 1}`,
        ),
        reason: at(ac, "AllowanceChargeReason"),
        reasonCode: at(ac, "AllowanceChargeReasonCode"),
        taxCategory: at(tax, "ID"),
        taxRateBp: amount(at(tax, "Percent"), `the VAT rate of allowance or charge ${i + 1}`),
      };
    }),
    thirdPartyPayments: all(root, "PrepaidPayment").map((p, i) => ({
      type: at(p, "ID"),
      amount: hundredthsOf(
        required(at(p, "PaidAmount"), `the amount of third party payment ${i + 1} (BT-DEX-002)`),
        `the amount of third party payment ${i + 1}`,
      ),
      description: at(p, "InstructionID"),
    })),
    vat: all(taxTotal, "TaxSubtotal").map((sub, i) => {
      const category = one(sub, "TaxCategory");
      return {
        category: required(at(category, "ID"), `the category of VAT breakdown ${i + 1} (BT-118)`),
        rateBp: amount(at(category, "Percent"), `the rate of VAT breakdown ${i + 1}`),
        taxable: hundredthsOf(
          required(at(sub, "TaxableAmount"), `the taxable amount of VAT breakdown ${i + 1} (BT-116)`),
          `the taxable amount of VAT breakdown ${i + 1}`,
        ),
        tax: hundredthsOf(
          required(at(sub, "TaxAmount"), `the tax of VAT breakdown ${i + 1} (BT-117)`),
          `the tax of VAT breakdown ${i + 1}`,
        ),
        exemptionReason: at(category, "TaxExemptionReason"),
        exemptionCode: at(category, "TaxExemptionReasonCode"),
      };
    }),
    totals: {
      lineTotal: required(sum("LineExtensionAmount", "BT-106"), "the sum of line nets (BT-106)"),
      allowances: sum("AllowanceTotalAmount", "BT-107") ?? 0,
      charges: sum("ChargeTotalAmount", "BT-108") ?? 0,
      taxExclusive: required(sum("TaxExclusiveAmount", "BT-109"), "the total without VAT (BT-109)"),
      tax: amount(at(taxTotal, "TaxAmount"), "the BT-110 amount") ?? 0,
      taxInclusive: required(sum("TaxInclusiveAmount", "BT-112"), "the total with VAT (BT-112)"),
      prepaid: sum("PrepaidAmount", "BT-113") ?? 0,
      rounding: sum("PayableRoundingAmount", "BT-114") ?? 0,
      payable: required(sum("PayableAmount", "BT-115"), "the amount due (BT-115)"),
    },
  };
}

// ---------------------------------------------------------------------------------------------

// Comments and CDATA may mention a DOCTYPE harmlessly; anywhere else one would be parsed.
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const COMMENT_OR_CDATA = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;

export function readEInvoice(xml: string | Uint8Array): ReadEInvoice {
  const content = decode(xml, true);
  // fast-xml-parser expands entities declared in a DTD (even one in the middle of the document), so
  // any DTD is refused before parsing: no external entities, no billion laughs.
  if (DECLARATION.test(content.replace(COMMENT_OR_CDATA, "")))
    throw unreadable(
      "it contains a DOCTYPE or entity declaration, which e-invoices never need",
      "Upload the invoice XML without a DOCTYPE declaration, as the supplier's software writes it.",
    );
  const valid = XMLValidator.validate(content);
  if (valid !== true)
    throw unreadable(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const root = rootOf(content);
  const syntax = syntaxOfRoot(root);
  if (!root || !syntax)
    throw unreadable(
      root
        ? `its root element <${root.local}>${root.namespace ? ` of ${root.namespace}` : " without a namespace"} is not an EN 16931 invoice (CII, UBL Invoice or CreditNote, ZUGFeRD 1.0)`
        : "it has no root element",
    );
  let parsed: Node;
  try {
    parsed = parser.parse(content) as Node;
  } catch (e) {
    throw unreadable(`it is not well-formed XML (${e instanceof Error ? e.message : String(e)})`);
  }
  const tree = one(parsed, root.local);
  if (syntax === "ubl") return readUbl(tree, root.local === "CreditNote");
  return readCii(tree, syntax);
}
