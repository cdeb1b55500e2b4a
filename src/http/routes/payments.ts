// Payments over HTTP: Send invoice and the payment link; the customer's payment page data and Pay
// now; provider webhooks (signature checked on the raw body); the counter (Paid POS), Delivered and
// Booked; and the sandbox's own checkout page, which pays through the same webhook endpoint.

import { and, desc, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import type { PhotoStore } from "../../app/inspections/photo-store";
import { invoicePdf } from "../../app/invoices/invoice-pdf";
import { book } from "../../app/payments/book-invoice";
import { cancelPaymentLink } from "../../app/payments/cancel-payment-link";
import { startCheckout } from "../../app/payments/checkout";
import { deliver } from "../../app/payments/deliver-invoice";
import { eventOutcomes, processProviderEvent } from "../../app/payments/process-event";
import { recordCounterPayment } from "../../app/payments/record-counter-payment";
import { recordMalformedEvent } from "../../app/payments/record-malformed-event";
import { recordPayLinkOpened } from "../../app/payments/record-pay-link-opened";
import { resolvePaymentReview } from "../../app/payments/resolve-payment-review";
import { sendInvoice } from "../../app/payments/send-invoice";
import { describeReason } from "../../app/support/payments/malformed-event-texts";
import { resolvePayLink } from "../../app/support/payments/pay-links";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { customers, invoices, paymentSessions } from "../../db/schema";
import { type EInvoiceFormat, eInvoiceFormatFor, formatFiles } from "../../domain/e-invoice/format";
import { DomainError, notFound } from "../../domain/errors";
import { paymentMethods, paymentStatuses } from "../../domain/invoice-case";
import { positionOf } from "../../domain/invoice-position";
import { formatMoney } from "../../domain/locale-format";
import { creditorReference, epcQrPayload } from "../../domain/payment-reference";
import { totalsSchema } from "../../domain/totals-schema";
import { isLocalDate, toLocal } from "../../domain/wall-clock";
import { clue } from "../../integrations/payments/event-body";
import {
  BadSignature,
  failureCodes,
  MalformedEvent,
  noClues,
  type ProviderEvent,
} from "../../integrations/payments/port";
import type { Providers } from "../../integrations/payments/providers";
import {
  type SandboxEventPayload,
  sandboxOutcome,
  sandboxSignatureHeader,
} from "../../integrations/payments/sandbox";
import { shopActorOf, staffOf } from "../auth";
import { idParams } from "../presenters";
import { sendProblem } from "../problem";
import { unsafeFields } from "../safe-input";
import { invoiceExamples } from "./invoice-examples";

interface Deps {
  db: Db;
  ctx: NotifyContext;
  providers: Providers;
}

const day = z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD.");
const tokenParams = z.object({ token: z.string().min(20).max(100) });

function eInvoiceOn(
  customer: Pick<typeof customers.$inferSelect, "type" | "eInvoiceFormat"> | undefined,
  locationDefault: EInvoiceFormat,
  token: string,
) {
  const format = customer ? eInvoiceFormatFor(customer, locationDefault) : "none";
  if (format === "none") return null;
  return { format, label: formatFiles[format].label, url: `/api/v1/pay/${token}/e-invoice` };
}

const payPageSchema = z
  .object({
    state: z.enum(["active", "cancelled", "expired"]),
    language: z.enum(["en", "de"]),
    /** The e-invoice the customer gets (issue #16), to download beside the PDF; null for a PDF customer. */
    eInvoice: z
      .object({
        format: z.enum(["zugferd", "xrechnung_cii", "xrechnung_ubl"]),
        label: z.string(),
        url: z.string(),
      })
      .nullable(),
    shop: z.object({
      name: z.string(),
      legalName: z.string(),
      address: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      /** The shop's logo for this page, when it has one. */
      logoUrl: z.string().nullable(),
    }),
    invoice: z.object({
      number: z.string(),
      issueDate: z.string().nullable(),
      dueDate: z.string().nullable(),
      currency: z.string(),
      customerName: z.string(),
      lines: z.array(
        z.object({
          description: z.string(),
          quantityMilli: z.number().int(),
          unitPrice: z.number().int(),
          taxRateBp: z.number().int(),
          net: z.number().int(),
        }),
      ),
      totals: totalsSchema,
      paymentStatus: z.enum(paymentStatuses),
      open: z.number().int(),
    }),
    methods: z.array(z.enum(paymentMethods)),
    bankTransfer: z
      .object({
        name: z.string(),
        iban: z.string(),
        bic: z.string().nullable(),
        reference: z.string(),
        qrDataUrl: z.string(),
      })
      .nullable(),
    /** The last checkout failed (e.g. a declined card) and nothing was paid since: the provider's words. */
    lastFailure: z.string().nullable(),
    /** Why, as a code the page says in the reader's language (null for failures recorded before codes). */
    lastFailureCode: z.enum(failureCodes).nullable(),
  })
  .meta({ id: "PaymentPage" });

export const paymentRoutes: FastifyPluginAsyncZod<Deps & { photos: PhotoStore }> = async (
  app,
  { db, ctx, providers, photos },
) => {
  // Staff: send, cancel the link, the counter, handover and booking.
  const staffRoute = { access: "staff" as const, permission: "invoices:write" as const };

  app.post(
    "/invoices/:id/send",
    {
      config: staffRoute,
      schema: {
        tags: ["invoices"],
        summary:
          "Send invoice: mail the PDF with a payment link to the customer or another address (resend replaces the link), with the due date it is owed by (not before the invoice date; it becomes the invoice's) and an optional note in the mail. A credit note is mailed with its PDF, without payment link or due date",
        params: idParams,
        body: z.object({
          to: z.email("Enter a valid email address.").nullish(),
          dueDate: day.nullish(),
          note: z.string().trim().max(2000).nullish(),
        }),
        response: { 200: z.object({ to: z.string(), dueDate: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { to, dueDate } = await sendInvoice(db, ctx, staffOf(request), request.params.id, request.body);
      return { to, dueDate };
    },
  );

  app.post(
    "/invoices/:id/payment-link/cancel",
    {
      config: staffRoute,
      schema: {
        tags: ["invoices"],
        summary:
          "Cancel the payment link (the page then says so); 409 when there is none that still works (cancelled or expired). Send invoice mails a new one",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cancelPaymentLink(db, staffOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/invoices/:id/payments",
    {
      config: staffRoute,
      schema: {
        tags: ["invoices"],
        summary:
          "Paid POS: a payment at the counter (cash or card terminal), full or partial, with a receipt reference",
        params: idParams,
        body: z.object({
          amount: z.number().int("Whole minor units (cents).").min(1, "Enter the amount paid."),
          method: z.enum(["cash", "card_terminal"], "Choose cash or card terminal."),
          reference: z.string().trim().max(100).nullish(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await recordCounterPayment(db, ctx, staffOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/invoices/:id/payment-reviews/:reviewId/resolve",
    {
      config: staffRoute,
      schema: {
        tags: ["invoices"],
        summary:
          "Mark reviewed: money the provider reported that was not counted (a refund beyond its payment) was looked at; an optional note says how it was settled",
        params: idParams.extend({ reviewId: z.string().min(1).max(64) }),
        body: z.object({ note: z.string().trim().max(2000).nullish() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { id, reviewId } = request.params;
      await resolvePaymentReview(db, staffOf(request), id, reviewId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/invoices/:id/deliver",
    {
      config: staffRoute,
      schema: {
        tags: ["invoices"],
        summary:
          "Delivered: the vehicle was picked up (an unpaid one of a customer not on account needs confirmUnpaid)",
        params: idParams,
        body: z.object({
          deliveredTo: z.string().trim().min(1, "Who picked up the vehicle?").max(200),
          confirmUnpaid: z.boolean().optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deliver(db, staffOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/invoices/:id/book",
    {
      // The DMS books too: it settled the open item (an API key with invoices:write).
      config: { ...staffRoute, apiScope: "invoices:write" as const, examples: invoiceExamples.book },
      schema: {
        tags: ["invoices"],
        summary:
          "Booked: the payment is in the bookkeeping (or the DMS settled the open item); the case closes when it is also paid and delivered",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await book(db, shopActorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // The customer's payment page.
  app.get(
    "/pay/:token",
    {
      config: { access: "public" },
      schema: {
        tags: ["payment page"],
        summary: "What the payment page shows",
        params: tokenParams,
        response: { 200: payPageSchema },
      },
    },
    async (request) => {
      const link = await resolvePayLink(db, request.params.token);
      const invoice = link.invoice;
      // The customer opened the page: the invoice shows when first (staff looking through a link do not count).
      if (link.state === "active" && request.auth?.actor.kind !== "staff")
        await recordPayLinkOpened(db, link.tokenHash);
      const [location, [customer], [lastSession]] = await Promise.all([
        loadLocation(db, invoice.locationId),
        db.select().from(customers).where(eq(customers.id, invoice.customerId)),
        db
          .select()
          .from(paymentSessions)
          .where(eq(paymentSessions.invoiceId, invoice.id))
          .orderBy(desc(paymentSessions.createdAt))
          .limit(1),
      ]);
      // The stored position (no ledger scan per page view), as of today in the shop's calendar.
      const position = positionOf(invoice, toLocal(new Date(), location.timeZone).date);
      let bankTransfer = null;
      if (
        location.paymentMethods.includes("bank_transfer") &&
        location.iban &&
        invoice.currency === "EUR" &&
        position.open > 0
      ) {
        const reference = creditorReference(invoice.number!);
        const payload = epcQrPayload({
          name: location.legalName,
          iban: location.iban,
          bic: location.bic,
          amount: position.open,
          currency: invoice.currency,
          reference,
        });
        bankTransfer = {
          name: location.legalName,
          iban: location.iban,
          bic: location.bic,
          reference,
          qrDataUrl: await QRCode.toDataURL(payload, { errorCorrectionLevel: "M", margin: 1, width: 240 }),
        };
      }
      return {
        state: link.state,
        language: customer?.language ?? "en",
        eInvoice: eInvoiceOn(customer, location.eInvoiceDefault, request.params.token),
        shop: {
          name: location.name,
          legalName: location.legalName,
          address: `${location.street}, ${location.postalCode} ${location.city}`,
          email: location.email,
          phone: location.phone,
          logoUrl: location.logoKey ? `/api/v1/pay/${request.params.token}/logo` : null,
        },
        invoice: {
          number: invoice.number!,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          currency: invoice.currency,
          customerName: customer?.displayName ?? "",
          lines: invoice.lines.map(({ partNumber: _p, ...l }) => l),
          totals: invoice.totals,
          paymentStatus: position.status,
          open: position.open,
        },
        methods: location.paymentMethods,
        bankTransfer,
        lastFailure:
          lastSession?.status === "failed" && position.open > 0 ? lastSession.failureMessage : null,
        lastFailureCode:
          lastSession?.status === "failed" && position.open > 0
            ? (failureCodes.find((c) => c === lastSession.failureCode) ?? null)
            : null,
      };
    },
  );

  app.get(
    "/pay/:token/logo",
    {
      config: { access: "public" },
      schema: {
        tags: ["payment page"],
        summary: "The shop's logo on the payment page (PNG)",
        params: tokenParams,
      },
    },
    async (request, reply) => {
      const link = await resolvePayLink(db, request.params.token);
      const location = await loadLocation(db, link.invoice.locationId);
      if (!location.logoKey) throw notFound("Logo");
      return (
        reply
          .type("image/png")
          // Its address holds the payment link's token: kept out of shared caches and off the disk.
          .header("cache-control", "private, no-store")
          .send(await photos.read(location.logoKey))
      );
    },
  );

  app.get(
    "/pay/:token/pdf",
    {
      config: { access: "public" },
      schema: {
        tags: ["payment page"],
        summary: "The invoice PDF from the payment page",
        params: tokenParams,
      },
    },
    async (request, reply) => {
      const link = await resolvePayLink(db, request.params.token);
      const pdf = await invoicePdf(db, link.invoice);
      return reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${pdf.filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf.body);
    },
  );

  app.post(
    "/pay/:token/checkout",
    {
      config: { access: "public" },
      schema: {
        tags: ["payment page"],
        summary: "Pay now: a checkout at the provider for what is open, in the chosen method",
        params: tokenParams,
        body: z.object({
          method: z.enum(paymentMethods, "Choose a payment method."),
          language: z
            .enum(["en", "de"])
            .optional()
            .describe("The page's language, for the provider's checkout"),
        }),
        response: { 200: z.object({ url: z.string() }) },
      },
    },
    async (request) =>
      startCheckout(
        db,
        providers,
        ctx.publicUrl,
        request.params.token,
        request.body.method,
        request.body.language,
      ),
  );
};

/** Provider webhooks read the raw body: the signature is over the exact bytes sent. */
export const webhookRoutes = async (app: FastifyInstance, { db, ctx, providers }: Deps) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 512 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  app.post<{ Params: { provider: string }; Body: Buffer }>(
    "/payments/webhooks/:provider",
    {
      config: { access: "public" },
      schema: {
        operationId: "receivePaymentWebhook",
        tags: ["payments"],
        summary:
          "Provider webhooks (Stripe, sandbox): signed events, each acted on once. A forged signature is 400 bad-signature and nothing is kept; a signed body that cannot be used (not JSON, no id, no data, a field missing or of the wrong type) is 400 malformed-event naming the field, stored for review, and the shop's admins and accounting are told",
        params: z.object({ provider: z.string().max(40) }),
        response: {
          200: z.object({
            received: z.literal(true),
            outcome: z.enum(eventOutcomes),
          }),
        },
      },
    },
    async (request, reply) => {
      const provider = providers.byName(request.params.provider);
      if (!provider) throw notFound("Payment provider");
      let event: ProviderEvent;
      try {
        event = await provider.parseWebhook(request.body, request.headers);
      } catch (error) {
        if (error instanceof BadSignature) {
          return sendProblem(reply, 400, "bad-signature", "The webhook signature does not match.");
        }
        if (error instanceof MalformedEvent) return malformed(reply, provider.name, request.body, error);
        throw error;
      }
      // Read and shaped by the provider, so this parse succeeds; what no text may hold (NUL, a lone
      // surrogate) would fail the event's JSON column, so it is malformed too.
      const payload: unknown = JSON.parse(request.body.toString("utf8"));
      const [unsafe] = unsafeFields(payload);
      if (unsafe) {
        const clues = {
          ...noClues,
          eventId: clue(event.eventId),
          type: clue(event.type),
          sessionId: "sessionId" in event ? clue(event.sessionId) : null,
          reference: "reference" in event ? clue(event.reference) : null,
        };
        return malformed(
          reply,
          provider.name,
          request.body,
          new MalformedEvent({ problem: "unsafe-text", field: unsafe.field }, clues),
        );
      }
      const outcome = await processProviderEvent(db, ctx, provider.name, event, payload);
      return { received: true as const, outcome };
    },
  );

  const malformed = async (reply: FastifyReply, provider: string, body: Buffer, error: MalformedEvent) => {
    await recordMalformedEvent(db, ctx, provider, body, error.reason, error.clues);
    const reason = describeReason(error.reason, "en");
    return sendProblem(
      reply,
      400,
      "malformed-event",
      `The signature matches but the event cannot be used: ${reason}. It was stored for review.`,
      [{ field: error.reason.field ?? "body", message: reason }],
    );
  };
};

const page = (title: string, body: string, lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1b1e}
h1{font-size:1.25rem}.box{border:1px solid #ced4da;border-radius:8px;padding:1rem;margin:1rem 0}
label{display:block;margin:.5rem 0 .25rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #868e96;border-radius:6px}
button{font:inherit;width:100%;min-height:44px;margin-top:.75rem;border:0;border-radius:6px;background:#1864ab;color:#fff;cursor:pointer}
button.alt{background:#343a40}.error{color:#c92a2a;font-weight:600}.note{color:#495057;font-size:.875rem}</style></head>
<body>${body}</body></html>`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The sandbox checkout's words: like a provider's hosted page, it speaks the payer's language. */
const sandboxWords = {
  en: {
    title: "Sandbox checkout",
    state: (status: string) => `This checkout is ${{ paid: "paid", failed: "failed" }[status] ?? "closed"}.`,
    back: "Back to the invoice",
    testMode: "Test mode: no real money moves.",
    card: "Card number",
    cards: "4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined",
    pay: (amount: string) => `Pay ${amount}`,
    paypal: "Pay with PayPal (sandbox)",
    instant: "Pay by instant transfer (sandbox)",
    cancel: "Cancel",
  },
  de: {
    title: "Sandbox-Zahlungsseite",
    state: (status: string) =>
      `Dieser Zahlungsvorgang ist ${{ paid: "bezahlt", failed: "fehlgeschlagen" }[status] ?? "abgeschlossen"}.`,
    back: "Zurück zur Rechnung",
    testMode: "Testmodus: Es fließt kein echtes Geld.",
    card: "Kartennummer",
    cards: "4242 4242 4242 4242 wird angenommen · 4000 0000 0000 0002 wird abgelehnt",
    pay: (amount: string) => `${amount} bezahlen`,
    paypal: "Mit PayPal bezahlen (Sandbox)",
    instant: "Per Sofortüberweisung bezahlen (Sandbox)",
    cancel: "Abbrechen",
  },
} as const;

/** The sandbox's checkout page: what a provider's hosted test checkout does, on loopback. */
export const sandboxCheckoutRoutes = async (app: FastifyInstance, { db, providers }: Omit<Deps, "ctx">) => {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const sessionOf = async (id: string) => {
    const [session] = await db
      .select()
      .from(paymentSessions)
      .where(and(eq(paymentSessions.provider, "sandbox"), eq(paymentSessions.providerSessionId, id)));
    if (!session) throw notFound("Checkout");
    return session;
  };

  app.get<{ Params: { id: string } }>(
    "/sandbox/checkout/:id",
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const session = await sessionOf(request.params.id);
      const location = await loadLocation(db, session.locationId);
      // Like a provider's hosted page, it speaks the language the payment page opened it in (a
      // checkout from before languages were kept: the customer's).
      let lang = session.language;
      if (!lang) {
        const [row] = await db
          .select({ language: customers.language })
          .from(invoices)
          .innerJoin(customers, eq(customers.id, invoices.customerId))
          .where(eq(invoices.id, session.invoiceId));
        lang = row?.language ?? "en";
      }
      const w = sandboxWords[lang];
      const amount = formatMoney(session.amount, session.currency, lang);
      const action = `/sandbox/checkout/${encodeURIComponent(request.params.id)}`;
      const body =
        session.status !== "open"
          ? `<h1>${w.title}</h1><p>${w.state(session.status)}</p><p><a href="${escapeHtml(session.returnUrl)}">${w.back}</a></p>`
          : `<h1>${w.title} · ${escapeHtml(location.name)}</h1><p class="note">${w.testMode}</p>
<div class="box"><strong>${amount}</strong></div>
${
  session.method === "card"
    ? `<form method="post" action="${action}"><input type="hidden" name="method" value="card">
<label for="card">${w.card}</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
<p class="note">${w.cards}</p><button type="submit">${w.pay(amount)}</button></form>`
    : `<form method="post" action="${action}"><input type="hidden" name="method" value="${escapeHtml(session.method)}">
<button type="submit">${session.method === "paypal" ? w.paypal : w.instant}</button></form>`
}
<form method="get" action="${escapeHtml(session.returnUrl)}"><button class="alt" type="submit">${w.cancel}</button></form>`;
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page(w.title, body, lang));
    },
  );

  app.post<{ Params: { id: string }; Body: { method?: string; card?: string } }>(
    "/sandbox/checkout/:id",
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const session = await sessionOf(request.params.id);
      if (session.status !== "open") return reply.redirect(session.returnUrl, 303);
      const outcome = sandboxOutcome(session.method, request.body?.card);
      const event: SandboxEventPayload = {
        id: `evt_sbx_${crypto.randomUUID()}`,
        type: outcome.ok ? "checkout.succeeded" : "checkout.failed",
        created: Math.floor(Date.now() / 1000),
        data: {
          sessionId: session.providerSessionId,
          reference: `pay_sbx_${session.id}`,
          amount: session.amount,
          currency: session.currency,
          method: session.method,
          ...(outcome.ok ? {} : { message: outcome.message, code: outcome.code }),
        },
      };
      // Delivered like a provider's webhook: signed, to the same endpoint, through the whole HTTP stack.
      const raw = JSON.stringify(event);
      const delivered = await app.inject({
        method: "POST",
        url: "/api/v1/payments/webhooks/sandbox",
        headers: {
          "content-type": "application/json",
          [sandboxSignatureHeader]: providers.sandbox.sign(raw),
        },
        payload: raw,
      });
      if (delivered.statusCode !== 200) {
        throw new DomainError("conflict", "The sandbox could not deliver its webhook.");
      }
      // Back to the payment page: it shows the payment, or why it failed (a declined card).
      return reply.redirect(outcome.ok ? `${session.returnUrl}?paid=1` : session.returnUrl, 303);
    },
  );
};
