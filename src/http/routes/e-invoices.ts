// E-invoices over HTTP (issue #16): the shop, the fleet customer's portal and the payment page
// download an issued invoice's e-invoice; the shop asks what a draft still lacks for it.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type EInvoiceFile, eInvoiceDownload, eInvoiceGaps } from "../../app/invoices/e-invoice";
import { resolvePayLink } from "../../app/support/payments/pay-links";
import type { Db } from "../../db/client";
import { findInvoice } from "../../db/queries/invoices";
import { eInvoiceFormats, formatFiles } from "../../domain/e-invoice/format";
import { notFound } from "../../domain/errors";
import { portalOf, staffOf } from "../auth";
import { idParams } from "../presenters";

const producible = z.enum(["zugferd", "xrechnung_cii", "xrechnung_ubl"]);
const formatQuery = z.object({
  format: producible
    .optional()
    .meta({ description: "The format to produce; the customer's own when absent." }),
});
const tokenParams = z.object({ token: z.string().min(20).max(100) });

const send = (reply: FastifyReply, file: EInvoiceFile) =>
  reply
    .type(file.mediaType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "private, no-store")
    .send(file.body);

const fileDescription =
  "XRechnung: the XML (CII or UBL). ZUGFeRD: the invoice's PDF/A-3 with the CII XML inside (factur-x.xml). " +
  "422 names each fact the format needs and the invoice lacks; 409 when the customer gets PDF invoices and no format is asked for.";

export const eInvoiceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/invoices/:id/e-invoice",
    {
      config: { access: "staff", permission: "invoices:read", problems: [409, 422] },
      schema: {
        tags: ["invoices"],
        summary: "The issued invoice (or credit note) as an e-invoice in the customer's format",
        description: fileDescription,
        params: idParams,
        querystring: formatQuery,
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const invoice = await findInvoice(db, actor, request.params.id);
      if (!invoice) throw notFound("Invoice");
      return send(reply, await eInvoiceDownload(db, invoice, request.query.format));
    },
  );

  app.get(
    "/invoices/:id/e-invoice/check",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary: "Which e-invoice the customer gets and what the invoice still lacks for it",
        description:
          "For a draft too: the same facts Issue checks. `missing` is empty when nothing is missing.",
        params: idParams,
        response: {
          200: z.object({
            format: z.enum(eInvoiceFormats),
            label: z.string().nullable(),
            missing: z.array(z.object({ field: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const invoice = await findInvoice(db, actor, request.params.id);
      if (!invoice) throw notFound("Invoice");
      const { format, missing } = await eInvoiceGaps(db, invoice);
      return { format, label: format === "none" ? null : formatFiles[format].label, missing };
    },
  );

  app.get(
    "/portal/invoices/:id/e-invoice",
    {
      config: { access: "portal", problems: [409, 422] },
      schema: {
        tags: ["portal"],
        summary: "One of my issued invoices as an e-invoice in my format",
        description: fileDescription,
        params: idParams,
        querystring: formatQuery,
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const invoice = await findInvoice(db, actor, request.params.id, actor.customerId);
      if (invoice?.status !== "issued") throw notFound("Invoice");
      return send(reply, await eInvoiceDownload(db, invoice, request.query.format));
    },
  );

  app.get(
    "/pay/:token/e-invoice",
    {
      config: { access: "public", problems: [409, 422] },
      schema: {
        tags: ["payment page"],
        summary: "The invoice's e-invoice from the payment page, in the customer's format",
        description: fileDescription,
        params: tokenParams,
      },
    },
    async (request, reply) => {
      const link = await resolvePayLink(db, request.params.token);
      return send(reply, await eInvoiceDownload(db, link.invoice, undefined));
    },
  );
};
