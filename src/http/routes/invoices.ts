// Invoices over HTTP: drafts (from a work order, or Create invoice by hand or by a DMS over the API),
// Issue, credit notes and the printable PDF. Payment, handover and booking build on these.

import multipart from "@fastify/multipart";
import type { FastifyReply } from "fastify";
import { type FastifyPluginAsyncZod, validatorCompiler as zodValidator } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { createInvoice } from "../../app/invoices/create-invoice";
import { creditInvoice } from "../../app/invoices/credit-invoice";
import { invoicePdf } from "../../app/invoices/invoice-pdf";
import { issueInvoice } from "../../app/invoices/issue-invoice";
import { pushInvoicesIn } from "../../app/invoices/push-invoices";
import { updateDraft } from "../../app/invoices/update-invoice-draft";
import { version } from "../../app/support/fields";
import { idempotent, requestHash } from "../../app/support/invoices/idempotency";
import { maxDocumentBytes } from "../../app/support/invoices/invoice-documents";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import {
  creditNotesOf,
  findInvoice,
  findListedInvoice,
  type InvoiceRow,
  type InvoiceSummaryRow,
  invoiceByExternalId,
  invoiceFilters,
  type ListedInvoice,
  latestPayLink,
  listInvoices,
  locationToday,
  paymentHistory,
} from "../../db/queries/invoices";
import { openPaymentReviews } from "../../db/queries/payments";
import type { Scope, ShopActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { isClosed, paymentStatuses } from "../../domain/invoice-case";
import { positionOf } from "../../domain/invoice-position";
import { totalsSchema } from "../../domain/totals-schema";
import { isLocalDate, toInstant, toLocal } from "../../domain/wall-clock";
import { portalOf, shopActorOf, staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";
import {
  idempotencyKeyHeader,
  type PushBody,
  pushBody,
  pushedInvoiceSchema,
  pushInputOf,
} from "./dms-schemas";
import { eInvoiceLineFields } from "./e-invoice-lines";
import { invoiceExamples } from "./invoice-examples";

const lineInput = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(500),
  partNumber: z.string().trim().max(60).nullish(),
  quantityMilli: z
    .number()
    .int("Quantity in thousandths.")
    .min(1, "The quantity must be above zero.")
    .max(100_000_000),
  // A discount is a line with a negative price (the invoice's total must stay above zero).
  unitPrice: z.number().int("Prices are whole minor units (cents).").min(-100_000_000).max(100_000_000),
  taxRateBp: z.number().int().min(0).max(10_000),
  ...eInvoiceLineFields,
});
const day = z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD.");

/** One pushed invoice with its PDF in base64 (10 MB as a file is about 13.4 MB as text). */
const pushBodyLimit = 16 * 1024 * 1024;

/**
 * One invoice from the DMS, under its Idempotency-Key when it sent one: refused as a problem (422
 * naming the field, 409 for an externalId already pushed), else 201 with the invoice.
 */
export async function pushOne(
  db: Db,
  ctx: NotifyContext,
  actor: ShopActor,
  key: string | undefined,
  body: PushBody,
  file?: { content: Buffer; fileName: string },
) {
  const input = pushInputOf(body, file);
  return idempotent(
    db,
    actor,
    key,
    requestHash(file ? { body, file: requestHash(file.content) } : body),
    async (tx) => {
      const [result] = await pushInvoicesIn(tx, ctx, actor, [input]);
      if (result!.status !== "created") throw result!.problem;
      return { status: 201, body: result!.invoice };
    },
  );
}

