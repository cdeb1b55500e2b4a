// The invoices dashboard as a file (issue #15): every invoice and credit note its filter and search
// match, newest first, with the dashboard's columns, streamed as CSV or XLSX.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import { type ExportedInvoice, eachInvoice, invoiceFilters, locationToday } from "../../db/queries/invoices";
import { staffOf } from "../auth";
import { type ExportColumn, sendExport } from "../table-export";

const texts = {
  en: {
    number: "Number",
    kind: "Kind",
    kinds: { invoice: "Invoice", credit_note: "Credit note" },
    customer: "Customer",
    issueDate: "Invoice date",
    serviceDate: "Service date",
    dueDate: "Due date",
    net: "Net",
    tax: "VAT",
    gross: "Gross",
    open: "Open amount",
    currency: "Currency",
    status: "Payment status",
    statuses: {
      draft: "Draft",
      invoiced: "Open",
      partially_paid: "Partially paid",
      paid: "Paid",
      credited: "Credited",
    },
    poNumber: "PO number",
    draft: "Draft",
  },
  de: {
    number: "Nummer",
    kind: "Art",
    kinds: { invoice: "Rechnung", credit_note: "Gutschrift" },
    customer: "Kunde",
    issueDate: "Rechnungsdatum",
    serviceDate: "Leistungsdatum",
    dueDate: "Fällig am",
    net: "Netto",
    tax: "USt.",
    gross: "Brutto",
    open: "Offener Betrag",
    currency: "Währung",
    status: "Zahlungsstatus",
    statuses: {
      draft: "Entwurf",
      invoiced: "Offen",
      partially_paid: "Teilweise bezahlt",
      paid: "Bezahlt",
      credited: "Gutgeschrieben",
    },
    poNumber: "Bestellnummer",
    draft: "Entwurf",
  },
} as const;

function invoiceColumns(language: "en" | "de"): ExportColumn<ExportedInvoice>[] {
  const h = texts[language];
  // A credit note's amounts are negative, as on its page, the dashboard and the PDF.
  const signed = (r: ExportedInvoice, amount: number) => (r.kind === "credit_note" ? -amount : amount);
  return [
    { header: h.number, type: "text", value: (r) => r.number ?? h.draft, width: 18 },
    { header: h.kind, type: "text", value: (r) => h.kinds[r.kind], width: 14 },
    { header: h.customer, type: "text", value: (r) => r.customerName, width: 32 },
    { header: h.issueDate, type: "date", value: (r) => r.issueDate },
    { header: h.serviceDate, type: "date", value: (r) => r.serviceDate },
    { header: h.dueDate, type: "date", value: (r) => r.dueDate },
    { header: h.net, type: "money", value: (r) => signed(r, r.net) },
    { header: h.tax, type: "money", value: (r) => signed(r, r.tax) },
    { header: h.gross, type: "money", value: (r) => signed(r, r.gross) },
    { header: h.open, type: "money", value: (r) => (r.kind === "invoice" ? r.openAmount : null) },
    { header: h.currency, type: "text", value: (r) => r.currency, width: 9 },
    {
      header: h.status,
      type: "text",
      value: (r) => h.statuses[r.paymentStatus as keyof typeof h.statuses] ?? r.paymentStatus,
      width: 18,
    },
    { header: h.poNumber, type: "text", value: (r) => r.poNumber, width: 18 },
  ];
}

export const invoiceExportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/invoices/export",
    {
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["invoices"],
        summary: "The invoices dashboard with its filter and search as a CSV or XLSX file, newest first",
        description:
          "Streamed a thousand rows at a time, so years of invoices leave in bounded memory. Credit notes' " +
          "amounts are negative. CSV in the language's Excel convention (de: `;`, decimal comma; en: `,`), " +
          "UTF-8 with a byte-order mark; XLSX with dates as dates and amounts as numbers.",
        querystring: z.object({
          filter: z.enum(invoiceFilters).optional(),
          q: z.string().trim().max(100).optional(),
          format: z.enum(["csv", "xlsx"]).default("xlsx"),
          language: z.enum(["en", "de"]).default("en"),
        }),
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const { format, language, ...search } = request.query;
      const today = await locationToday(db, actor.locationId);
      return sendExport(reply, {
        format,
        language,
        fileName: `${language === "de" ? "rechnungen" : "invoices"}-${today}`,
        sheetName: language === "de" ? "Rechnungen" : "Invoices",
        columns: invoiceColumns(language),
        batches: eachInvoice(db, actor, search),
      });
    },
  );
};
