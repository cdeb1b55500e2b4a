// The e-invoice generator (@e-invoice-eu/core), one for the process: building its validator costs
// over a second, a call after that about 150 ms. Its log goes nowhere: what it would warn about is
// in the error it throws.
import { FormatFactoryService, type Invoice, InvoiceService } from "@e-invoice-eu/core";

let generator: InvoiceService | undefined;
const quiet = { log() {}, warn() {}, error() {} };

export function eInvoiceGenerator(): InvoiceService {
  if (!generator) {
    mapPrecedingInvoicesIntoCii();
    generator = new InvoiceService(quiet);
  }
  return generator;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Version 2.3.4 leaves the preceding invoice (BG-3: the invoice a credit note corrects) out of CII:
 * its mapping looks for `cbc:ID` directly under `cac:BillingReference`, where its own input schema
 * allows only `cac:InvoiceDocumentReference`. So CII (XRechnung CII and the XML inside a ZUGFeRD
 * PDF) gets the reference here, where D16B puts it: after the header's monetary summation. Once the
 * library writes it, `InvoiceReferencedDocument` is there and this adds nothing.
 */
function mapPrecedingInvoicesIntoCii() {
  // The format classes are not exported; the factory's table of them is the way in.
  const factory = new FormatFactoryService() as unknown as {
    formatServices: { CII: { prototype: { generate(invoice: Invoice, options: unknown): Promise<string> } } };
  };
  const cii = factory.formatServices.CII;
  const original = cii.prototype.generate;
  cii.prototype.generate = async function generate(this: unknown, invoice: Invoice, options: unknown) {
    const xml = await original.call(this, invoice, options);
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
  };
}
