// Every setting comes from the environment, with defaults that run Pitlane on one machine with no
// set-up. The README's configuration table lists the same variables.
import path from "node:path";
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  PITLANE_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  // A runaway query is cancelled (the request gets a 503) rather than holding a connection forever.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  PITLANE_UPLOAD_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Pitlane <no-reply@pitlane.localhost>"),
  // Text messages (text-to-pay): the built-in sandbox keeps them in the Outbox; with a Twilio account's
  // SID, auth token and sending number they go out through Twilio.
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  /** Tests only: where the Twilio SDK sends its requests (a local fake). */
  TWILIO_API_BASE_URL: z.url().optional(),
  RUN_WORKER: flag(true),
  SEED_DEMO: flag(true),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  // Sign-in attempts per account (any address) before it is locked for 1, 2, 4, 8, then 15 minutes.
  LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(10),
  // Requests per minute per API key (a DMS pushing batches stays far below; a runaway loop does not).
  API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  // Which proxies' X-Forwarded-For to believe: none by default (any client could forge it). A hop
  // count ("1" behind one load balancer) or the proxies' addresses / CIDR ranges, comma-separated.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() ?? "";
      if (value === "" || value === "false") return false as const;
      if (/^\d+$/.test(value)) return Number(value);
      if (value === "true") {
        ctx.addIssue({
          code: "custom",
          message:
            "trusting every proxy lets any client set its own address: give a hop count or the proxies' addresses",
        });
        return z.NEVER;
      }
      return value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    }),
  // Payments: the sandbox needs nothing; Stripe needs both keys (and a webhook to /api/v1/payments/webhooks/stripe).
  PAYMENT_SANDBOX_SECRET: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Tests only: where the Stripe SDK sends its requests (a local fake). */
  STRIPE_API_BASE: z.url().optional(),
  // Outgoing webhooks: the wait after the first failure (doubling after each further one, at most
  // WEBHOOK_MAX_DELAY_MS), how long a delivery is retried and an endpoint may fail before it is switched
  // off (three days), and how long one attempt may take. Tests shorten them.
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  WEBHOOK_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600_000),
  WEBHOOK_GIVE_UP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(3 * 24 * 3600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.output<typeof configSchema> & {
  publicUrl: string;
  secureCookies: boolean;
  /** Where inspection photos are stored: PITLANE_UPLOAD_DIR, else `uploads` in the data folder. */
  uploadDir: string;
  timeouts: { statementMs: number; idleInTransactionMs: number };
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return {
    ...c,
    DATABASE_URL: c.DATABASE_URL || undefined,
    SMTP_URL: c.SMTP_URL || undefined,
    publicUrl,
    uploadDir: c.PITLANE_UPLOAD_DIR || path.join(c.PITLANE_DATA_DIR, "uploads"),
    timeouts: {
      statementMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: c.DATABASE_IDLE_TIMEOUT_MS,
    },
    secureCookies: publicUrl.startsWith("https://"),
  };
}

/** What the webhook sender needs of the configuration (jobs/deliver-webhooks.ts). */
export function webhookOptions(config: Config) {
  return {
    policy: {
      baseMs: config.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: config.WEBHOOK_MAX_DELAY_MS,
      giveUpAfterMs: config.WEBHOOK_GIVE_UP_AFTER_MS,
    },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    publicUrl: config.publicUrl,
  };
}
