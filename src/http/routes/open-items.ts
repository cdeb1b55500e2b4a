// Open items over HTTP (issue #15): the accountant's list of what customers still owe, by age, and
// the same rows as a CSV or XLSX file.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import { locationToday } from "../../db/queries/invoices";
import {
  eachOpenItem,
  listOpenItems,
  type OpenItem,
  type OpenItemsSearch,
} from "../../db/queries/open-items";
import { agingBuckets } from "../../domain/aging";
import { staffOf } from "../auth";
import { listOf, pageQuery } from "../presenters";
import { type ExportColumn, sendExport } from "../table-export";

const filters = {
  bucket: z.enum(agingBuckets).optional(),
  customerId: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
};

const openItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Whole days past the due date in the location's calendar; 0 when not yet due. */
  daysOverdue: z.number().int(),
  /** The highest reminder level sent (0: none). */
  dunningLevel: z.number().int(),
  gross: z.number().int(),
  openAmount: z.number().int(),
  currency: z.string(),
  poNumber: z.string().nullable(),
});

const bucketTotal = z.object({ count: z.number().int(), amount: z.number().int() });
const openItemsPage = listOf(openItemSchema).extend({
  /** Count and open total per aging bucket, over what the search and customer match. */
  buckets: z.object(
    Object.fromEntries(agingBuckets.map((b) => [b, bucketTotal])) as Record<
      (typeof agingBuckets)[number],
      typeof bucketTotal
    >,
  ),
  /** The location's calendar day the ages are counted to. */
  today: z.string(),
});

const headers = {
  en: {
    number: "Invoice",
    customer: "Customer",
    issueDate: "Invoice date",
    dueDate: "Due date",
    daysOverdue: "Days overdue",
    dunningLevel: "Dunning level",
    gross: "Invoice total",
    open: "Open amount",
    currency: "Currency",
    poNumber: "PO number",
  },
  de: {
    number: "Rechnung",
    customer: "Kunde",
    issueDate: "Rechnungsdatum",
    dueDate: "Fällig am",
    daysOverdue: "Tage überfällig",
    dunningLevel: "Mahnstufe",
    gross: "Rechnungsbetrag",
    open: "Offener Betrag",
    currency: "Währung",
    poNumber: "Bestellnummer",
  },
} as const;

/** The columns of the Open items screen, in its order. */
function openItemColumns(language: "en" | "de"): ExportColumn<OpenItem>[] {
  const h = headers[language];
  return [
    { header: h.number, type: "text", value: (r) => r.number, width: 18 },
    { header: h.customer, type: "text", value: (r) => r.customerName, width: 32 },
    { header: h.issueDate, type: "date", value: (r) => r.issueDate },
    { header: h.dueDate, type: "date", value: (r) => r.dueDate },
    { header: h.daysOverdue, type: "integer", value: (r) => r.daysOverdue },
    { header: h.dunningLevel, type: "integer", value: (r) => r.dunningLevel },
    { header: h.gross, type: "money", value: (r) => r.gross },
    { header: h.open, type: "money", value: (r) => r.openAmount },
    { header: h.currency, type: "text", value: (r) => r.currency, width: 9 },
    { header: h.poNumber, type: "text", value: (r) => r.poNumber, width: 18 },
  ];
}

export const openItemRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const access = { access: "staff", permission: "receivables:manage" } as const;

  app.get(
    "/open-items",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Open items: unpaid issued invoices, oldest due date first, with the aging buckets' totals",
        querystring: z.object({ ...filters, ...pageQuery }),
        response: { 200: openItemsPage },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const today = await locationToday(db, actor.locationId);
      const { limit, offset, ...search } = request.query;
      const page = await listOpenItems(db, actor, { ...(search as OpenItemsSearch), limit, offset }, today);
      return { ...page, today };
    },
  );

  app.get(
    "/open-items/export",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "The open items with the current filter as a CSV or XLSX file (the screen's columns)",
        description:
          "Streamed: the rows are read a thousand at a time while the file goes out. CSV in the language's " +
          "Excel convention (de: `;`, decimal comma, dd.mm.yyyy; en: `,`, decimal point, yyyy-mm-dd), UTF-8 " +
          "with a byte-order mark; XLSX with dates as dates and amounts as numbers.",
        querystring: z.object({
          ...filters,
          format: z.enum(["csv", "xlsx"]).default("xlsx"),
          language: z.enum(["en", "de"]).default("en"),
        }),
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const today = await locationToday(db, actor.locationId);
      const { format, language, ...search } = request.query;
      return sendExport(reply, {
        format,
        language,
        fileName: `${language === "de" ? "offene-posten" : "open-items"}-${today}`,
        sheetName: language === "de" ? "Offene Posten" : "Open items",
        columns: openItemColumns(language),
        batches: eachOpenItem(db, actor, search as OpenItemsSearch, today),
      });
    },
  );
};
