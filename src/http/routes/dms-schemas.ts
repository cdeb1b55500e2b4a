// What a DMS sends when it pushes an invoice it issued, and what it gets back: shared by
// POST /invoices (one) and POST /invoices/batch (up to 1,000).
import { z } from "zod";
import type { PushedInvoiceInput, PushResult } from "../../app/invoices/push-invoices";
import { sendModes } from "../../app/invoices/push-invoices";
import { checkedDocument } from "../../app/support/invoices/invoice-documents";
import { customerTypes, languages } from "../../domain/customer";
import { DomainError } from "../../domain/errors";
import { isLocalDate } from "../../domain/wall-clock";
import { problemType, statusOf, titles } from "../problem";
import { eInvoiceLineFields } from "./e-invoice-lines";

const day = z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD.");
const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullish();
const externalId = z.string().trim().min(1, "Send the DMS's id.").max(100);

const pushedCustomer = z.union([
  z
    .object({ id: z.string().min(1).max(64) })
    .meta({ description: "A customer Pitlane already has, by its id." }),
  z
    .object({
      externalId,
      name: text(200),
      type: z.enum(customerTypes),
      firstName: optional(100),
      lastName: optional(100),
      email: z.email("Enter a valid email address.").max(254).nullish(),
      phone: optional(50),
      language: z.enum(languages),
      vatId: optional(30),
      street: optional(200),
      postalCode: optional(20),
      city: optional(100),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, "Use the ISO 3166 country code (DE).")
        .nullish(),
    })
    .meta({ description: "The DMS's customer, created or updated by its externalId." }),
]);

const pushedUnit = z.union([
  z
    .object({ id: z.string().min(1).max(64) })
    .meta({ description: "A unit of the customer, by its Pitlane id." }),
  z
    .object({
      externalId,
      make: text(60),
      model: text(60),
      plate: optional(20),
      vin: optional(17),
    })
    .meta({ description: "The DMS's vehicle, created or updated by its externalId." }),
]);

export const pushLine = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(500),
  partNumber: z.string().trim().max(60).nullish(),
  quantityMilli: z
    .number()
    .int("Quantity in thousandths.")
    .min(1, "The quantity must be above zero.")
    .max(100_000_000),
  unitPrice: z.number().int("Prices are whole minor units (cents).").min(0).max(100_000_000),
  /** One of the shop's rates (Germany: 0, 700, 1900). */
  taxRateBp: z.number().int().min(0).max(10_000),
  /** labour, part, fee …: labour is counted in hours (HUR) and a part in pieces (H87) unless unitCode says otherwise. */
  kind: z.string().trim().max(30).nullish(),
  ...eInvoiceLineFields,
});

export const pushBody = z
  .object({
    /** The DMS's id of the invoice, unique per location. */
    externalId,
    /** The DMS's invoice number, printed as is (Pitlane takes none of its own). */
    number: z.string().trim().min(1, "Send the invoice number.").max(60),
    issueDate: day,
    serviceDate: day.nullish(),
    dueDate: day.nullish(),
    currency: z.string().regex(/^[A-Z]{3}$/, "Use the ISO 4217 code (EUR)."),
    customer: pushedCustomer,
    unit: pushedUnit.nullish(),
    lines: z.array(pushLine).min(1, "Add at least one line.").max(200),
    /** What the DMS's invoice says; must equal what the lines add up to (EN 16931 rounding). */
    totals: z.object({ net: z.number().int(), tax: z.number().int(), gross: z.number().int() }),
    poNumber: optional(60),
    note: optional(2000),
    /** The DMS's PDF (base64), stored and attached to the mail instead of Pitlane's rendering. */
    pdf: z
      .object({
        contentBase64: z.string().min(1).max(14_000_000),
        fileName: z.string().trim().min(1).max(200),
      })
      .nullish(),
    /** Mail the payment request at once, or wait for Send invoice (default: the location's setting). */
    send: z.enum(sendModes).nullish(),
  })
  .meta({ description: "PushedInvoiceInput: an invoice the DMS issued." });
export type PushBody = z.infer<typeof pushBody>;

export const pushedInvoiceSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    number: z.string(),
    status: z.literal("issued"),
    source: z.literal("api"),
    customerId: z.string(),
    unitId: z.string().nullable(),
    currency: z.string(),
    gross: z.number().int(),
    openAmount: z.number().int(),
    paymentStatus: z.string(),
    dueDate: z.string().nullable(),
    document: z.boolean(),
    send: z.enum(sendModes),
    sentTo: z.string().nullable(),
    paymentLink: z.object({ state: z.literal("active"), sentAt: z.string() }).nullable(),
  })
  .meta({ id: "PushedInvoice" });

export const idempotencyKeyHeader = z.string().max(255).optional().meta({
  description:
    "A new key (a UUID) per request: a retry with the same key and body gets the first answer, the same key with another body is 422",
});

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The body as the command takes it: the PDF decoded and checked (a PDF by its content). */
export function pushInputOf(
  body: PushBody,
  file?: { content: Buffer; fileName: string },
): PushedInvoiceInput {
  const { pdf, ...rest } = body;
  let document: PushedInvoiceInput["document"] = null;
  if (file) document = checkedDocument(file, "pdf");
  else if (pdf) {
    const raw = pdf.contentBase64.replace(/\s+/g, "");
    if (!base64.test(raw)) {
      throw new DomainError("validation", "The PDF is not base64.", [
        { field: "pdf.contentBase64", message: "Send the PDF's bytes in base64." },
      ]);
    }
    document = checkedDocument(
      { content: Buffer.from(raw, "base64"), fileName: pdf.fileName },
      "pdf.contentBase64",
    );
  }
  return { ...rest, document };
}

/** A problem as the batch's result lists it: the same members as a problem+json answer. */
export function problemOf(error: DomainError) {
  const status = statusOf[error.code];
  return {
    ...(error.extensions ?? {}),
    type: problemType(error.code),
    title: titles[status] ?? "Error",
    status,
    detail: error.message,
    errors: error.fields,
  };
}

export const batchResultSchema = z
  .object({
    index: z.number().int(),
    externalId: z.string().nullable(),
    status: z.enum(["created", "refused", "duplicate"]),
    invoiceId: z.string().optional(),
    invoice: pushedInvoiceSchema.optional(),
    problem: z
      .object({
        type: z.string(),
        title: z.string(),
        status: z.number().int(),
        detail: z.string(),
        errors: z.array(z.object({ field: z.string(), message: z.string() })),
      })
      .catchall(z.unknown())
      .optional(),
  })
  .meta({ id: "BatchPushResult" });

export function presentResult(r: PushResult): z.infer<typeof batchResultSchema> {
  if (r.status === "created") {
    return {
      index: r.index,
      externalId: r.externalId,
      status: r.status,
      invoiceId: r.invoice.id,
      invoice: r.invoice,
    };
  }
  if (r.status === "duplicate") {
    return {
      index: r.index,
      externalId: r.externalId,
      status: r.status,
      invoiceId: r.invoiceId,
      problem: problemOf(r.problem),
    };
  }
  return { index: r.index, externalId: r.externalId, status: r.status, problem: problemOf(r.problem) };
}
