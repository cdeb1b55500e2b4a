// The fleet customer's invoices in the portal (issue #15): open and paid, with the reminders sent for
// each (their letters to download), and *Pay now*, which opens the payment page with a fresh link.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { reminderLetter } from "../../app/dunning/reminder-pdf";
import { eInvoiceFormatOf } from "../../app/invoices/e-invoice";
import { issueCustomerLink } from "../../app/support/links/customer-links";
import type { Db } from "../../db/client";
import { findNotice } from "../../db/queries/dunning";
import { findInvoice, locationToday } from "../../db/queries/invoices";
import { listPortalInvoices, portalInvoiceStates } from "../../db/queries/portal-invoices";
import { eInvoiceFormats } from "../../domain/e-invoice/format";
import { DomainError, notFound } from "../../domain/errors";
import { statusOn } from "../../domain/invoice-case";
import { portalOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";

const payLinkDays = 120;

const portalInvoice = z.object({
  id: z.string(),
  kind: z.enum(["invoice", "credit_note"]),
  number: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  gross: z.number().int(),
  /** What is still to pay, reminders' fees and interest included. */
  open: z.number().int(),
  paymentStatus: z.enum(["invoiced", "partially_paid", "paid", "overdue", "credited", "draft"]),
  dunningLevel: z.number().int(),
  poNumber: z.string().nullable(),
  plate: z.string().nullable(),
  reminders: z.array(
    z.object({ id: z.string(), level: z.number().int(), dueOn: z.string(), total: z.number().int() }),
  ),
});

export const portalInvoiceRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  app.get(
    "/portal/invoices",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "My invoices and credit notes, newest first: open ones, paid ones, or all",
        querystring: z.object({ state: z.enum(portalInvoiceStates).default("all"), ...pageQuery }),
        response: {
          200: listOf(portalInvoice).extend({
            /** The e-invoice format my invoices come in (issue #16): each issued one downloads as it. */
            eInvoiceFormat: z.enum(eInvoiceFormats),
          }),
        },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const [page, today, eInvoiceFormat] = await Promise.all([
        listPortalInvoices(db, actor, actor.customerId, request.query),
        locationToday(db, actor.locationId),
        eInvoiceFormatOf(db, { customerId: actor.customerId, locationId: actor.locationId }),
      ]);
      return {
        ...page,
        eInvoiceFormat,
        items: page.items.map((r) => ({
          id: r.id,
          kind: r.kind,
          number: r.number ?? "",
          issueDate: r.issueDate,
          dueDate: r.dueDate,
          currency: r.currency,
          gross: r.totals.gross,
          open: r.kind === "invoice" ? r.openAmount : 0,
          paymentStatus: statusOn(r.paymentStatus, r.dueDate, today),
          dunningLevel: r.dunningLevel,
          poNumber: r.poNumber,
          plate: r.plate,
          reminders: r.reminders.map(({ invoiceId: _, ...n }) => n),
        })),
      };
    },
  );

  app.post(
    "/portal/invoices/:id/pay",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Pay one of my open invoices: the address of its payment page, with a fresh link",
        description:
          "The link is new (links are stored hashed, so a mailed one cannot be handed out again) and " +
          "leaves the mailed one working. 409 when nothing is open.",
        params: idParams,
        response: { 200: z.object({ url: z.string() }) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      return db.transaction(async (tx) => {
        const invoice = await findInvoice(tx, actor, request.params.id, actor.customerId);
        if (invoice?.status !== "issued" || invoice.kind !== "invoice") throw notFound("Invoice");
        if (invoice.openAmount <= 0) throw new DomainError("conflict", "This invoice is paid. Thank you!");
        const token = await issueCustomerLink(
          tx,
          {
            organisationId: invoice.organisationId,
            locationId: invoice.locationId,
            customerId: invoice.customerId,
            purpose: "invoice-payment",
            subjectId: invoice.id,
          },
          payLinkDays,
        );
        return { url: `${ctx.publicUrl}/pay/${token}` };
      });
    },
  );

  app.get(
    "/portal/reminders/:id/pdf",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "A reminder I received, as its PDF letter (another customer's is 404)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const notice = await findNotice(db, actor, request.params.id);
      if (notice?.customerId !== actor.customerId || notice.status !== "sent") throw notFound("Reminder");
      const pdf = await reminderLetter(db, actor, notice);
      if (!pdf) throw notFound("Reminder");
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );
};
