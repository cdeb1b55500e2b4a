// The accountant's exports over HTTP (issue #15): the payments journal as CSV or XLSX, the DATEV
// booking batch (EXTF Buchungsstapel) of invoices, credit notes and payments, and the location's
// DATEV numbers and accounts the batch books to.
import { PassThrough } from "node:stream";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { statementOfAccount } from "../../app/customers/statement-of-account";
import type { Db } from "../../db/client";
import {
  type ExportedPayment,
  eachIssuedInvoice,
  eachPayment,
  loadAccounting,
  saveAccounting,
} from "../../db/queries/accounting-exports";
import { loadLocation } from "../../db/queries/bookings";
import type { AccountingSettings } from "../../domain/accounting";
import {
  datevColumnLine,
  datevFileName,
  datevHeaderLine,
  datevLineEnd,
  datevRangeProblems,
  datevRow,
  encodeWindows1252,
  invoiceBookings,
  paymentBooking,
} from "../../domain/datev";
import { DomainError } from "../../domain/errors";
import { isLocalDate } from "../../domain/wall-clock";
import { staffOf } from "../auth";
import { idParams, localDate } from "../presenters";
import { type ExportColumn, sendExport } from "../table-export";

const access = { access: "staff", permission: "receivables:manage" } as const;

/** The longest range one export covers: three years of a dealership's journal. */
const maxRangeYears = 3;

const rangeFields = {
  from: localDate.describe("First day, in the location's calendar (yyyy-mm-dd)"),
  to: localDate.describe("Last day, inclusive (yyyy-mm-dd)"),
};

function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (range.to < range.from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end must not be before the start." });
    return;
  }
  const limit = `${Number(range.from.slice(0, 4)) + maxRangeYears}${range.from.slice(4)}`;
  if (range.to >= limit) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `An export covers at most ${maxRangeYears} years: end it before ${limit}.`,
    });
  }
}

const fileResponse = (description: string, mediaTypes: string[]) => ({
  200: {
    description,
    content: Object.fromEntries(
      mediaTypes.map((type) => [type, { schema: z.any().meta({ type: "string", format: "binary" }) }]),
    ),
  },
});

const paymentTexts = {
  en: {
    date: "Date",
    invoice: "Invoice",
    customer: "Customer",
    kind: "Kind",
    kinds: { payment: "Payment", refund: "Refund" },
    method: "Method",
    methods: {
      card: "Card",
      paypal: "PayPal",
      instant_transfer: "Instant transfer",
      bank_transfer: "Bank transfer",
      counter: "Counter",
      cash: "Cash",
      card_terminal: "Card terminal",
    } as Record<string, string>,
    source: "Source",
    reference: "Reference",
    amount: "Amount",
    currency: "Currency",
  },
  de: {
    date: "Datum",
    invoice: "Rechnung",
    customer: "Kunde",
    kind: "Art",
    kinds: { payment: "Zahlung", refund: "Erstattung" },
    method: "Zahlart",
    methods: {
      card: "Karte",
      paypal: "PayPal",
      instant_transfer: "Sofortüberweisung",
      bank_transfer: "Überweisung",
      counter: "Kasse",
      cash: "Bar",
      card_terminal: "Kartenterminal",
    } as Record<string, string>,
    source: "Quelle",
    reference: "Referenz",
    amount: "Betrag",
    currency: "Währung",
  },
} as const;

function paymentColumns(language: "en" | "de"): ExportColumn<ExportedPayment>[] {
  const h = paymentTexts[language];
  return [
    { header: h.date, type: "date", value: (r) => r.date },
    { header: h.invoice, type: "text", value: (r) => r.invoiceNumber, width: 18 },
    { header: h.customer, type: "text", value: (r) => r.customerName, width: 32 },
    { header: h.kind, type: "text", value: (r) => h.kinds[r.kind], width: 12 },
    { header: h.method, type: "text", value: (r) => h.methods[r.method] ?? r.method, width: 18 },
    { header: h.source, type: "text", value: (r) => r.source, width: 12 },
    { header: h.reference, type: "text", value: (r) => r.reference, width: 28 },
    // A refund is money going back: negative, so the column sums to what came in.
    { header: h.amount, type: "money", value: (r) => (r.kind === "refund" ? -r.amount : r.amount) },
    { header: h.currency, type: "text", value: (r) => r.currency, width: 9 },
  ];
}

