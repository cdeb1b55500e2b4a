// The sandbox provider (the default, no keys): a local checkout page that behaves like a provider's
// test mode — card 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "PayPal" and
// "instant transfer" succeed — and then delivers a signed webhook to Pitlane's own webhook
// endpoint, so paying in the sandbox runs the same code as a real provider's event.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { checkShape, clue, field, parseBody } from "./event-body";
import {
  BadSignature,
  type Checkout,
  type CheckoutRequest,
  type FailureCode,
  failureCodes,
  type PaymentProvider,
  type ProviderEvent,
} from "./port";

export const sandboxSignatureHeader = "pitlane-sandbox-signature";
const toleranceSeconds = 300;

export interface SandboxEventPayload {
  id: string;
  type: "checkout.succeeded" | "checkout.failed" | "charge.refunded";
  created: number;
  data: {
    sessionId: string;
    reference: string;
    amount: number;
    currency: string;
    method: string;
    message?: string;
    code?: FailureCode;
    refundedTotal?: number;
  };
}

export const sandboxCards = { succeeds: "4242424242424242", declined: "4000000000000002" } as const;

export class SandboxProvider implements PaymentProvider {
  readonly name = "sandbox";

  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  async createCheckout(_request: CheckoutRequest): Promise<Checkout> {
    const sessionId = `sbx_cs_${randomBytes(18).toString("base64url")}`;
    return { sessionId, url: `${this.publicUrl}/sandbox/checkout/${sessionId}` };
  }

  /** The header a provider would send: t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">. */
  sign(rawBody: string, now = Date.now()): string {
    const t = Math.floor(now / 1000);
    const v1 = createHmac("sha256", this.secret).update(`${t}.${rawBody}`).digest("hex");
    return `t=${t},v1=${v1}`;
  }

  async parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<ProviderEvent> {
    const header = headers[sandboxSignatureHeader];
    const value = Array.isArray(header) ? header[0] : header;
    const parts = Object.fromEntries(
      (value ?? "").split(",").map((p) => p.split("=", 2) as [string, string]),
    );
    const t = Number(parts.t);
    if (!parts.v1 || !Number.isFinite(t)) throw new BadSignature("missing signature");
    if (Math.abs(Date.now() / 1000 - t) > toleranceSeconds) throw new BadSignature("signature too old");
    const expected = createHmac("sha256", this.secret)
      .update(`${t}.${rawBody.toString("utf8")}`)
      .digest();
    const given = Buffer.from(parts.v1, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new BadSignature("bad signature");
    const body = parseBody(rawBody);
    const data = field(body, "data");
    const clues = {
      eventId: clue(body.id),
      type: clue(body.type),
      sessionId: clue(field(data, "sessionId")),
      reference: clue(field(data, "reference")),
      invoiceId: null,
    };
    const event = checkShape(envelope, body, clues);
    const base = { eventId: event.id, type: event.type };
    switch (event.type) {
      case "checkout.succeeded": {
        const { data } = checkShape(succeeded, body, clues);
        return {
          kind: "payment_succeeded",
          ...base,
          sessionId: data.sessionId,
          reference: data.reference,
          amount: data.amount,
          currency: data.currency,
          method: data.method,
        };
      }
      case "checkout.failed": {
        const { data } = checkShape(failed, body, clues);
        return {
          kind: "payment_failed",
          ...base,
          sessionId: data.sessionId,
          message: data.message ?? "The payment was declined.",
          code: data.code ?? "declined",
        };
      }
      case "charge.refunded": {
        const { data } = checkShape(refunded, body, clues);
        return {
          kind: "refunded",
          ...base,
          reference: data.reference,
          refundedTotal: data.refundedTotal ?? data.amount!,
          currency: data.currency,
        };
      }
      default:
        return { kind: "ignored", ...base };
    }
  }
}

// What a sandbox event must hold: every event an id, a type and data; the handled types their fields.
const envelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.record(z.string(), z.unknown()),
});
const text = z.string().min(1).max(255);
/** Minor units that fit the ledger's integer columns. */
const minor = z.number().int().min(0).max(2_147_483_647);
const currency = z.string().regex(/^[A-Z]{3}$/);
const succeeded = z.object({
  data: z.object({ sessionId: text, reference: text, amount: minor, currency, method: text }),
});
const failed = z.object({
  data: z.object({
    sessionId: text,
    message: z.string().max(500).optional(),
    code: z.enum(failureCodes).optional(),
  }),
});
const refunded = z.object({
  data: z
    .object({ reference: text, currency, amount: minor.optional(), refundedTotal: minor.optional() })
    .refine((d) => d.refundedTotal !== undefined || d.amount !== undefined, { path: ["refundedTotal"] }),
});

/** What the sandbox checkout does with a card number or a button. */
export function sandboxOutcome(
  method: string,
  cardNumber: string | undefined,
): { ok: true } | { ok: false; message: string; code: FailureCode } {
  if (method !== "card") return { ok: true };
  const digits = (cardNumber ?? "").replace(/\D/g, "");
  if (digits === sandboxCards.succeeds) return { ok: true };
  if (digits === sandboxCards.declined)
    return { ok: false, message: "Your card was declined.", code: "card_declined" };
  return {
    ok: false,
    message: "Use a sandbox test card: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined.",
    code: "test_card_required",
  };
}
