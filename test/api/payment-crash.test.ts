// Payments survive the process dying under them: the real server (`src/main.ts` bundled by esbuild,
// as `npm start` runs it) as a child process on a database of its own, payment events for several invoices delivered at
// once, each twice and under two event ids (as a provider reports one payment as "completed" and
// "async succeeded"), and the process killed with SIGKILL while they are in flight and while its
// worker is in the middle of sending receipts. Restarted on the same database, the events are all
// delivered again, as the provider would retry what it got no answer for. Then every invoice has
// exactly one payment, one receipt mail delivered to a real SMTP server and one notification.
//
// The SMTP server holds its answer to messages arriving after the invoices were sent, so the kill
// lands while receipts are on the wire: those were never delivered (their sender went away before
// the server's answer) and their jobs must be taken up again after the restart. What no mail system
// can make exactly-once — the server answered and the sender died before writing that down — is
// the one moment this test does not kill in.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client";
import { invoicePayments, invoices, mailMessages, notifications } from "../../src/db/schema";
import { SandboxProvider } from "../../src/integrations/payments/sandbox";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createShop, password, type Shop } from "../support/fixtures";
import { startSmtpServer, waitFor } from "../support/smtp";

const sandboxSecret = "sandbox-secret-for-the-crash-test";
const sandbox = new SandboxProvider(sandboxSecret, "");
const invoiceCount = 6;

let database: TestDatabase;
let db: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let uploadDir: string;
let shop: Shop;
let port: number;
let server: ChildProcess | null = null;

const root = path.resolve(import.meta.dirname, "../..");
/**
 * Where this run's server bundle goes: two folders below the project like dist/server, so the
 * paths it resolves from its own address (../../drizzle) are the same; a folder per run, as the
 * embedded and the PostgreSQL project may run this file at once.
 */
const bundleDir = path.join(root, "test-results", `crash-server-${randomBytes(4).toString("hex")}`);

/** A port nobody listens on right now, for the child to take. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const base = () => `http://127.0.0.1:${port}`;

/** The server as scripts/start.mjs bundles it (packages left in node_modules): seconds to start, not tens. */
async function bundleServer() {
  await build({
    absWorkingDir: root,
    entryPoints: ["src/main.ts"],
    outdir: bundleDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

/** The bundled `src/main.ts` as its own process, as `npm start` runs it; ready when it answers. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(bundleDir, "main.js")], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: "UTC",
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: base(),
      SEED_DEMO: "false",
      LOG_LEVEL: "error",
      LOGIN_RATE_LIMIT: "1000",
      SMTP_URL: smtp.url,
      PAYMENT_SANDBOX_SECRET: sandboxSecret,
      PITLANE_UPLOAD_DIR: uploadDir,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    return fetch(`${base()}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
  }, 30_000);
  return child;
}

async function kill(child: ChildProcess) {
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url });
  smtp = await startSmtpServer();
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "pitlane-crash-uploads-"));
  shop = await createShop(db.db, "Crash shop");
  port = await freePort();
  await bundleServer();
});

afterAll(async () => {
  if (server && server.exitCode === null) await kill(server);
  await db?.close();
  await smtp?.close();
  await database?.drop();
  if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
  await rm(bundleDir, { recursive: true, force: true });
});

/** Signs in over HTTP; a function sending JSON with the session cookie and CSRF header. */
async function staffClient(email: string) {
  const login = await fetch(`${base()}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, audience: "shop" }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("pitlane_session="))!
    .split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (url: string, body: unknown = {}) => {
    const res = await fetch(`${base()}${url}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };
}

interface Case {
  invoiceId: string;
  number: string;
  sessionId: string;
}

/** An issued invoice, sent to its own address, with a card checkout started from its payment page. */
async function invoiceWithCheckout(post: Awaited<ReturnType<typeof staffClient>>, n: number): Promise<Case> {
  const draft = await post("/api/v1/invoices", {
    customerId: shop.businessCustomerId,
    lines: [{ description: `Service ${n}`, quantityMilli: 1000, unitPrice: 10_000 + n, taxRateBp: 1900 }],
    serviceDate: "2026-11-20",
  });
  const issued = await post(`/api/v1/invoices/${draft.id}/issue`);
  await post(`/api/v1/invoices/${draft.id}/send`, { to: `customer-${n}@crash.test` });
  const [mail] = await db.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.subject, `Invoice ${issued.number} %`));
  const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!;
  const checkout = (await fetch(`${base()}/api/v1/pay/${token}/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "card" }),
  }).then((r) => r.json())) as { url: string };
  return {
    invoiceId: draft.id as string,
    number: issued.number as string,
    sessionId: new URL(checkout.url).pathname.split("/").pop()!,
  };
}

/** One payment, reported under two event ids. */
function eventsOf(c: Case, amount: number): string[] {
  const data = {
    sessionId: c.sessionId,
    reference: `pay_${c.sessionId}`,
    amount,
    currency: "EUR",
    method: "card",
  };
  return ["completed", "async"].map((kind) =>
    JSON.stringify({ id: `evt_crash_${c.sessionId}_${kind}`, type: "checkout.succeeded", created: 0, data }),
  );
}

/** Delivered as the provider does: signed at sending, to the webhook; null when no answer came. */
async function deliver(raw: string): Promise<{ status: number; outcome?: string } | null> {
  try {
    const res = await fetch(`${base()}/api/v1/payments/webhooks/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/json", "pitlane-sandbox-signature": sandbox.sign(raw) },
      body: raw,
    });
    return { status: res.status, ...((await res.json()) as { outcome?: string }) };
  } catch {
    return null;
  }
}