// Account numbers: digits only. Ledger accounts have at most the account length's digits, the
// collective debtor (a personal account) exactly one more, as DATEV numbers them.
const account = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "Enter digits only (at most 9).");
export const accountingSchema = z
  .object({
    consultantNumber: z
      .number()
      .int("Enter a whole number.")
      .min(1001, "The consultant number is between 1001 and 9999999.")
      .max(9_999_999, "The consultant number is between 1001 and 9999999."),
    clientNumber: z
      .number()
      .int("Enter a whole number.")
      .min(1, "The client number is between 1 and 99999.")
      .max(99_999, "The client number is between 1 and 99999."),
    accountLength: z
      .number()
      .int("Enter a whole number.")
      .min(4, "The account length is 4 to 8.")
      .max(8, "The account length is 4 to 8."),
    fiscalYearStart: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "Enter the first day of the fiscal year as MM-DD.")
      .refine((s) => isLocalDate(`2001-${s}`), "That day does not exist in every year."),
    debtorAccount: account,
    revenueAccounts: z
      .record(z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, "A VAT rate in percent, e.g. 19 or 7."), account)
      .refine(
        (r) => ["19", "7", "0"].every((rate) => rate in r),
        "Give revenue accounts for 19 %, 7 % and 0 %.",
      ),
    bankAccount: account,
    cashAccount: account,
    clearingAccount: account,
  })
  .superRefine((s, ctx) => {
    const ledger = (value: string, path: (string | number)[]) => {
      if (value.length > s.accountLength)
        ctx.addIssue({
          code: "custom",
          path,
          message: `A ledger account has at most ${s.accountLength} digits (the account length).`,
        });
    };
    for (const [rate, value] of Object.entries(s.revenueAccounts)) ledger(value, ["revenueAccounts", rate]);
    ledger(s.bankAccount, ["bankAccount"]);
    ledger(s.cashAccount, ["cashAccount"]);
    ledger(s.clearingAccount, ["clearingAccount"]);
    if (s.debtorAccount.length !== s.accountLength + 1)
      ctx.addIssue({
        code: "custom",
        path: ["debtorAccount"],
        message: `A debtor account has ${s.accountLength + 1} digits (one more than the account length).`,
      });
  });

/** The DATEV batch: two header lines, then a line per booking, Windows-1252, read a batch at a time. */
function sendDatev(reply: FastifyReply, fileName: string, lines: AsyncIterable<string[]>) {
  const out = new PassThrough();
  const write = async () => {
    for await (const batch of lines) {
      if (batch.length === 0) continue;
      const chunk = encodeWindows1252(batch.map((line) => `${line}${datevLineEnd}`).join(""));
      if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
    }
    out.end();
  };
  write().catch((error: unknown) => {
    reply.log.error({ err: error }, "DATEV export failed");
    out.destroy(error as Error);
  });
  return reply
    .type("text/csv; charset=windows-1252")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .header("cache-control", "private, no-store")
    .send(out);
}

const dayMonth = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;

