// Dunning over HTTP (issue #15): the location's schedule, the run on demand, the review queue and the
// sent reminders, one invoice's reminders, the letter as a PDF, and pauses per invoice and customer.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { decideReminder } from "../../app/dunning/decide-reminder";
import { pauseCustomerDunning, pauseInvoiceDunning } from "../../app/dunning/pause-dunning";
import { reminderLetter } from "../../app/dunning/reminder-pdf";
import { runDunningAt } from "../../app/dunning/run-dunning";
import { saveSchedule } from "../../app/dunning/save-schedule";
import type { Db } from "../../db/client";
import { findCustomer } from "../../db/queries/customers";
import {
  findNotice,
  listNotices,
  loadSchedule,
  type NoticeRow,
  noticesOfInvoice,
} from "../../db/queries/dunning";
import { findInvoice } from "../../db/queries/invoices";
import { maxFee, maxLevels } from "../../domain/dunning";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";

const text = (what: string, max: number) =>
  z.object({
    en: z.string().trim().min(1, `Enter the ${what} in English.`).max(max),
    de: z.string().trim().min(1, `Enter the ${what} in German.`).max(max),
  });

const levelSchema = z.object({
  title: text("level's name", 80),
  daysAfterDue: z.number().int().min(1, "At least 1 day after the due date.").max(365),
  feePrivate: z.number().int().min(0).max(maxFee),
  feeBusiness: z.number().int().min(0).max(maxFee),
  text: text("letter's text", 2000),
  autoSend: z.boolean(),
});

const scheduleSchema = z.object({
  enabled: z.boolean(),
  interestEnabled: z.boolean(),
  minDaysBetween: z.number().int().min(1).max(90),
  levels: z.array(levelSchema).max(maxLevels, `At most ${maxLevels} levels.`),
});

const scheduleResponse = scheduleSchema.extend({
  /** Send it back on save; 0 for a schedule never saved (the defaults). */
  version: z.number().int(),
  saved: z.boolean(),
});

const noticeSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  customerId: z.string(),
  level: z.number().int(),
  status: z.enum(["review", "sent", "skipped"]),
  dueOn: z.string(),
  currency: z.string(),
  principal: z.number().int(),
  fee: z.number().int(),
  interest: z.number().int(),
  flatFee: z.number().int(),
  /** Fees and interest owed with this reminder, earlier reminders' included. */
  charges: z.number().int(),
  total: z.number().int(),
  sentAt: z.string().nullable(),
  sentTo: z.string().nullable(),
  mailMessageId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

