// Invoices over HTTP: drafts (from a work order, or Create invoice by hand or by a DMS over the API),
// Issue, credit notes and the printable PDF. Payment, handover and booking build on these.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createInvoice } from "../../app/invoices/create-invoice";
import { creditInvoice } from "../../app/invoices/credit-invoice";
import { invoicePdf } from "../../app/invoices/invoice-pdf";
import { issueInvoice } from "../../app/invoices/issue-invoice";
import { updateDraft } from "../../app/invoices/update-invoice-draft";
import { version } from "../../app/support/fields";
import type { Db } from "../../db/client";
import {
  creditNotesOf,
  findInvoice,
  findListedInvoice,
  type InvoiceRow,
  type InvoiceSummaryRow,
  invoiceFilters,
  type ListedInvoice,
  latestPayLink,
  listInvoices,
  locationToday,
  paymentHistory,
} from "../../db/queries/invoices";
import { openPaymentReviews } from "../../db/queries/payments";
import type { Scope } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { isClosed, paymentStatuses } from "../../domain/invoice-case";
import { positionOf } from "../../domain/invoice-position";
import { totalsSchema } from "../../domain/totals-schema";
import { isLocalDate, toInstant, toLocal } from "../../domain/wall-clock";
import { portalOf, shopActorOf, staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";
import { invoiceExamples } from "./invoice-examples";

const lineInput = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(500),
  partNumber: z.string().trim().max(60).nullish(),
  quantityMilli: z
    .number()
    .int("Quantity in thousandths.")
    .min(1, "The quantity must be above zero.")
    .max(100_000_000),
  unitPrice: z.number().int("Prices are whole minor units (cents).").min(0).max(100_000_000),
  taxRateBp: z.number().int().min(0).max(10_000),
});
const day = z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD.");

const invoiceFields = z.object({
  id: z.string(),
  kind: z.enum(["invoice", "credit_note"]),
  number: z.string().nullable(),
  status: z.enum(["draft", "issued"]),
  source: z.enum(["work_order", "manual", "api", "upload"]),
  customerId: z.string(),
  customerName: z.string(),
  unitId: z.string().nullable(),
  unitLabel: z.string().nullable(),
  plate: z.string().nullable(),
  workOrderId: z.string().nullable(),
  creditedInvoiceId: z.string().nullable(),
  currency: z.string(),
  lines: z.array(lineInput.extend({ partNumber: z.string().nullable(), net: z.number().int() })),
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

export const invoiceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
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
      config: { access: "staff", permission: "invoices:read", examples: invoiceExamples.list },
      schema: {
        tags: ["invoices"],
        summary:
          "The invoices dashboard: newest first; filter paid_ready (Paid – ready for pick-up), delivered_unpaid, open, closed; search a part of the number, customer, plate or PO; workOrderId finds the work order's invoice; matches counted up to 10,000 (totalCapped beyond); totals of open and paid today",
        querystring: z.object({
          q: z.string().max(100).optional(),
          filter: z.enum(invoiceFilters).optional(),
          workOrderId: z.string().max(64).optional(),
          ...pageQuery,
        }),
        response: {
          200: listOf(invoiceListItemSchema).extend({
            summary: z.object({
              openTotal: z.number().int(),
              paidToday: z.number().int(),
              currency: z.string(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      // The signed-in session carries the location's zone and currency: no query for them.
      const location = request.auth!.location;
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

  app.post(
    "/invoices",
    {
      config: { access: "staff", permission: "invoices:write", examples: invoiceExamples.create },
      schema: {
        tags: ["invoices"],
        summary:
          "Create invoice: a draft with customer, unit, lines with tax rates, service date, due date, note (also for a DMS over the API)",
        body: draftBody,
        response: { 201: invoiceDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const id = await createInvoice(db, actor, request.body, "manual");
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
