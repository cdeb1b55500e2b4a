// Invoices over HTTP: drafts (from a work order, or Create invoice by hand or by a DMS over the API),
// Issue, credit notes and the printable PDF. Payment, handover and booking build on these.
import { and, desc, eq, gte, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invoicePdf } from "../../app/invoices/invoice-pdf";
import {
  createInvoice,
  creditInvoice,
  findInvoice,
  type InvoiceRow,
  issueInvoice,
  locationToday,
  updateDraft,
} from "../../app/invoices/invoices";
import { totalsSchema } from "../../app/totals-schema";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { likePattern } from "../../db/queries/customers";
import { cappedCount } from "../../db/queries/paging";
import { customers, invoicePayments, invoices, units } from "../../db/schema";
import { notFound } from "../../domain/errors";
import { isClosed, paymentPosition, paymentStatuses } from "../../domain/invoice-case";
import { isLocalDate, toInstant, toLocal } from "../../domain/wall-clock";
import { staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";

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

const invoiceSchema = z
  .object({
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
  })
  .meta({ id: "Invoice" });

type Row = {
  invoice: InvoiceRow;
  customerName: string;
  make: string | null;
  model: string | null;
  plate: string | null;
};

async function presentAll(db: Db, rows: Row[], today: string) {
  const ids = rows.map((r) => r.invoice.id);
  const [payments, credits] = ids.length
    ? await Promise.all([
        db.select().from(invoicePayments).where(inArray(invoicePayments.invoiceId, ids)),
        db
          .select({ creditedInvoiceId: invoices.creditedInvoiceId, totals: invoices.totals })
          .from(invoices)
          .where(and(inArray(invoices.creditedInvoiceId, ids), eq(invoices.status, "issued"))),
      ])
    : [[], []];
  return rows.map(({ invoice: i, customerName, make, model, plate }) => {
    const credited = credits
      .filter((c) => c.creditedInvoiceId === i.id)
      .reduce((s, c) => s + c.totals.gross, 0);
    const position = paymentPosition(
      {
        issued: i.status === "issued",
        gross: i.totals.gross,
        currency: i.currency,
        credited,
        dueDate: i.dueDate,
      },
      payments.filter((p) => p.invoiceId === i.id),
      today,
    );
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
      lines: i.lines,
      totals: i.totals,
      serviceDate: i.serviceDate,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
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
  });
}

/** What is still owed on an issued invoice: gross, less credit notes, less payments net of refunds. */
const receivedAmount = sql`coalesce((select sum(case p.kind when 'payment' then p.amount else -p.amount end) from invoice_payments p where p.invoice_id = ${invoices.id} and p.currency = ${invoices.currency}), 0)`;
const creditedAmount = sql`coalesce((select sum((c.totals->>'gross')::int) from invoices c where c.credited_invoice_id = ${invoices.id} and c.status = 'issued'), 0)`;
const openAmount = sql`greatest(0, (${invoices.totals}->>'gross')::int - ${creditedAmount} - ${receivedAmount})`;
const issuedInvoice = and(eq(invoices.kind, "invoice"), eq(invoices.status, "issued"));

const caseFilters = ["paid_ready", "delivered_unpaid", "open", "closed"] as const;
/** The dashboard's filters, in SQL so they page and count like the list. */
const caseFilter: Record<(typeof caseFilters)[number], SQL | undefined> = {
  // Paid – ready for pick-up: nothing open, the vehicle still here.
  paid_ready: and(issuedInvoice, sql`${openAmount} = 0`, isNull(invoices.deliveredAt)),
  delivered_unpaid: and(issuedInvoice, sql`${openAmount} > 0`, isNotNull(invoices.deliveredAt)),
  open: and(issuedInvoice, sql`${openAmount} > 0`),
  closed: and(
    issuedInvoice,
    sql`${openAmount} = 0`,
    isNotNull(invoices.deliveredAt),
    isNotNull(invoices.bookedAt),
  ),
};

const columns = {
  invoice: invoices,
  customerName: customers.displayName,
  make: units.make,
  model: units.model,
  plate: units.plate,
};

export const invoiceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const load = async (actor: ReturnType<typeof staffOf>, id: string) => {
    const [row] = await db
      .select(columns)
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .leftJoin(units, eq(units.id, invoices.unitId))
      .where(
        and(
          eq(invoices.id, id),
          eq(invoices.organisationId, actor.organisationId),
          eq(invoices.locationId, actor.locationId),
        ),
      );
    if (!row) throw notFound("Invoice");
    const [presented] = await presentAll(db, [row], await locationToday(db, actor.locationId));
    return presented!;
  };

  app.get(
    "/invoices",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary:
          "The invoices dashboard: newest first; filter paid_ready (Paid – ready for pick-up), delivered_unpaid, open, closed; search number, customer, plate, PO; totals of open and paid today",
        querystring: z.object({
          q: z.string().max(100).optional(),
          filter: z.enum(caseFilters).optional(),
          workOrderId: z.string().max(64).optional(),
          ...pageQuery,
        }),
        response: {
          200: listOf(invoiceSchema).extend({
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
      const conditions: (SQL | undefined)[] = [
        eq(invoices.organisationId, actor.organisationId),
        eq(invoices.locationId, actor.locationId),
      ];
      if (request.query.workOrderId) conditions.push(eq(invoices.workOrderId, request.query.workOrderId));
      if (request.query.filter) conditions.push(caseFilter[request.query.filter]);
      if (request.query.q?.trim()) {
        const p = likePattern(request.query.q.trim());
        conditions.push(
          or(
            ilike(invoices.number, p),
            ilike(customers.displayName, p),
            ilike(units.plate, p),
            ilike(invoices.poNumber, p),
          ),
        );
      }
      const where = and(...conditions);
      const rows = await db
        .select(columns)
        .from(invoices)
        .innerJoin(customers, eq(customers.id, invoices.customerId))
        .leftJoin(units, eq(units.id, invoices.unitId))
        .where(where)
        .orderBy(desc(invoices.createdAt), desc(invoices.id))
        .limit(request.query.limit)
        .offset(request.query.offset);
      const counted = await cappedCount(
        db,
        db
          .select({ id: invoices.id })
          .from(invoices)
          .innerJoin(customers, eq(customers.id, invoices.customerId))
          .leftJoin(units, eq(units.id, invoices.unitId))
          .where(where),
      );
      const location = await loadLocation(db, actor.locationId);
      const today = toLocal(new Date(), location.timeZone).date;
      const startOfToday = toInstant({ date: today, time: "00:00" }, location.timeZone);
      const [sums] = await db
        .select({
          openTotal: sql<number>`coalesce(sum(${openAmount}), 0)::bigint`,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.organisationId, actor.organisationId),
            eq(invoices.locationId, actor.locationId),
            eq(invoices.kind, "invoice"),
            eq(invoices.status, "issued"),
          ),
        );
      const [paid] = await db
        .select({
          paidToday: sql<number>`coalesce(sum(case ${invoicePayments.kind} when 'payment' then ${invoicePayments.amount} else -${invoicePayments.amount} end), 0)::bigint`,
        })
        .from(invoicePayments)
        .where(
          and(
            eq(invoicePayments.organisationId, actor.organisationId),
            eq(invoicePayments.locationId, actor.locationId),
            gte(invoicePayments.createdAt, startOfToday),
          ),
        );
      return {
        items: await presentAll(db, rows, today),
        ...counted,
        summary: {
          openTotal: Number(sums?.openTotal ?? 0),
          paidToday: Number(paid?.paidToday ?? 0),
          currency: location.currency,
        },
      };
    },
  );

  app.get(
    "/invoices/:id",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary: "One invoice with its payment position",
        params: idParams,
        response: { 200: invoiceSchema },
      },
    },
    async (request) => load(staffOf(request), request.params.id),
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
      config: { access: "staff", permission: "invoices:write" },
      schema: {
        tags: ["invoices"],
        summary:
          "Create invoice: a draft with customer, unit, lines with tax rates, service date, due date, note (also for a DMS over the API)",
        body: draftBody,
        response: { 201: invoiceSchema },
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
        body: draftBody.omit({ customerId: true }).partial().extend({ version: z.number().int().positive() }),
        response: { 200: invoiceSchema },
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
        response: { 200: invoiceSchema },
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
        response: { 201: invoiceSchema },
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
      const credited = invoice.creditedInvoiceId
        ? await findInvoice(db, actor, invoice.creditedInvoiceId)
        : null;
      const pdf = await invoicePdf(db, invoice, { creditedNumber: credited?.number ?? null });
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );
};
