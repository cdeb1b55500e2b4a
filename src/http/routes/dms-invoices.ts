// What a DMS does beyond pushing one invoice (routes/invoices.ts): a batch of up to 1,000, each
// accepted or refused on its own; the print version of the payment request; and the location's
// default for pushed invoices (Settings → Integrations).
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { setDmsDefaults } from "../../app/integrations/set-dms-defaults";
import { printPaymentRequest } from "../../app/invoices/print-payment-request";
import {
  type PushedInvoiceInput,
  type PushResult,
  pushInvoicesIn,
  sendModes,
} from "../../app/invoices/push-invoices";
import { idempotent, requestHash } from "../../app/support/invoices/idempotency";
import type { Db } from "../../db/client";
import { entityHistory } from "../../db/queries/audit";
import { findInvoice } from "../../db/queries/invoices";
import { locations } from "../../db/schema";
import { DomainError, notFound } from "../../domain/errors";
import { shopActorOf, staffOf } from "../auth";
import { idParams } from "../presenters";
import { dmsInvoiceExamples } from "./dms-invoice-examples";
import { batchResultSchema, idempotencyKeyHeader, presentResult, pushBody, pushInputOf } from "./dms-schemas";

/** 1,000 invoices with small PDFs; beyond it the answer is 413. */
const batchBodyLimit = 64 * 1024 * 1024;
export const maxBatch = 1000;

const dmsDefaultsSchema = z.object({ sendMode: z.enum(sendModes) }).meta({ id: "DmsDefaults" });

export const dmsInvoiceRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  app.post(
    "/invoices/batch",
    {
      config: {
        access: "staff",
        permission: "invoices:write",
        apiScope: "invoices:write",
        examples: dmsInvoiceExamples.batch,
      },
      bodyLimit: batchBodyLimit,
      schema: {
        tags: ["invoices"],
        summary:
          "Push up to 1,000 invoices the DMS issued (each a PushedInvoiceInput, as POST /invoices takes one): each is created, refused (with its problem) or a duplicate of one already pushed (with its invoiceId); one bad invoice never rejects the others. Idempotency-Key makes a retry return the first answer",
        // Loose: the other headers stay on the request as they came.
        headers: z.looseObject({ "idempotency-key": idempotencyKeyHeader }),
        body: z.object({
          invoices: z
            .array(z.unknown().meta({ description: "A PushedInvoiceInput; each is checked on its own." }))
            .min(1, "Send at least one invoice.")
            .max(maxBatch, `At most ${maxBatch} invoices per batch.`),
        }),
        response: {
          200: z.object({
            created: z.number().int(),
            refused: z.number().int(),
            duplicate: z.number().int(),
            results: z.array(batchResultSchema),
          }),
        },
      },
    },
    async (request) => {
      const actor = shopActorOf(request);
      const items = request.body.invoices;
      // Each item on its own: a shape error refuses that item, not the batch.
      const early: PushResult[] = [];
      const accepted: { index: number; input: PushedInvoiceInput }[] = [];
      items.forEach((item, index) => {
        const externalId =
          typeof item === "object" &&
          item !== null &&
          typeof (item as { externalId?: unknown }).externalId === "string"
            ? (item as { externalId: string }).externalId
            : "";
        const parsed = pushBody.safeParse(item);
        if (!parsed.success) {
          early.push({
            index,
            externalId,
            status: "refused",
            problem: new DomainError(
              "validation",
              "Some fields are not valid.",
              parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })),
            ),
          });
          return;
        }
        try {
          accepted.push({ index, input: pushInputOf(parsed.data) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          early.push({ index, externalId, status: "refused", problem: error });
        }
      });
      const answer = await idempotent(
        db,
        actor,
        request.headers["idempotency-key"],
        requestHash(request.body),
        async (tx) => {
          const pushed = await pushInvoicesIn(
            tx,
            ctx,
            actor,
            accepted.map((a) => a.input),
          );
          const results = [
            ...early,
            ...pushed.map((r) => ({ ...r, index: accepted[r.index]!.index }) as PushResult),
          ].sort((a, b) => a.index - b.index);
          const count = (status: PushResult["status"]) => results.filter((r) => r.status === status).length;
          return {
            status: 200,
            body: {
              created: count("created"),
              refused: count("refused"),
              duplicate: count("duplicate"),
              results: results.map((r) => ({ ...presentResult(r), externalId: r.externalId || null })),
            },
          };
        },
      );
      return answer.body;
    },
  );

  app.get(
    "/invoices/:id/payment-request.pdf",
    {
      config: {
        access: "staff",
        permission: "invoices:read",
        apiScope: "invoices:read",
        examples: dmsInvoiceExamples.paymentRequestPdf,
      },
      schema: {
        tags: ["invoices"],
        summary:
          "Print payment request: one page for the counter with the amount open, the invoice number, a QR code to a payment link (a new one; the mailed link keeps working) and the EPC QR code for a bank transfer",
        params: idParams,
        // Documented only (any: the handler sends a Buffer, which bypasses the serializer).
        response: {
          200: {
            description: "The payment request, one A4 page (inline, not cached)",
            content: { "application/pdf": { schema: z.any().meta({ type: "string", format: "binary" }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const pdf = await printPaymentRequest(db, ctx, shopActorOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );

  app.get(
    "/invoices/:id/history",
    {
      config: { access: "staff", permission: "invoices:read", examples: dmsInvoiceExamples.history },
      schema: {
        tags: ["invoices"],
        summary:
          "The invoice's history (its audit log): who did what when; an API key is named as such (via API key …)",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.string(),
                action: z.string(),
                by: z.string(),
                /** staff, api_key, portal, link or system. */
                byKind: z.string(),
                toStatus: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const invoice = await findInvoice(db, actor, request.params.id);
      if (!invoice) throw notFound("Invoice");
      const events = await entityHistory(db, actor.organisationId, "invoice", invoice.id);
      return {
        items: events.map((e) => ({
          at: e.createdAt.toISOString(),
          action: e.action,
          by: e.actorName,
          byKind: e.actorKind,
          toStatus: e.toStatus,
        })),
      };
    },
  );

  app.get(
    "/settings/dms",
    {
      config: { access: "staff", permission: "settings:read", examples: dmsInvoiceExamples.getDefaults },
      schema: {
        tags: ["settings"],
        summary:
          "The location's defaults for invoices its DMS pushes (send the payment request at once or on Send invoice)",
        response: { 200: dmsDefaultsSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const [row] = await db
        .select({ sendMode: locations.dmsSendMode })
        .from(locations)
        .where(eq(locations.id, actor.locationId));
      return { sendMode: row!.sendMode };
    },
  );

  app.patch(
    "/settings/dms",
    {
      config: { access: "staff", permission: "settings:write", examples: dmsInvoiceExamples.setDefaults },
      schema: {
        tags: ["settings"],
        summary:
          "Change the location's default for pushed invoices: immediately (mail on arrival) or on_send",
        body: dmsDefaultsSchema,
        response: { 200: dmsDefaultsSchema },
      },
    },
    async (request) => setDmsDefaults(db, staffOf(request), request.body),
  );
};

/** A zod path as the problem names fields: lines[2].taxRateBp. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}
