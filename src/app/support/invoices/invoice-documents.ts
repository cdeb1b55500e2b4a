// The DMS's own PDF of an invoice it pushed, stored in the database beside the invoice (so it is
// written in the push's transaction and never out of step with it).
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { invoiceDocuments } from "../../../db/schema";
import { DomainError } from "../../../domain/errors";

export interface IncomingDocument {
  content: Buffer;
  fileName: string;
}

/** The most a pushed invoice's PDF may be. */
export const maxDocumentBytes = 10 * 1024 * 1024;

/** A PDF starts with %PDF-; anything else is refused by content, whatever its name says. */
export function checkedDocument(doc: IncomingDocument, field = "pdf") {
  if (doc.content.length === 0 || doc.content.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new DomainError("validation", "The invoice document must be a PDF.", [
      { field, message: "Send the invoice's PDF." },
    ]);
  }
  if (doc.content.length > maxDocumentBytes) {
    throw new DomainError("validation", "The invoice document is larger than 10 MB.", [
      { field, message: "Send a PDF of at most 10 MB." },
    ]);
  }
  const fileName = doc.fileName.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200) || "invoice.pdf";
  return {
    content: doc.content,
    mediaType: "application/pdf",
    fileName: fileName.toLowerCase().endsWith(".pdf") ? fileName : `${fileName}.pdf`,
    sha256: createHash("sha256").update(doc.content).digest("hex"),
    size: doc.content.length,
  };
}

export async function invoiceDocumentOf(db: DbOrTx, invoiceId: string) {
  const [row] = await db.select().from(invoiceDocuments).where(eq(invoiceDocuments.invoiceId, invoiceId));
  return row;
}
