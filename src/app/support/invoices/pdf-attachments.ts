// A PDF's embedded files (ZUGFeRD / Factur-X / XRechnung carry the invoice XML so), read with pdf.js
// through unpdf. What keeps a PDF from being read is told apart: a password, a damaged file, too many
// pages for an invoice.
import { getDocumentProxy } from "unpdf";
import { maxPdfPages, type UploadReason } from "../../../domain/invoice-upload";

export type PdfAttachments =
  | { ok: true; pages: number; files: { filename: string; content: Uint8Array }[] }
  | { ok: false; reason: Extract<UploadReason, "damaged" | "encrypted" | "too_many_pages">; detail: string };

export async function pdfAttachments(content: Buffer): Promise<PdfAttachments> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes the buffer over (detaches it).
    doc = await getDocumentProxy(new Uint8Array(content), { isEvalSupported: false, stopAtErrors: true });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "PasswordException") return { ok: false, reason: "encrypted", detail: String(error) };
    return { ok: false, reason: "damaged", detail: String(error) };
  }
  try {
    if (doc.numPages > maxPdfPages) {
      return { ok: false, reason: "too_many_pages", detail: `${doc.numPages} pages` };
    }
    let attachments: Record<string, { filename: string; content: Uint8Array }> | null;
    try {
      attachments = (await doc.getAttachments()) as typeof attachments;
    } catch (error) {
      return { ok: false, reason: "damaged", detail: String(error) };
    }
    const files = Object.values(attachments ?? {}).filter(
      (f) => f && typeof f.filename === "string" && f.content instanceof Uint8Array,
    );
    return { ok: true, pages: doc.numPages, files };
  } finally {
    await doc.destroy();
  }
}
