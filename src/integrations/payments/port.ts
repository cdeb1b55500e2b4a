// The payment provider port: what Pitlane needs from a provider (a hosted checkout for an amount,
// and verified webhook events), whatever the provider. Adapters: Stripe, and a local sandbox that
// behaves like a provider's test mode and calls the same webhook endpoint.

export type ProviderMethod = "card" | "paypal" | "instant_transfer";

/**
 * Why a payment failed, as a code the payment page says in the customer's language: a provider's
 * own message is in the provider's language (Stripe's and the sandbox's are English).
 */
export const failureCodes = ["card_declined", "test_card_required", "not_completed", "declined"] as const;
export type FailureCode = (typeof failureCodes)[number];

export interface CheckoutRequest {
  invoiceId: string;
  invoiceNumber: string;
  /** Minor units. */
  amount: number;
  currency: string;
  method: ProviderMethod;
  customerEmail: string | null;
  locale: "en" | "de";
  successUrl: string;
  cancelUrl: string;
  /** Same key, same checkout: a double click never opens two. */
  idempotencyKey: string;
}

export interface Checkout {
  sessionId: string;
  url: string;
}

/** A provider event, verified and reduced to what Pitlane acts on. */
export type ProviderEvent =
  | {
      kind: "payment_succeeded";
      eventId: string;
      type: string;
      sessionId: string;
      /** The provider's payment id (Stripe: the PaymentIntent), the ledger's reference. */
      reference: string;
      amount: number;
      currency: string;
      method: string;
    }
  | { kind: "payment_pending"; eventId: string; type: string; sessionId: string }
  | {
      kind: "payment_failed";
      eventId: string;
      type: string;
      sessionId: string;
      message: string;
      code: FailureCode;
    }
  | {
      kind: "refunded";
      eventId: string;
      type: string;
      /** The refunded payment's reference. */
      reference: string;
      /** Refunded so far on that payment, in total (providers report the running sum). */
      refundedTotal: number;
      currency: string;
    }
  | { kind: "ignored"; eventId: string; type: string };

export class BadSignature extends Error {}

/** What is wrong with a signed event's body, in terms of the body (the field, as a dotted path). */
export interface MalformedReason {
  problem: "not-json" | "not-object" | "missing" | "invalid" | "unsafe-text";
  /** The field at fault; null when it is the body as a whole. */
  field: string | null;
}

/**
 * What a malformed body still tells about itself, to store it by and to find whose payment it was.
 * Only identifier-like strings are kept: anything else in a broken body is not trusted as a key.
 */
export interface EventClues {
  eventId: string | null;
  type: string | null;
  sessionId: string | null;
  reference: string | null;
  invoiceId: string | null;
}

export const noClues: EventClues = {
  eventId: null,
  type: null,
  sessionId: null,
  reference: null,
  invoiceId: null,
};

/**
 * The signature matches, so the provider did send it, but the body is not an event Pitlane can act
 * on (not JSON, no id, no data, a handled type without its fields). Told apart from BadSignature
 * because the answer differs: a forgery is refused and forgotten, this is stored and staff are told.
 */
export class MalformedEvent extends Error {
  constructor(
    readonly reason: MalformedReason,
    readonly clues: EventClues,
  ) {
    super(`${reason.problem}${reason.field ? ` at ${reason.field}` : ""}`);
  }
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Verifies the signature over the raw body; throws BadSignature when it does not match, and
   * MalformedEvent when it matches but the body is not a usable event.
   */
  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<ProviderEvent>;
}