const presentNotice = (n: NoticeRow): z.infer<typeof noticeSchema> => ({
  id: n.id,
  invoiceId: n.invoiceId,
  customerId: n.customerId,
  level: n.level,
  status: n.status,
  dueOn: n.dueOn,
  currency: n.currency,
  principal: n.principal,
  fee: n.fee,
  interest: n.interest,
  flatFee: n.flatFee,
  charges: n.charges,
  total: n.total,
  sentAt: n.sentAt?.toISOString() ?? null,
  sentTo: n.sentTo,
  mailMessageId: n.mailMessageId,
  decidedAt: n.decidedAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

const queueItem = noticeSchema.extend({
  invoiceNumber: z.string(),
  invoiceDueDate: z.string().nullable(),
  invoicePaused: z.boolean(),
  customerName: z.string(),
  customerEmail: z.string().nullable(),
});

const pauseBody = z.object({ paused: z.boolean() });

export const dunningRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const access = { access: "staff", permission: "receivables:manage" } as const;

  app.get(
    "/dunning/schedule",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "The location's dunning schedule (the defaults, off, until one is saved)",
        response: { 200: scheduleResponse },
      },
    },
    async (request) => loadSchedule(db, staffOf(request).locationId),
  );

  app.put(
    "/dunning/schedule",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Save the dunning schedule; levels must come later one after the other (else 422)",
        body: scheduleSchema.extend({ version: z.number().int().min(0) }),
        response: { 200: scheduleResponse },
      },
    },
    async (request) => saveSchedule(db, staffOf(request), request.body),
  );

  app.post(
    "/dunning/run",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Run dunning for the location now (the worker runs it hourly); what it sent and queued",
        response: {
          200: z.object({
            sent: z.number().int(),
            queuedForReview: z.number().int(),
            failed: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return runDunningAt(db, ctx, actor, actor);
    },
  );

  app.get(
    "/dunning/reminders",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Reminders of one status, newest first: the review queue (review), sent, or skipped",
        querystring: z.object({
          status: z.enum(["review", "sent", "skipped"]).default("review"),
          ...pageQuery,
        }),
        response: { 200: listOf(queueItem) },
      },
    },
    async (request) => {
      const page = await listNotices(db, staffOf(request), request.query);
      return {
        ...page,
        items: page.items.map((r) => ({
          ...presentNotice(r.notice),
          invoiceNumber: r.invoiceNumber ?? "",
          invoiceDueDate: r.dueDate,
          invoicePaused: r.invoicePausedAt !== null,
          customerName: r.customerName,
          customerEmail: r.customerEmail,
        })),
      };
    },
  );

  app.post(
    "/dunning/reminders/:id/decision",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Send, skip or pause (the invoice) a reminder waiting for review; 409 once decided",
        params: idParams,
        body: z.object({ decision: z.enum(["send", "skip", "pause"]) }),
        response: { 200: noticeSchema },
      },
    },
    async (request) =>
      presentNotice(
        await decideReminder(db, ctx, staffOf(request), request.params.id, request.body.decision),
      ),
  );

  app.get(
    "/dunning/reminders/:id/pdf",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["receivables"],
        summary: "The reminder letter as a PDF in the customer's language (to print or to look at)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const notice = await findNotice(db, actor, request.params.id);
      if (!notice) throw notFound("Reminder");
      const pdf = await reminderLetter(db, actor, notice);
      if (!pdf) throw notFound("Reminder");
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );

  app.get(
    "/invoices/:id/reminders",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary: "The invoice's reminders, first level first, and whether its dunning is paused",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(noticeSchema),
            paused: z.boolean(),
            customerPaused: z.boolean(),
            dunningLevel: z.number().int(),
            dunningCharges: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const invoice = await findInvoice(db, actor, request.params.id);
      if (!invoice) throw notFound("Invoice");
      const [items, customer] = await Promise.all([
        noticesOfInvoice(db, actor, invoice.id),
        findCustomer(db, actor, invoice.customerId),
      ]);
      return {
        items: items.map(presentNotice),
        paused: invoice.dunningPausedAt !== null,
        customerPaused: customer?.dunningPausedAt != null,
        dunningLevel: invoice.dunningLevel,
        dunningCharges: invoice.dunningCharges,
      };
    },
  );

  app.put(
    "/invoices/:id/dunning-pause",
    {
      config: access,
      schema: {
        tags: ["invoices"],
        summary: "Pause (the customer disputes it) or resume the dunning of one invoice",
        params: idParams,
        body: pauseBody,
        response: { 200: pauseBody },
      },
    },
    async (request) => {
      const invoice = await pauseInvoiceDunning(db, staffOf(request), request.params.id, request.body.paused);
      return { paused: invoice.dunningPausedAt !== null };
    },
  );

  app.put(
    "/customers/:id/dunning-pause",
    {
      config: access,
      schema: {
        tags: ["customers"],
        summary: "Pause or resume the dunning of all of a customer's invoices",
        params: idParams,
        body: pauseBody,
        response: { 200: pauseBody },
      },
    },
    async (request) => {
      const customer = await pauseCustomerDunning(
        db,
        staffOf(request),
        request.params.id,
        request.body.paused,
      );
      return { paused: customer.dunningPausedAt !== null };
    },
  );
};