const receiptsTo = (address: string) =>
  smtp.received.filter((m) => m.to.includes(address) && /Subject: Payment received for invoice/.test(m.raw))
    .length;

describe("payment events while the server is killed", () => {
  it("leaves every invoice with one payment, one receipt and one notification after a SIGKILL and redelivery", async () => {
    const started = Date.now();
    server = await startServer();
    console.log(`crash test: started (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const post = await staffClient(shop.staff.accounting.email);
    const cases: Case[] = [];
    for (let n = 0; n < invoiceCount; n++) cases.push(await invoiceWithCheckout(post, n));
    const gross = await db.db.select({ id: invoices.id, totals: invoices.totals }).from(invoices);
    const amountOf = (id: string) => gross.find((g) => g.id === id)!.totals.gross;
    // The invoice mails are out; receipts will wait on the wire for the server's answer.
    await waitFor(() => smtp.received.length >= invoiceCount);
    smtp.hold();

    // Every event twice, in a fixed shuffle. The first two invoices' events first, until their
    // receipts are on the wire; then the rest all at once, killed once a few have been answered: the
    // process dies with receipts being sent and payments being processed.
    const deliveries = cases.map((c) =>
      eventsOf(c, amountOf(c.invoiceId))
        .flatMap((e) => [e, e])
        .sort(),
    );
    const first = deliveries.slice(0, 2).flat();
    const rest = deliveries.slice(2).flat();
    const shuffled = rest.map((_, i) => rest[(i * 7) % rest.length]!);
    const early = await Promise.all(first.map(deliver));
    expect(early.map((r) => r?.status)).toEqual(first.map(() => 200));
    await waitFor(() => smtp.held().waiting >= 1);
    const answered: { status: number }[] = [];
    const burst = shuffled.map((raw) =>
      deliver(raw).then((r) => {
        if (r) answered.push(r);
      }),
    );
    await waitFor(() => answered.length >= 4, 10_000);
    await kill(server);
    await Promise.all(burst);
    expect(answered.every((r) => r.status === 200)).toBe(true);
    console.log(
      `crash test: SIGKILL with ${answered.length} of ${shuffled.length} deliveries answered and ` +
        `${smtp.held().waiting} receipts on the wire (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    // Their sender is gone, so those receipts were never delivered.
    await waitFor(() => smtp.held().gone === smtp.held().waiting);
    smtp.release();

    server = await startServer();
    console.log(`crash test: restarted (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    // The provider retries everything (and some twice): every answer is recorded or duplicate.
    const again = await Promise.all([...first, ...shuffled].map(deliver));
    for (const r of again) {
      expect(r?.status).toBe(200);
      expect(["recorded", "duplicate"]).toContain(r?.outcome);
    }

    // The worker sends each receipt, including those the killed process had taken.
    await waitFor(
      () => cases.every((_, n) => receiptsTo(`customer-${n}@crash.test`) >= 1),
      Math.max(5_000, 75_000 - (Date.now() - started)),
    );
    const receipts = await db.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, "Payment received for invoice %"));
    await waitFor(async () => {
      const rows = await db.db
        .select({ status: mailMessages.status })
        .from(mailMessages)
        .where(like(mailMessages.subject, "Payment received for invoice %"));
      return rows.every((r) => r.status === "sent");
    });
    // A moment for anything sent twice to arrive.
    await new Promise((r) => setTimeout(r, 1_000));

    for (const [n, c] of cases.entries()) {
      const payments = await db.db
        .select()
        .from(invoicePayments)
        .where(and(eq(invoicePayments.invoiceId, c.invoiceId), eq(invoicePayments.kind, "payment")));
      expect(payments, `payments of ${c.number}`).toHaveLength(1);
      const [invoice] = await db.db.select().from(invoices).where(eq(invoices.id, c.invoiceId));
      expect(invoice).toMatchObject({ paymentStatus: "paid", openAmount: 0 });
      expect(
        receipts.filter((m) => m.subject === `Payment received for invoice ${c.number}`),
        `receipt messages of ${c.number}`,
      ).toHaveLength(1);
      expect(receiptsTo(`customer-${n}@crash.test`), `receipts delivered for ${c.number}`).toBe(1);
      const told = await db.db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.kind, "invoice-paid"), eq(notifications.link, `/invoices/${c.invoiceId}`)),
        );
      expect(told, `notifications of ${c.number}`).toHaveLength(1);
    }
    console.log(`crash test: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 90_000);
});
