// The e-invoice generator (@e-invoice-eu/core), one for the process: building its validator costs
// over a second, a call after that about 150 ms. Its log goes nowhere: what it would warn about is
// in the error it throws.
import { FormatFactoryService, type Invoice, InvoiceService } from "@e-invoice-eu/core";

let generator: InvoiceService | undefined;
const quiet = { log() {}, warn() {}, error() {} };

export function eInvoiceGenerator(): InvoiceService {
  if (!generator) {
    mapMissingTermsIntoCii();
    generator = new InvoiceService(quiet);
  }
  return generator;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Version 2.3.4 leaves two business terms out of CII:
 * - the preceding invoice (BG-3: the invoice a credit note corrects): its mapping looks for `cbc:ID`
 *   directly under `cac:BillingReference`, where its own input schema allows only
 *   `cac:InvoiceDocumentReference`;
 * - the buyer's order reference (BT-13, the PO number) in every Factur-X profile but Extended,
 *   although EN 16931 (and Factur-X from Minimum up) carries it.
 * So CII (XRechnung CII and the XML inside a ZUGFeRD PDF) gets them here, where D16B puts them. Once
 * the library writes them, the elements are there and this adds nothing.
 */
function mapMissingTermsIntoCii() {
  // The format classes are not exported; the factory's table of them is the way in.
  const factory = new FormatFactoryService() as unknown as {
    formatServices: { CII: { prototype: { generate(invoice: Invoice, options: unknown): Promise<string> } } };
  };
  const cii = factory.formatServices.CII;
  const original = cii.prototype.generate;
  cii.prototype.generate = async function generate(this: unknown, invoice: Invoice, options: unknown) {
    const xml = await original.call(this, invoice, options);
    return withOrderReference(withPrecedingInvoices(xml, invoice), invoice);
  };
}

function withPrecedingInvoices(xml: string, invoice: Invoice): string {
  const references = invoice["ubl:Invoice"]["cac:BillingReference"] ?? [];
  const anchor = "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>";
  if (references.length === 0 || xml.includes("<ram:InvoiceReferencedDocument>") || !xml.includes(anchor)) {
    return xml;
  }
  const written = references
    .map((r) => {
      const ref = r["cac:InvoiceDocumentReference"];
      const date = ref["cbc:IssueDate"]
        ? `<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">${ref["cbc:IssueDate"].replace(/-/g, "")}</qdt:DateTimeString></ram:FormattedIssueDateTime>`
        : "";
      return `<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${escapeXml(ref["cbc:ID"])}</ram:IssuerAssignedID>${date}</ram:InvoiceReferencedDocument>`;
    })
    .join("");
  return xml.replace(anchor, `${anchor}${written}`);
}

function withOrderReference(xml: string, invoice: Invoice): string {
  const order = invoice["ubl:Invoice"]["cac:OrderReference"]?.["cbc:ID"];
  if (!order || xml.includes("<ram:BuyerOrderReferencedDocument>")) return xml;
  // D16B's order inside the header agreement: the seller's order, the buyer's, then the contract,
  // additional documents and the project; the buyer's goes before the first of those that follow.
  const agreement = /<\/ram:ApplicableHeaderTradeAgreement>/;
  const after = /<ram:(ContractReferencedDocument|AdditionalReferencedDocument|SpecifiedProcuringProject)>/;
  const start = xml.indexOf("<ram:ApplicableHeaderTradeAgreement>");
  const end = xml.search(agreement);
  if (start < 0 || end < 0) return xml;
  const inside = xml.slice(start, end);
  const next = inside.search(after);
  const at = next >= 0 ? start + next : end;
  const written = `<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>${escapeXml(order)}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>`;
  return `${xml.slice(0, at)}${written}${xml.slice(at)}`;
}
