// Upload invoice over HTTP (issue #17): upload a document (answered 202 while a job reads it), the
// uploads newest first, one upload with what was read and matched, and the invoice case created
// from it.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { createInvoiceFromUpload } from "../../app/invoice-uploads/create-invoice-from-upload";
import { uploadInvoice } from "../../app/invoice-uploads/upload-invoice";
import type { Db } from "../../db/client";
import {
  findInvoiceUpload,
  findInvoiceUploadDocument,
  type InvoiceUploadView,
  listInvoiceUploads,
} from "../../db/queries/invoice-uploads";
import { DomainError, notFound } from "../../domain/errors";
import { uploadReasons, uploadSourceKinds, uploadStatuses } from "../../domain/invoice-upload";
import { staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";

const maxUploadBytes = 10 * 1024 * 1024;

const party = z.object({
  name: z.string(),
  vatId: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  email: z.string().nullable(),
});

const matchesSchema = z.object({
  sellerMismatch: z.boolean().meta({
    description: "The document's seller VAT id is not the location's: check it is this shop's invoice.",
  }),
  customerId: z.string().nullable(),
  customerMatchedBy: z.enum(["vat_id", "email", "name_postal_code"]).nullable(),
  createCustomer: party
    .omit({})
    .nullable()
    .meta({ description: "The customer Create would make (createCustomer: true) when none matched." }),
  vin: z.string().nullable(),
  plate: z.string().nullable(),
  unitId: z.string().nullable(),
  duplicateOf: z
    .string()
    .nullable()
    .meta({ description: "The location's invoice with the document's number." }),
  duplicateUploads: z.array(z.string()).meta({ description: "Other uploads of the same document." }),
  totalsMismatch: z
    .array(z.string())
    .meta({ description: "Where the document's amounts disagree; empty when they add up." }),
});

const extractionSchema = z.object({
  embeddedFile: z.string().nullable(),
  eInvoice: z
    .looseObject({
      syntax: z.string(),
      typeCode: z.string(),
      number: z.string(),
      issueDate: z.string(),
      dueDate: z.string().nullable(),
      currency: z.string(),
      buyerReference: z.string().nullable(),
      orderReference: z.string().nullable(),
      seller: z.looseObject(party.shape),
      buyer: z.looseObject(party.shape),
      lines: z.array(
        z.looseObject({ name: z.string(), quantity: z.string(), price: z.string(), net: z.number() }),
      ),
      vat: z.array(
        z.looseObject({
          category: z.string(),
          rateBp: z.number().nullable(),
          taxable: z.number(),
          tax: z.number(),
        }),
      ),
      totals: z.looseObject({
        lineTotal: z.number(),
        taxExclusive: z.number(),
        tax: z.number(),
        taxInclusive: z.number(),
        payable: z.number(),
      }),
    })
    .meta({
      description: "The e-invoice as read (domain/e-invoice/read.ts ReadEInvoice); amounts in minor units.",
    }),
  matches: matchesSchema,
});

const uploadSchema = z
  .object({
    id: z.string(),
    status: z.enum(uploadStatuses),
    sourceKind: z.enum(uploadSourceKinds).nullable(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    documentNumber: z.string().nullable(),
    customerId: z.string().nullable(),
    reason: z.enum(uploadReasons).nullable(),
    message: z.string().nullable(),
    invoiceId: z.string().nullable(),
    extraction: extractionSchema.nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "InvoiceUpload" });

const uploadRowSchema = z.object({
  id: z.string(),
  status: z.enum(uploadStatuses),
  sourceKind: z.enum(uploadSourceKinds).nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  documentNumber: z.string().nullable(),
  customerId: z.string().nullable(),
  buyerName: z.string().nullable(),
  gross: z.number().int().nullable(),
  currency: z.string().nullable(),
  reason: z.enum(uploadReasons).nullable(),
  message: z.string().nullable(),
  invoiceId: z.string().nullable(),
  createdAt: z.string(),
});

/** Media types the document is served as; anything else (HTML, SVG, …) goes out as bytes to download. */
const servedTypes = new Set([
  "application/pdf",
  "application/xml",
  "text/xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/tiff",
  "image/heic",
]);

/** The media type to serve an upload as: by what the file is, never a type that could run script. */
function servedMediaType(doc: { mediaType: string; sourceKind: string | null }): string {
  if (doc.sourceKind === "pdf" || doc.sourceKind === "pdf_e_invoice") return "application/pdf";
  if (doc.sourceKind === "xml") return "application/xml";
  const type = doc.mediaType.split(";")[0]!.trim().toLowerCase();
  if (doc.sourceKind === "image" && type.startsWith("image/") && servedTypes.has(type)) return type;
  return "application/octet-stream";
}

/** content-disposition with an ASCII fallback name and the original one (RFC 6266 / 5987). */
function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 120) || "document";
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const present = (u: InvoiceUploadView) => ({
  id: u.id,
  status: u.status,
  sourceKind: u.sourceKind,
  fileName: u.fileName,
  mediaType: u.mediaType,
  size: u.size,
  sha256: u.sha256,
  documentNumber: u.documentNumber,
  customerId: u.customerId,
  reason: u.reason,
  message: u.message,
  invoiceId: u.invoiceId,
  extraction: u.extraction as z.infer<typeof extractionSchema> | null,
  readAt: u.readAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

export const invoiceUploadRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 0, parts: 2 } });
  const write = { access: "staff", permission: "invoices:write" } as const;
  const read = { access: "staff", permission: "invoices:read" } as const;

  app.post(
    "/invoice-uploads",
    {
      config: write,
      schema: {
        operationId: "uploadInvoice",
        tags: ["invoices"],
        summary:
          'Upload an invoice document (multipart/form-data, field "file", at most 10 MB): a PDF, an image or an e-invoice XML',
        description:
          "The document is stored and read by a job: answered 202 with the upload in status `reading`; poll " +
          "GET /invoice-uploads/{id}. An XRechnung/UBL/CII XML, or a PDF with a ZUGFeRD, Factur-X or XRechnung XML " +
          "embedded, becomes `ready` with every field read and matched to the shop's customers, units and invoices. " +
          "A PDF without an e-invoice or an image ends `unreadable` (reason `no_e_invoice`: reading a PDF's text and " +
          "scans is not available yet); so does a damaged, password-protected or over-long PDF and a file that is no " +
          "invoice, each with its reason.",
        response: { 202: uploadSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const pick = { field: "file", message: "Choose the invoice's PDF or e-invoice XML." };
      if (!request.isMultipart()) {
        throw new DomainError("unsupported-media-type", "Send the document as multipart/form-data.", [pick]);
      }
      const file = await request.file();
      if (!file) throw new DomainError("validation", "Choose an invoice document.", [pick]);
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new DomainError("payload-too-large", "An invoice document may be at most 10 MB.", [
            { field: "file", message: "At most 10 MB." },
          ]);
        }
        throw error;
      }
      if (content.length === 0) throw new DomainError("validation", "The file is empty.", [pick]);
      const id = await uploadInvoice(db, ctx.queue, actor, {
        content,
        fileName: file.filename || "invoice",
        mediaType: file.mimetype || "application/octet-stream",
      });
      const upload = await findInvoiceUpload(db, actor, id);
      if (!upload) throw notFound("Invoice upload");
      return reply.code(202).send(present(upload));
    },
  );

  app.get(
    "/invoice-uploads",
    {
      config: read,
      schema: {
        tags: ["invoices"],
        summary: "The uploaded invoice documents, newest first",
        querystring: z.object(pageQuery),
        response: { 200: listOf(uploadRowSchema) },
      },
    },
    async (request) => {
      const page = await listInvoiceUploads(db, staffOf(request), request.query);
      return { ...page, items: page.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
    },
  );

  app.get(
    "/invoice-uploads/:id",
    {
      config: read,
      schema: {
        tags: ["invoices"],
        summary: "One uploaded invoice document: its status, what was read and what it matched",
        params: idParams,
        response: { 200: uploadSchema },
      },
    },
    async (request) => {
      const upload = await findInvoiceUpload(db, staffOf(request), request.params.id);
      if (!upload) throw notFound("Invoice upload");
      return present(upload);
    },
  );

  app.get(
    "/invoice-uploads/:id/document",
    {
      config: read,
      schema: {
        tags: ["invoices"],
        summary: "The uploaded document itself, as it was uploaded (inline, not cached, sandboxed)",
        description:
          "The file's bytes: a PDF as application/pdf, an XML as application/xml, an image as its type; anything " +
          "else as application/octet-stream. The file is the uploader's, so it is served with " +
          "`content-security-policy: sandbox` and `x-content-type-options: nosniff`.",
        params: idParams,
        // Documented only (any: the handler sends a Buffer, which bypasses the serializer).
        response: {
          200: {
            description: "The uploaded file",
            content: {
              "application/pdf": { schema: z.any().meta({ type: "string", format: "binary" }) },
              "application/xml": { schema: z.any().meta({ type: "string", format: "binary" }) },
              "application/octet-stream": { schema: z.any().meta({ type: "string", format: "binary" }) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const doc = await findInvoiceUploadDocument(db, staffOf(request), request.params.id);
      if (!doc) throw notFound("Invoice upload");
      return reply
        .type(servedMediaType(doc))
        .header("content-disposition", inlineDisposition(doc.fileName))
        .header("cache-control", "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .send(Buffer.from(doc.content));
    },
  );

  app.post(
    "/invoice-uploads/:id/create",
    {
      config: { ...write, problems: [409, 422] },
      schema: {
        tags: ["invoices"],
        operationId: "createInvoiceFromUpload",
        summary: "Create the invoice case from a read document: issued, under the document's own number",
        description:
          "One transaction: the customer if `createCustomer` (else the one matched, or `customerId`), the issued " +
          "invoice (a credit note for type code 381) with `source: upload`, the document's lines and totals — refused " +
          "(422 naming `lines`) when Pitlane's rounding of the lines gives other amounts than the document says — its " +
          "dates and PO number, and for a PDF the original document as the invoice's PDF. 409 when the number is " +
          "taken at the location, the document is not `ready`, or the case was already created.",
        params: idParams,
        body: z
          .object({
            customerId: z.string().min(1).max(64).optional(),
            createCustomer: z.boolean().optional(),
            number: z.string().trim().min(1, "Enter the invoice's number.").max(60).optional(),
          })
          .refine((b) => !(b.customerId && b.createCustomer), {
            message: "Either name the customer or create one, not both.",
            path: ["createCustomer"],
          })
          .default({}),
        response: {
          201: z.object({ invoiceId: z.string(), number: z.string(), upload: uploadSchema }),
        },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const invoice = await createInvoiceFromUpload(db, actor, request.params.id, request.body);
      const upload = await findInvoiceUpload(db, actor, request.params.id);
      if (!upload) throw notFound("Invoice upload");
      return reply
        .code(201)
        .send({ invoiceId: invoice.id, number: invoice.number!, upload: present(upload) });
    },
  );
};