export const accountingRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/payments/export",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Every payment and refund of the location on the days from … to, as a CSV or XLSX file",
        description:
          "The payments journal: date (the location's calendar day), invoice, customer, kind, method, " +
          "source, reference, amount (refunds negative) and currency, oldest first. Streamed a thousand " +
          "rows at a time. At most three years per file. CSV in the language's Excel convention (de: `;`, " +
          "decimal comma, dd.mm.yyyy; en: `,`), UTF-8 with a byte-order mark; XLSX with dates as dates.",
        querystring: z
          .object({
            ...rangeFields,
            format: z.enum(["csv", "xlsx"]).default("xlsx"),
            language: z.enum(["en", "de"]).default("en"),
          })
          .superRefine(checkRange),
        response: fileResponse("The payments journal as a download", [
          "text/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]),
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const { from, to, format, language } = request.query;
      const location = await loadLocation(db, actor.locationId);
      return sendExport(reply, {
        format,
        language,
        fileName: `${language === "de" ? "zahlungen" : "payments"}-${from}-${to}`,
        sheetName: language === "de" ? "Zahlungen" : "Payments",
        columns: paymentColumns(language),
        batches: eachPayment(db, actor, { from, to, timeZone: location.timeZone }),
      });
    },
  );

  app.get(
    "/datev/export",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary:
          "The DATEV booking batch (EXTF Buchungsstapel) of the invoices, credit notes and payments from … to",
        description:
          "DATEV's EXTF format version 700, category 21, format version 13: the header line, the column " +
          "line, then a booking per line — each issued invoice debtor (S) against the revenue account of " +
          "each of its VAT rates, credit notes on the H side, each payment the bank, cash or clearing " +
          "account against the debtor (refunds H). Accounts and numbers from `GET /settings/accounting`. " +
          "Windows-1252, `;`-separated, CRLF. One fiscal year per batch.",
        querystring: z.object(rangeFields).superRefine(checkRange),
        response: fileResponse("The booking batch as a download", ["text/csv"]),
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const { from, to } = request.query;
      const [settings, location] = await Promise.all([
        loadAccounting(db, actor.locationId),
        loadLocation(db, actor.locationId),
      ]);
      const problems = datevRangeProblems(from, to, settings.fiscalYearStart);
      if (problems.length) throw new DomainError("validation", problems[0]!.message, problems);
      const header = datevHeaderLine({
        settings,
        createdAt: new Date(),
        timeZone: location.timeZone,
        from,
        to,
        description: `Pitlane ${dayMonth(from)}-${dayMonth(to)}${to.slice(0, 4)}`,
        exportedBy: actor.name,
        currency: location.currency,
      });
      async function* lines(): AsyncGenerator<string[]> {
        yield [header, datevColumnLine()];
        for await (const batch of eachIssuedInvoice(db, actor, { from, to }))
          yield batch.flatMap((invoice) => invoiceBookings(invoice, settings).map(datevRow));
        for await (const batch of eachPayment(db, actor, { from, to, timeZone: location.timeZone }))
          yield batch.map((payment) => datevRow(paymentBooking(payment, settings)));
      }
      return sendDatev(reply, datevFileName(from, to), lines());
    },
  );

  app.get(
    "/settings/accounting",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "The location's DATEV numbers and accounts (SKR03's usual accounts until saved)",
        response: { 200: accountingSchema },
      },
    },
    async (request) => loadAccounting(db, staffOf(request).locationId),
  );

  app.put(
    "/settings/accounting",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Replace the location's DATEV numbers and accounts",
        description:
          "Account numbers are digits only: ledger accounts (revenue per VAT rate, bank, cash, clearing) " +
          "at most the account length, the collective debtor account one digit more.",
        body: accountingSchema,
        response: { 200: accountingSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const settings: AccountingSettings = request.body;
      await saveAccounting(db, actor, settings);
      return loadAccounting(db, actor.locationId);
    },
  );

  app.get(
    "/customers/:id/statement-of-account.pdf",
    {
      // What it shows, anyone who reads invoices sees already: the advisor hands it over at the counter.
      config: { access: "staff", permission: "invoices:read" },
      schema: {
        tags: ["receivables"],
        summary:
          "The customer's statement of account: the open invoices with their credit notes and the total open",
        description:
          "One A4 PDF in the customer's language: the shop's letterhead, the customer's address, each " +
          "issued invoice still open (number, date, due date, amount, paid, open, days overdue) with the " +
          "credit notes that reduce it, the total open and, for a euro total with the location's IBAN, " +
          "the EPC QR code for the whole amount. 404 for a customer of another location.",
        params: idParams,
        response: {
          200: {
            description: "The statement of account (inline, not cached)",
            content: { "application/pdf": { schema: z.any().meta({ type: "string", format: "binary" }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const pdf = await statementOfAccount(db, staffOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );
};
