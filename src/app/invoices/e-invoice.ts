// The e-invoice of an issued invoice or credit note, in the format its customer gets (issue #16):
// ZUGFeRD / Factur-X (the PDF, turned PDF/A-3, with the CII XML inside as factur-x.xml) or XRechnung
// in CII or UBL (the XML, with the PDF beside it as the visual copy). Produced when asked for (mail,
// download) from the frozen invoice, so it always says what the PDF says.
import type { Invoice } from "@e-invoice-eu/core";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import type { InvoiceRow } from "../../db/queries/invoices";
import { customers, invoices } from "../../db/schema";
import {
  checkEInvoiceReady,
  type EInvoiceSource,
  eInvoiceDocument,
  eInvoiceFileName,
  missingForEInvoice,
} from "../../domain/e-invoice/build";
import { type EInvoiceFormat, eInvoiceFormatFor, formatFiles } from "../../domain/e-invoice/format";
import { DomainError, type FieldError } from "../../domain/errors";
import { creditorReference } from "../../domain/payment-reference";
import { eInvoiceGenerator } from "./e-invoice-generator";
import { invoicePdf, partiesFor } from "./invoice-pdf";

/** The format this invoice's customer gets now (their own, else the location's default for a business). */
export async function eInvoiceFormatOf(db: DbOrTx, invoice: Pick<InvoiceRow, "customerId" | "locationId">) {
  const [customer] = await db
    .select({ type: customers.type, eInvoiceFormat: customers.eInvoiceFormat })
    .from(customers)
    .where(eq(customers.id, invoice.customerId));
  const location = await loadLocation(db, invoice.locationId);
  return customer ? eInvoiceFormatFor(customer, location.eInvoiceDefault) : ("none" as const);
}

/** The invoice as the e-invoice's facts: frozen parties, its lines and totals, the credited invoice. */
export async function eInvoiceSourceOf(db: DbOrTx, invoice: InvoiceRow): Promise<EInvoiceSource> {
  const frozen = await partiesFor(db, invoice);
  const { vehicle } = frozen;
  // Routing facts an invoice was frozen without (issued before the customer asked for e-invoices)
  // are taken as they are now: they say where the document goes, not what it charges.
  const [customer] = await db
    .select({ buyerReference: customers.buyerReference, eInvoiceAddress: customers.eInvoiceAddress })
    .from(customers)
    .where(eq(customers.id, invoice.customerId));
  const location = await loadLocation(db, invoice.locationId);
  const seller = {
    ...frozen.seller,
    taxNumber: frozen.seller.taxNumber ?? location.taxNumber,
    eInvoiceAddress: frozen.seller.eInvoiceAddress ?? location.eInvoiceAddress,
  };
  const buyer = {
    ...frozen.buyer,
    buyerReference: frozen.buyer.buyerReference ?? customer?.buyerReference ?? null,
    eInvoiceAddress: frozen.buyer.eInvoiceAddress ?? customer?.eInvoiceAddress ?? null,
  };
  const [credited] = invoice.creditedInvoiceId
    ? await db
        .select({ number: invoices.number, issueDate: invoices.issueDate })
        .from(invoices)
        .where(eq(invoices.id, invoice.creditedInvoiceId))
    : [];
  return {
    kind: invoice.kind,
    number: invoice.number ?? "",
    issueDate: invoice.issueDate ?? "",
    dueDate: invoice.dueDate,
    serviceDate: invoice.serviceDate,
    currency: invoice.currency,
    poNumber: invoice.poNumber,
    note: invoice.note,
    credited: credited?.number ? { number: credited.number, issueDate: credited.issueDate } : null,
    lines: invoice.lines,
    totals: invoice.totals,
    seller,
    buyer,
    vehicle,
    paymentReference: invoice.number && invoice.kind === "invoice" ? creditorReference(invoice.number) : null,
  };
}

/** What the customer's format needs and the invoice lacks (empty: it can be produced, or none is needed). */
export async function eInvoiceGaps(
  db: DbOrTx,
  invoice: InvoiceRow,
): Promise<{ format: EInvoiceFormat; missing: FieldError[] }> {
  const format = await eInvoiceFormatOf(db, invoice);
  if (format === "none") return { format, missing: [] };
  return { format, missing: missingForEInvoice(await eInvoiceSourceOf(db, invoice), format) };
}

