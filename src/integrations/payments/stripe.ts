// Stripe: a Checkout Session for the invoice amount with the configured payment method types,
// metadata linking it to the invoice and an idempotency key; webhooks verified with the SDK on the
// raw body, then read and checked (event-body.ts). Handles checkout.session.completed /
// async_payment_succeeded / async_payment_failed and charge.refunded, as Stripe documents them.
import Stripe from "stripe";
import { z } from "zod";
import { checkShape, clue, field, parseBody } from "./event-body";
import {
  BadSignature,
  type Checkout,
  type CheckoutRequest,
  type PaymentProvider,
  type ProviderEvent,
} from "./port";

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Tests point the SDK at a local fake: host, port, protocol. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

type MethodType = Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType;
const methodTypes: Record<CheckoutRequest["method"], MethodType[]> = {
  card: ["card"],
  paypal: ["paypal"],
  // Pay by bank settles at once; SEPA debit settles later (the async events).
  instant_transfer: ["pay_by_bank", "sepa_debit"],
};

export class StripeProvider implements PaymentProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
      maxNetworkRetries: 2,
    });
  }

  async createCheckout(r: CheckoutRequest): Promise<Checkout> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        allowed_payment_method_types: methodTypes[r.method],
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: r.currency.toLowerCase(),
              unit_amount: r.amount,
              product_data: { name: r.invoiceNumber },
            },
          },
        ],
        client_reference_id: r.invoiceId,
        metadata: { invoiceId: r.invoiceId, invoiceNumber: r.invoiceNumber },
        payment_intent_data: { metadata: { invoiceId: r.invoiceId, invoiceNumber: r.invoiceNumber } },
        ...(r.customerEmail ? { customer_email: r.customerEmail } : {}),
        locale: r.locale,
        success_url: r.successUrl,
        cancel_url: r.cancelUrl,
      },
      { idempotencyKey: r.idempotencyKey },
    );
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    return { sessionId: session.id, url: session.url };
  }

  async parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<ProviderEvent> {
    const signature = headers["stripe-signature"];
    // The signature first, on its own, so a failure to read the body after it is told apart from a
    // forgery (constructEvent would throw the same way for both).
    try {
      await this.stripe.webhooks.signature!.verifyHeaderAsync(
        rawBody,
        Array.isArray(signature) ? (signature[0] ?? "") : (signature ?? ""),
        this.options.webhookSecret,
      );
    } catch (error) {
      throw new BadSignature((error as Error).message);
    }
    const body = parseBody(rawBody);
    const object = field(field(body, "data"), "object");
    const intent = field(object, "payment_intent");
    const clues = {
      eventId: clue(body.id),
      type: clue(body.type),
      sessionId: field(object, "object") === "checkout.session" ? clue(field(object, "id")) : null,
      reference: clue(intent) ?? clue(field(intent, "id")),
      invoiceId:
        clue(field(field(object, "metadata"), "invoiceId")) ?? clue(field(object, "client_reference_id")),
    };
    const event = checkShape(envelope, body, clues);
    const base = { eventId: event.id, type: event.type };
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded": {
        const s = checkShape(sessionEvent, body, clues).data.object;
        // Card payments are paid on completion; bank methods complete unpaid and settle later.
        if (s.payment_status !== "paid") return { kind: "payment_pending", ...base, sessionId: s.id };
        return {
          kind: "payment_succeeded",
          ...base,
          sessionId: s.id,
          reference: typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? s.id),
          amount: s.amount_total ?? 0,
          currency: (s.currency ?? "").toUpperCase(),
          method: s.payment_method_types?.[0] ?? "card",
        };
      }
      case "checkout.session.async_payment_failed": {
        const s = checkShape(sessionEvent, body, clues).data.object;
        return {
          kind: "payment_failed",
          ...base,
          sessionId: s.id,
          message: "The bank did not complete the payment.",
          code: "not_completed",
        };
      }
      case "charge.refunded": {
        const c = checkShape(chargeEvent, body, clues).data.object;
        return {
          kind: "refunded",
          ...base,
          reference: typeof c.payment_intent === "string" ? c.payment_intent : (c.payment_intent?.id ?? c.id),
          refundedTotal: c.amount_refunded,
          currency: c.currency.toUpperCase(),
        };
      }
      default:
        return { kind: "ignored", ...base };
    }
  }
}

// What Pitlane reads of Stripe's events (https://docs.stripe.com/api/events/object): every event an
// id, a type and data.object; the handled types the fields of their object it uses.
const envelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const id = z.string().min(1).max(255);
/** Minor units that fit the ledger's integer columns. */
const minor = z.number().int().min(0).max(2_147_483_647);
const expandable = z.union([id, z.object({ id })]).nullish();
const sessionEvent = z.object({
  data: z.object({
    object: z.object({
      id,
      payment_status: z.string(),
      payment_intent: expandable,
      amount_total: minor.nullish(),
      currency: z.string().max(3).nullish(),
      payment_method_types: z.array(z.string().max(100)).nullish(),
    }),
  }),
});
const chargeEvent = z.object({
  data: z.object({
    object: z.object({
      id,
      payment_intent: expandable,
      amount_refunded: minor,
      currency: z.string().regex(/^[A-Za-z]{3}$/),
    }),
  }),
});
