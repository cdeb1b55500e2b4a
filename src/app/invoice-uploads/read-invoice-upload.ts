// The reading job of Upload invoice (issue #17): what the file is, its e-invoice (an XML uploaded as
// it is, or the one a PDF carries), and how it meets the shop's records — the seller (this
// location?), the buyer (a customer?), the vehicle (a unit?), the number (an invoice or upload
// already?) — and whether its amounts add up. The outcome is the upload's status: `ready` with all
// of that, or `unreadable` with the reason. A PDF without an e-invoice and an image end as
// `no_e_invoice` until its text and OCR are read (the next slice).
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import {
  invoiceWithNumber,
  lockInvoiceUpload,
  matchCustomer,
  matchUnit,
  uploadsOfDocument,
} from "../../db/queries/invoice-uploads";
import { invoiceUploads } from "../../db/schema";
import { eInvoiceSyntaxOf, type ReadEInvoice, readEInvoice } from "../../domain/e-invoice/read";
import { DomainError } from "../../domain/errors";
import {
  fileKindOf,
  maxXmlBytes,
  pickEmbeddedXml,
  proposedCustomer,
  sellerMismatch,
  totalsMismatches,
  type UploadExtraction,
  type UploadReason,
  type UploadSourceKind,
  uploadReasonMessages,
  vehicleHints,
} from "../../domain/invoice-upload";
import { pdfAttachments } from "../support/invoices/pdf-attachments";

type Outcome =
  | { ok: true; sourceKind: UploadSourceKind; embeddedFile: string | null; read: ReadEInvoice }
  | { ok: false; sourceKind: UploadSourceKind; reason: UploadReason; message: string };

const refused = (
  sourceKind: UploadSourceKind,
  reason: UploadReason,
  message = uploadReasonMessages[reason],
): Outcome => ({
  ok: false,
  sourceKind,
  reason,
  message,
});

function readXml(content: Uint8Array, sourceKind: UploadSourceKind, embeddedFile: string | null): Outcome {
  if (content.length > maxXmlBytes) return refused(sourceKind, "too_large");
  try {
    return { ok: true, sourceKind, embeddedFile, read: readEInvoice(content) };
  } catch (error) {
    // The reader names what is wrong (not XML, a DOCTYPE, not an invoice, a number that is none).
    if (error instanceof DomainError) return refused(sourceKind, "not_an_invoice", error.message);
    throw error;
  }
}

/** What the file holds, without touching the database. */
export async function readDocument(content: Buffer): Promise<Outcome> {
  const kind = fileKindOf(content);
  if (kind === "image") return refused("image", "no_e_invoice");
  if (kind === "other") return refused("other", "not_an_invoice");
  if (kind === "xml") return readXml(content, "xml", null);
  const pdf = await pdfAttachments(content);
  if (!pdf.ok) return refused("pdf", pdf.reason);
  const file = pickEmbeddedXml(pdf.files, (c) => c.length <= maxXmlBytes && eInvoiceSyntaxOf(c) !== null);
  if (!file) return refused("pdf", "no_e_invoice");
  return readXml(file.content, "pdf_e_invoice", file.filename);
}

/** The job: reads the upload once (a retry after a crash finds it still `reading`). */
export async function readInvoiceUpload(db: Db, uploadId: string, now = new Date()) {
  const [pending] = await db
    .select({ content: invoiceUploads.content, status: invoiceUploads.status })
    .from(invoiceUploads)
    .where(eq(invoiceUploads.id, uploadId));
  if (pending?.status !== "reading") return;
  // Read outside the transaction: a PDF can take a while, and no row needs to be locked for it.
  const outcome = await readDocument(pending.content);
  await db.transaction(async (tx) => {
    const upload = await lockInvoiceUpload(tx, uploadId);
    if (upload?.status !== "reading") return;
    const scope = { organisationId: upload.organisationId, locationId: upload.locationId };
    const done = and(eq(invoiceUploads.id, uploadId), eq(invoiceUploads.status, "reading"));
    if (!outcome.ok) {
      await tx
        .update(invoiceUploads)
        .set({
          status: "unreadable",
          sourceKind: outcome.sourceKind,
          reason: outcome.reason,
          message: outcome.message.slice(0, 1000),
          readAt: now,
          updatedAt: now,
        })
        .where(done);
      return;
    }
    const read = outcome.read;
    const location = await loadLocation(tx, upload.locationId);
    const customer = await matchCustomer(tx, scope, {
      vatId: read.buyer.vatId,
      email: read.buyer.email,
      name: read.buyer.name,
      postalCode: read.buyer.postalCode,
    });
    const hints = vehicleHints(read);
    const number = read.number.trim();
    const existing = await invoiceWithNumber(tx, scope, number);
    const extraction: UploadExtraction = {
      embeddedFile: outcome.embeddedFile,
      eInvoice: read,
      matches: {
        sellerMismatch: sellerMismatch(read.seller, location.vatId),
        customerId: customer?.id ?? null,
        customerMatchedBy: customer?.by ?? null,
        createCustomer: customer ? null : proposedCustomer(read.buyer),
        ...hints,
        unitId: await matchUnit(tx, scope, hints, customer?.id ?? null),
        // The number is the location's once: an invoice with it is a duplicate whoever its customer is.
        duplicateOf: existing?.id ?? null,
        duplicateUploads: await uploadsOfDocument(tx, scope, {
          uploadId,
          number,
          customerId: customer?.id ?? null,
        }),
        totalsMismatch: totalsMismatches(read),
      },
    };
    await tx
      .update(invoiceUploads)
      .set({
        status: "ready",
        sourceKind: outcome.sourceKind,
        extraction,
        documentNumber: number,
        customerId: customer?.id ?? null,
        readAt: now,
        updatedAt: now,
      })
      .where(done);
  });
}