export interface EInvoiceFile {
  format: Exclude<EInvoiceFormat, "none">;
  filename: string;
  mediaType: string;
  body: Buffer;
}

/**
 * The e-invoice in the given format. ZUGFeRD needs the invoice's PDF to carry the XML; XRechnung is
 * the XML alone. Refused (422, naming each missing fact) when the invoice lacks what the format needs.
 */
export async function produceEInvoice(
  db: DbOrTx,
  invoice: InvoiceRow,
  format: Exclude<EInvoiceFormat, "none">,
  pdf: { filename: string; body: Buffer } | null,
): Promise<EInvoiceFile> {
  if (invoice.status !== "issued" || !invoice.number) {
    throw new DomainError("conflict", "Issue the invoice before producing its e-invoice.");
  }
  const source = await eInvoiceSourceOf(db, invoice);
  checkEInvoiceReady(source, format);
  const file = formatFiles[format];
  if (file.extension === "pdf" && !pdf) throw new Error("ZUGFeRD needs the invoice's PDF");
  let output: string | Uint8Array;
  try {
    output = await eInvoiceGenerator().generate(eInvoiceDocument(source) as unknown as Invoice, {
      format: file.generator,
      lang: source.buyer.language,
      ...(pdf ? { pdf: { buffer: pdf.body, filename: pdf.filename, mimetype: "application/pdf" } } : {}),
    });
  } catch (error) {
    // The generator checks the document against the standard's schema: a refusal here is a fact
    // Pitlane let through, not the user's input, so it is a server fault with the generator's words.
    throw new Error(`e-invoice ${invoice.number} (${format}) was refused by the generator`, { cause: error });
  }
  return {
    format,
    filename: eInvoiceFileName(invoice.number, file.extension),
    mediaType: file.mediaType,
    body: typeof output === "string" ? Buffer.from(output, "utf8") : Buffer.from(output),
  };
}

/**
 * The documents an invoice mail carries: the PDF alone, the ZUGFeRD PDF in its place, or the PDF and
 * the XRechnung XML. A customer whose format the invoice cannot fill gets the PDF (and the advisor a
 * refusal at issue, where the check runs first).
 */
export async function invoiceMailDocuments(
  db: DbOrTx,
  invoice: InvoiceRow,
  pdf: { filename: string; body: Buffer },
): Promise<{ filename: string; contentType: string; body: Buffer }[]> {
  const plain = { filename: pdf.filename, contentType: "application/pdf", body: pdf.body };
  const format = await eInvoiceFormatOf(db, invoice);
  if (format === "none") return [plain];
  const e = await produceEInvoice(db, invoice, format, pdf);
  if (format === "zugferd") return [{ filename: e.filename, contentType: e.mediaType, body: e.body }];
  return [plain, { filename: e.filename, contentType: e.mediaType, body: e.body }];
}

/**
 * The e-invoice to download: in the format asked for, else the customer's. A customer who gets
 * none and no format asked for is a 409 that says so (the PDF is the document then).
 */
export async function eInvoiceDownload(
  db: DbOrTx,
  invoice: InvoiceRow,
  asked: Exclude<EInvoiceFormat, "none"> | undefined,
): Promise<EInvoiceFile> {
  const format = asked ?? (await eInvoiceFormatOf(db, invoice));
  if (format === "none") {
    throw new DomainError(
      "conflict",
      "This customer gets PDF invoices: choose an e-invoice format to download one anyway.",
    );
  }
  const credited = invoice.creditedInvoiceId
    ? (
        await db
          .select({ number: invoices.number })
          .from(invoices)
          .where(eq(invoices.id, invoice.creditedInvoiceId))
      )[0]
    : undefined;
  const pdf =
    format === "zugferd" ? await invoicePdf(db, invoice, { creditedNumber: credited?.number ?? null }) : null;
  return produceEInvoice(db, invoice, format, pdf);
}