const invoiceFields = z.object({
  id: z.string(),
  kind: z.enum(["invoice", "credit_note"]),
  number: z.string().nullable(),
  status: z.enum(["draft", "issued"]),
  /** api: pushed by the shop's DMS, which issued it (its number, its PDF). */
  source: z.enum(["work_order", "manual", "api", "upload"]),
  /** The DMS's id of an invoice it pushed; null for Pitlane's own. */
  externalId: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  unitId: z.string().nullable(),
  unitLabel: z.string().nullable(),
  plate: z.string().nullable(),
  workOrderId: z.string().nullable(),
  creditedInvoiceId: z.string().nullable(),
  currency: z.string(),
  lines: z.array(
    lineInput.extend({
      partNumber: z.string().nullable(),
      net: z.number().int(),
      unitCode: z.string().optional(),
    }),
  ),
  totals: totalsSchema,
  serviceDate: z.string().nullable(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  note: z.string().nullable(),
  poNumber: z.string().nullable(),
  paymentStatus: z.enum(paymentStatuses),
  received: z.number().int(),
  open: z.number().int(),
  overpaid: z.boolean(),
  deliveredAt: z.string().nullable(),
  deliveredTo: z.string().nullable(),
  bookedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentTo: z.string().nullable(),
  /** Paid (or credited), delivered and booked. */
  closed: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
const invoiceSchema = invoiceFields
  .extend({
    /** Every payment and refund, oldest first (what "Received" adds up). */
    payments: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["payment", "refund"]),
        amount: z.number().int(),
        currency: z.string(),
        /** card, paypal, instant_transfer, bank_transfer (a provider) or cash, card_terminal (the counter). */
        method: z.string(),
        /** "pos" for the counter, else the provider (stripe, sandbox). */
        source: z.string(),
        /** The provider's payment id or the terminal's receipt number. */
        reference: z.string().nullable(),
        /** The staff member who recorded it at the counter; null for a provider's event. */
        recordedBy: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: "Invoice" });
/** A row of the dashboard's list: the invoice without its lines (GET /invoices/{id} has them). */
const invoiceListItemSchema = invoiceFields.omit({ lines: true }).meta({ id: "InvoiceListItem" });

const paymentReviewSchema = z
  .object({
    id: z.string(),
    /** refund-excess: the provider reported more refunded on a payment than it brought. */
    kind: z.enum(["refund-excess"]),
    /** Minor units reported beyond what was counted. */
    amount: z.number().int(),
    currency: z.string(),
    /** The provider, and its id of the payment. */
    source: z.string(),
    reference: z.string(),
    /** The running refunded total the provider reported. */
    reportedTotal: z.number().int(),
    /** What the payment brought: refunds count up to this. */
    paymentAmount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: "PaymentReview" });

/** One invoice, with what is waiting for review on it (the list leaves that out). */
const invoiceDetailSchema = invoiceSchema
  .extend({
    /** Money reported by the provider that was not counted, until someone marks it reviewed. */
    paymentReviews: z.array(paymentReviewSchema),
    /** The issued credit notes against this invoice, oldest first (none on a credit note). */
    creditNotes: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        issueDate: z.string().nullable(),
        /** What it credits, as a positive gross in minor units (it reduces what is open). */
        gross: z.number().int(),
        currency: z.string(),
      }),
    ),
    /**
     * The payment link last mailed with Send invoice (a resend replaces it), or null when none was:
     * active, cancelled (when, by whom) or expired; when the customer first opened the page.
     */
    paymentLink: z
      .object({
        state: z.enum(["active", "cancelled", "expired"]),
        sentTo: z.string().nullable(),
        sentAt: z.string(),
        expiresAt: z.string(),
        openedAt: z.string().nullable(),
        cancelledAt: z.string().nullable(),
        cancelledBy: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: "InvoiceDetail" });

/** An invoice as the list shows it: the stored payment position as of today in the location. */
function presentListed(
  { invoice: i, customerName, make, model, plate }: ListedInvoice<InvoiceSummaryRow>,
  today: string,
) {
  const position = positionOf(i, today);
  return {
    id: i.id,
    kind: i.kind,
    number: i.number,
    status: i.status,
    source: i.source,
    externalId: i.externalId,
    customerId: i.customerId,
    customerName,
    unitId: i.unitId,
    unitLabel: make ? `${make} ${model}` : null,
    plate,
    workOrderId: i.workOrderId,
    creditedInvoiceId: i.creditedInvoiceId,
    currency: i.currency,
    totals: i.totals,
    serviceDate: i.serviceDate,
    issueDate: i.issueDate,
    // A credit note owes nothing, so it has no due date (older ones were issued with one).
    dueDate: i.kind === "credit_note" ? null : i.dueDate,
    note: i.note,
    poNumber: i.poNumber,
    paymentStatus: position.status,
    received: position.received,
    open: position.open,
    overpaid: position.overpaid,
    deliveredAt: i.deliveredAt?.toISOString() ?? null,
    deliveredTo: i.deliveredTo,
    bookedAt: i.bookedAt?.toISOString() ?? null,
    sentAt: i.sentAt?.toISOString() ?? null,
    sentTo: i.sentTo,
    closed:
      i.kind === "invoice" &&
      isClosed({ status: position.status, deliveredAt: i.deliveredAt, bookedAt: i.bookedAt }),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
  };
}

/** One invoice as the API shows it: the list's row, its lines and its payments and refunds. */
function present(row: ListedInvoice, today: string, payments: Awaited<ReturnType<typeof paymentHistory>>) {
  return {
    ...presentListed(row, today),
    lines: row.invoice.lines,
    payments: payments.map((p) => ({ ...p, at: p.at.toISOString() })),
  };
}

export const invoiceRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const load = async (actor: Scope, id: string) => {
    const [row, today, reviews, payments, creditNotes, link] = await Promise.all([
      findListedInvoice(db, actor, id),
      locationToday(db, actor.locationId),
      openPaymentReviews(db, id),
      paymentHistory(db, actor, id),
      creditNotesOf(db, actor, id),
      latestPayLink(db, actor, id),
    ]);
    if (!row) throw notFound("Invoice");
    return {
      ...present(row, today, payments),
      creditNotes,
      paymentLink: link
        ? {
            state: link.revokedAt
              ? ("cancelled" as const)
              : link.expiresAt <= new Date()
                ? ("expired" as const)
                : ("active" as const),
            sentTo: row.invoice.sentTo,
            sentAt: link.createdAt.toISOString(),
            expiresAt: link.expiresAt.toISOString(),
            openedAt: link.openedAt?.toISOString() ?? null,
            cancelledAt: link.revokedAt?.toISOString() ?? null,
            cancelledBy: link.revokedAt ? link.revokedBy : null,
          }
        : null,
      paymentReviews: reviews.map((r) => ({
        id: r.id,
        kind: r.kind,
        amount: r.amount,
        currency: r.currency,
        source: r.source,
        reference: r.reference,
        reportedTotal: r.reportedTotal,
        paymentAmount: r.paymentAmount,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  };

  app.get(
    "/invoices",
    {
      config: {
        access: "staff",
        permission: "invoices:read",
        apiScope: "invoices:read",
        examples: invoiceExamples.list,
      },
      schema: {
        tags: ["invoices"],
        summary:
          "The invoices dashboard: externalId finds the invoice a DMS pushed under its id (0 or 1 item, no summary); else newest first; filter paid_ready (Paid – ready for pick-up), delivered_unpaid, open, closed; search a part of the number, customer, plate or PO; workOrderId finds the work order's invoice; matches counted up to 10,000 (totalCapped beyond); totals of open and paid today",
        querystring: z.object({
          q: z.string().max(100).optional(),
          filter: z.enum(invoiceFilters).optional(),
          workOrderId: z.string().max(64).optional(),
          externalId: z.string().min(1).max(100).optional(),
          ...pageQuery,
        }),
        response: {
          200: listOf(invoiceListItemSchema).extend({
            summary: z
              .object({
                openTotal: z.number().int(),
                paidToday: z.number().int(),
                currency: z.string(),
              })
              .optional(),
          }),
        },
      },
    },
    async (request) => {
      const actor = shopActorOf(request);
      if (request.query.externalId !== undefined) {
        const [row, today] = await Promise.all([
          invoiceByExternalId(db, actor, request.query.externalId),
          locationToday(db, actor.locationId),
        ]);
        const items = row ? [presentListed(row, today)] : [];
        return { items, total: items.length, totalCapped: false };
      }
      // The signed-in session carries the location's zone and currency: no query for them (a key
      // has no session, so its location is read).
      const location = request.auth?.location ?? (await loadLocation(db, actor.locationId));
      const today = toLocal(new Date(), location.timeZone).date;
      const list = await listInvoices(
        db,
        actor,
        request.query,
        toInstant({ date: today, time: "00:00" }, location.timeZone),
      );
      return {
        items: list.items.map((row) => presentListed(row, today)),
        total: list.total,
        totalCapped: list.totalCapped,
        summary: { ...list.totals!, currency: location.currency },
      };
    },
  );

  app.get(
    "/invoices/:id",
    {
      config: {
        access: "staff",
        permission: "invoices:read",
        apiScope: "invoices:read",
        examples: invoiceExamples.get,
      },
      schema: {
        tags: ["invoices"],
        summary:
          "One invoice with its payment position (stored with every payment, refund and credit note; overdue as of today) and the provider-reported money waiting for review (a refund beyond its payment: counted up to the payment, the rest listed here)",
        params: idParams,
        response: { 200: invoiceDetailSchema },
      },
    },
    async (request) => load(shopActorOf(request), request.params.id),
  );

  const draftBody = z.object({
    customerId: z.string().min(1, "Choose a customer.").max(64),
    unitId: z.string().max(64).nullish(),
    lines: z.array(lineInput).max(200),
    serviceDate: day.nullish(),
    dueDate: day.nullish(),
    note: z.string().trim().max(2000).nullish(),
    poNumber: z.string().trim().max(60).nullish(),
  });

  // A DMS may send its PDF as a file: multipart/form-data with the invoice's JSON in the part
  // `invoice` and the PDF in the part `pdf`. It is turned into the JSON body (the PDF as base64), so
  // both ways are one validation and one idempotency hash.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: maxDocumentBytes, files: 1, fields: 1, parts: 2 },
  });
  app.addHook("preValidation", async (request) => {
    if (!request.isMultipart() || request.routeOptions.url !== "/api/v1/invoices") return;
    const parts = (request.body ?? {}) as Record<
      string,
      { value?: unknown; _buf?: Buffer; filename?: string }
    >;
    let invoice: unknown = parts.invoice?.value;
    try {
      // A part sent as application/json arrives parsed; one sent as text is parsed here.
      if (typeof invoice === "string") invoice = JSON.parse(invoice);
    } catch {
      throw new DomainError("validation", "The part `invoice` must be the invoice as JSON.", [
        { field: "invoice", message: "Send the invoice as JSON in the part `invoice`." },
      ]);
    }
    if (typeof invoice !== "object" || invoice === null || Array.isArray(invoice)) {
      throw new DomainError("validation", "The part `invoice` must be the invoice as JSON.", [
        { field: "invoice", message: "Send the invoice as a JSON object." },
      ]);
    }
    const file = parts.pdf;
    request.body = file?._buf
      ? {
          ...invoice,
          pdf: { contentBase64: file._buf.toString("base64"), fileName: file.filename || "invoice.pdf" },
        }
      : invoice;
  });

  // One path, two bodies: a staff draft (Create invoice) or, with externalId, an invoice the DMS
  // issued. Each is validated by its own schema, so a draft's errors read exactly as they always did.
  const isPush = (data: unknown) => typeof data === "object" && data !== null && "externalId" in data;
  app.post(
    "/invoices",
    {
      config: {
        access: "staff",
        permission: "invoices:write",
        apiScope: "invoices:write",
        examples: invoiceExamples.create,
      },
      bodyLimit: pushBodyLimit,
      validatorCompiler: ({ schema, httpPart, ...rest }) =>
        httpPart === "body"
          ? (data: unknown) =>
              zodValidator({ schema: isPush(data) ? pushBody : draftBody, httpPart, ...rest })(data)
          : zodValidator({ schema: schema as unknown as z.ZodType, httpPart, ...rest }),
      schema: {
        tags: ["invoices"],
        summary:
          "Create invoice: a draft with customer, unit, lines with tax rates, service date, due date, note. With externalId (an API key with invoices:write, or staff): an invoice the DMS issued, stored issued and frozen with the DMS's number and PDF; customer and unit by Pitlane id or upserted by their externalId; totals must equal the lines; Idempotency-Key makes a retry return the first answer; the same externalId again is 409 naming the existing invoice (invoiceId)",
        // Loose: the other headers stay on the request as they came.
        headers: z.looseObject({ "idempotency-key": idempotencyKeyHeader }),
        body: z.union([draftBody, pushBody]),
        response: { 201: z.union([invoiceDetailSchema, pushedInvoiceSchema]) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (isPush(body)) {
        const actor = shopActorOf(request);
        const push = body as PushBody;
        const answer = await pushOne(db, ctx, actor, request.headers["idempotency-key"], push);
        // 201, or the first answer's status on a repeat under the same Idempotency-Key (also 201).
        return reply.code(answer.status as 201).send(answer.body);
      }
      if (request.apiKey) {
        throw new DomainError(
          "validation",
          "An API key pushes invoices the DMS issued: send their externalId.",
          [{ field: "externalId", message: "Send the DMS's id of the invoice." }],
        );
      }
      const actor = staffOf(request);
      const id = await createInvoice(db, actor, body as z.infer<typeof draftBody>, "manual");
      return reply.code(201).send(await load(actor, id));
    },
  );

  app.patch(
    "/invoices/:id",
    {
      config: { access: "staff", permission: "invoices:write" },
      schema: {
        tags: ["invoices"],
        summary: "Change a draft (send its version); an issued invoice answers 409",
        params: idParams,
        body: draftBody.omit({ customerId: true }).partial().extend({ version }),
        response: { 200: invoiceDetailSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return load(actor, await updateDraft(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    "/invoices/:id/issue",
    {
      config: { access: "staff", permission: "invoices:write" },
      schema: {
        tags: ["invoices"],
        summary: "Issue: the next INV-<year>-<seq> of the location, and the invoice is frozen",
        params: idParams,
        response: { 200: invoiceDetailSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await issueInvoice(db, actor, request.params.id);
      return load(actor, request.params.id);
    },
  );

  app.post(
    "/invoices/:id/credit",
    {
      config: { access: "staff", permission: "invoices:write" },
      schema: {
        tags: ["invoices"],
        summary:
          "Credit note reversing the invoice in full (no lines) or in part (the lines to credit); issued at once",
        params: idParams,
        body: z.object({
          lines: z.array(lineInput).min(1).max(200).optional(),
          note: z.string().trim().max(2000).nullish(),
        }),
        response: { 201: invoiceDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const id = await creditInvoice(db, actor, request.params.id, request.body);
      return reply.code(201).send(await load(actor, id));
    },
  );

  app.get(
    "/invoices/:id/pdf",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary: "The invoice as a PDF in the customer's language (EPC QR code for euro invoices)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const invoice = await findInvoice(db, actor, request.params.id);
      if (!invoice) throw notFound("Invoice");
      return sendPdf(reply, invoice, actor);
    },
  );

  app.get(
    "/portal/invoices/:id/pdf",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One of my issued invoices as a PDF (another customer's, or a draft, is 404)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const invoice = await findInvoice(db, actor, request.params.id, actor.customerId);
      // A draft is the shop's working copy, not yet the customer's document.
      if (invoice?.status !== "issued") throw notFound("Invoice");
      return sendPdf(reply, invoice, actor);
    },
  );

  async function sendPdf(reply: FastifyReply, invoice: InvoiceRow, scope: Scope) {
    const credited = invoice.creditedInvoiceId
      ? await findInvoice(db, scope, invoice.creditedInvoiceId)
      : null;
    const pdf = await invoicePdf(db, invoice, { creditedNumber: credited?.number ?? null });
    return reply
      .type("application/pdf")
      .header("content-disposition", `inline; filename="${pdf.filename}"`)
      .header("cache-control", "private, no-store")
      .send(pdf.body);
  }
};
