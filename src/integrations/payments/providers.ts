// The configured providers by name. The sandbox is always there (it needs no keys); Stripe when its
// keys are set.
import { randomBytes } from "node:crypto";
import type { Config } from "../../config";
import type { PaymentProvider } from "./port";
import { SandboxProvider } from "./sandbox";
import { StripeProvider } from "./stripe";

export interface Providers {
  sandbox: SandboxProvider;
  byName(name: string): PaymentProvider | null;
}

export function paymentProviders(config: Config): Providers {
  // Without a configured secret the sandbox signs with a key of this process: its webhooks come
  // from this process too.
  const sandbox = new SandboxProvider(
    config.PAYMENT_SANDBOX_SECRET ?? randomBytes(32).toString("hex"),
    config.publicUrl,
  );
  let stripe: StripeProvider | null = null;
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
    stripe = new StripeProvider({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      ...(base
        ? {
            host: base.hostname,
            port: Number(base.port),
            protocol: base.protocol.replace(":", "") as "http" | "https",
          }
        : {}),
    });
  }
  return {
    sandbox,
    byName: (name) => (name === "sandbox" ? sandbox : name === "stripe" ? stripe : null),
  };
}
