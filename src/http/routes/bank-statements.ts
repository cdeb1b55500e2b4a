// Bank statements over HTTP (issue #15): upload a camt.053 or MT940 file, the imports, the entries
// by status (unmatched: the accountant's queue), and the decision on an unmatched credit.
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { assignStatementEntry } from "../../app/bank-statements/assign-statement-entry";
import { ignoreStatementEntry } from "../../app/bank-statements/ignore-statement-entry";
import { importBankStatement } from "../../app/bank-statements/import-bank-statement";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import type { Db } from "../../db/client";
import {
  findBankStatement,
  listBankStatements,
  listStatementEntries,
} from "../../db/queries/bank-statements";
import type { bankStatements } from "../../db/schema";
import { DomainError, notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";

const maxStatementBytes = 10 * 1024 * 1024;

const statementSchema = z.object({
  id: z.string(),
  format: z.enum(["camt053", "mt940"]),
  fileName: z.string(),
  reference: z.string(),
  account: z.string(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  entryCount: z.number().int(),
  /** Credits booked on an invoice by themselves. */
  matchedCount: z.number().int(),
  /** Credits waiting in the queue. */
  unmatchedCount: z.number().int(),
  /** Debits, and entries an earlier statement already brought. */
  skippedCount: z.number().int(),
  createdAt: z.string(),
});

const entryStatuses = ["matched", "unmatched", "assigned", "ignored", "skipped"] as const;
const entrySchema = z.object({
  id: z.string(),
  statementId: z.string(),
  bookingDate: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  direction: z.enum(["credit", "debit"]),
  payerName: z.string().nullable(),
  payerIban: z.string().nullable(),
  remittance: z.string(),
  status: z.enum(entryStatuses),
  matchRule: z.enum(["reference", "number", "amount_and_name", "manual"]).nullable(),
  /** Why an unmatched credit waits: no_match, more_than_open, currency, ambiguous. */
  reason: z.string().nullable(),
  /** The invoice it paid, or (unmatched) the one it seemed to be for. */
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
});

const presentStatement = (s: typeof bankStatements.$inferSelect) => ({
  ...s,
  createdAt: s.createdAt.toISOString(),
});

export const bankStatementRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  await app.register(multipart, { limits: { fileSize: maxStatementBytes, files: 1, fields: 0, parts: 2 } });
  const access = { access: "staff", permission: "receivables:manage" } as const;

  app.post(
    "/bank-statements",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary:
          'Import a bank statement (camt.053 XML or MT940; multipart/form-data, field "file", at most 10 MB)',
        description:
          "Each credit is matched to an open invoice — by RF creditor reference, then the invoice number in the " +
          "remittance text, then the exact open amount from a payer named as the customer — and booked as a bank " +
          "transfer; the rest wait as unmatched entries. The same file again records nothing (200, " +
          "`alreadyImported`); entries an overlapping statement already brought are skipped. A file that is not a " +
          "statement is refused (422) naming the line or element at fault, and nothing is recorded.",
        response: {
          200: z.object({ statement: statementSchema, alreadyImported: z.literal(true) }),
          201: z.object({ statement: statementSchema, alreadyImported: z.literal(false) }),
        },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const pick = { field: "file", message: "Choose a camt.053 (.xml) or MT940 (.sta, .txt) file." };
      if (!request.isMultipart()) {
        throw new DomainError("unsupported-media-type", "Send the statement as multipart/form-data.", [pick]);
      }
      const file = await request.file();
      if (!file) throw new DomainError("validation", "Choose a statement file.", [pick]);
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new DomainError("payload-too-large", "A statement file may be at most 10 MB.", [
            { field: "file", message: "At most 10 MB." },
          ]);
        }
        throw error;
      }
      if (content.length === 0) throw new DomainError("validation", "The file is empty.", [pick]);
      const result = await importBankStatement(db, ctx, actor, {
        content,
        fileName: file.filename || "statement",
      });
      const statement = await findBankStatement(db, actor, result.id);
      if (!statement) throw notFound("Bank statement");
      if (result.alreadyImported) {
        return reply
          .code(200)
          .send({ statement: presentStatement(statement), alreadyImported: true as const });
      }
      return reply
        .code(201)
        .send({ statement: presentStatement(statement), alreadyImported: false as const });
    },
  );

  app.get(
    "/bank-statements",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "The bank statements imported, newest first",
        querystring: z.object(pageQuery),
        response: { 200: listOf(statementSchema) },
      },
    },
    async (request) => {
      const page = await listBankStatements(db, staffOf(request), request.query);
      return { ...page, items: page.items.map(presentStatement) };
    },
  );

  app.get(
    "/bank-statements/entries",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary:
          "Statement entries by status, newest booking first (unmatched: the credits waiting for the accountant)",
        querystring: z.object({
          status: z.enum(entryStatuses).default("unmatched"),
          statementId: z.string().max(64).optional(),
          ...pageQuery,
        }),
        response: { 200: listOf(entrySchema) },
      },
    },
    async (request) => listStatementEntries(db, staffOf(request), request.query),
  );

  app.post(
    "/bank-statements/entries/:id/assign",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary:
          "Book an unmatched credit on an invoice (as a bank transfer); 409 once decided or above what is open",
        params: idParams,
        body: z.object({ invoiceId: z.string().min(1, "Pick the invoice this transfer pays.").max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await assignStatementEntry(db, ctx, staffOf(request), request.params.id, request.body.invoiceId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/bank-statements/entries/:id/ignore",
    {
      config: access,
      schema: {
        tags: ["receivables"],
        summary: "Take an unmatched credit out of the queue without booking it (not an invoice's payment)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ignoreStatementEntry(db, staffOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
