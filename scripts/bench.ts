// `npm run bench`: start-up times, and every list and dashboard of the shop and the portal on a large
// shop's data, printed as one JSON document on stdout (progress goes to stderr).
//
//  1. Start-up (embedded database): build what is stale, then spawn what `npm start` runs
//     (`node scripts/start.mjs`) on a fresh data folder and time spawn → first 200 from /healthz and
//     /readyz; this includes initialising the database folder, the migrations and the demo seed. Then
//     stop it and start it again on the same folder (warm start), and read the server's RSS. With the
//     `web` part, on that server: the sign-in page's compressed first load (scripts/first-load-size.ts)
//     and Lighthouse's mobile performance score and LCP for /login and a payment page
//     (scripts/lighthouse.ts: Lighthouse 13 via npx under Node 24, Debian's Chromium), median of 3.
//  2. The large shop on PostgreSQL: BENCH_DATABASE_URL, else the local server at
//     postgres://postgres@127.0.0.1:5432/postgres (the user must be allowed to create databases). The
//     dataset (src/demo/volume, BENCH_INVOICES invoices, default 100,000) is seeded once into a
//     template database named after a hash of drizzle/, the seed's source and the app code it uses;
//     each run works on a `CREATE DATABASE … TEMPLATE` copy, dropped afterwards. BENCH_RESEED=1 builds
//     the template again.
//  3. Endpoints (scripts/bench-endpoints.ts): each on its first page and, where it pages, its 400th
//     (offset = 399 × limit), signed in as the service advisor, the admin or fleet1's portal login. A
//     probe request first; if it fails or gives no answer within BENCH_REQUEST_TIMEOUT_SECONDS the
//     endpoint is reported as failed and not loaded. Else BENCH_SECONDS of autocannon at 10 connections
//     (each request with the same timeout), then the same on a bare Fastify route running the same
//     query (scripts/bench-bare-server.ts). Queries still running after a run are cancelled, so a slow
//     endpoint does not slow down the next. Budget per endpoint: p99 < 50 ms and at least 60 % of the
//     bare route's requests/s.
//  4. Webhook → live update: ~100 payments through the sandbox provider's signed webhook, each timed
//     until the shop's open GET /api/v1/events stream shows its invoice.changed. Budget: p95 < 50 ms.
//  4b. Webhook → DMS (part webhook-delivery): ~100 payments through the sandbox provider's signed
//     webhook, each timed until the signed invoice.paid webhook (verified with the standardwebhooks
//     package) reaches a local receiver. Budget: p95 < 1 s.
//  5. Mail: 1,000 queued mails through a worker process (`npm run worker`) to a local SMTP server.
//     Budget: all delivered, each exactly once, within 30 s.
//  6. DMS push (part `dms-push`): 10,000 invoices a DMS issued, in 20 batches of 500 through
//     POST /api/v1/invoices/batch with an API key, on the large shop's copy, one batch after the
//     other; each invoice with a customer and a unit upserted by the DMS's ids. Budget: all stored
//     within 20 s.
//
// Settings: BENCH_SECONDS (load per run, default 8), BENCH_WARMUP_SECONDS (unmeasured load before each
// run, default 1), BENCH_REQUEST_TIMEOUT_SECONDS (default 10), BENCH_INVOICES, BENCH_SEED (default
// "pitlane"), BENCH_DATABASE_URL, BENCH_DB_PREFIX (names of the template and copies, default
// "pitlane_bench"), BENCH_RESEED, BENCH_TEMPLATE (a template database to reuse as it is), BENCH_PARTS (comma-separated: startup,web,endpoints,webhook,webhook-delivery,mail,dms-push,exports,e-invoice; default
// all), BENCH_ENDPOINTS (comma-separated endpoint names to run, default all), BENCH_MAILS (default 1000).
//
// Output (every figure in milliseconds unless named otherwise):
// {
//   node, platform, cpus, cpuModel, benchSeconds, warmupSeconds, connections, requestTimeoutSeconds,
//   coldStartMs, readyMs, warmStartMs, warmReadyMs,         // 1. (absent when BENCH_PARTS leaves it out)
//   serverRssMb, budgets: { warmStartMs: 3000, serverRssMb: 300 },
//   web: { firstLoadBrBytes, firstLoadGzipBytes, firstLoadBudgetBytes,
//          lighthouse: { login: { score, lcpMs, target: 90 }, payPage: { …, target: 98 } } | null },
//   volume: {
//     database: { source: "BENCH_DATABASE_URL" | "default local server", server, serverVersion },
//     invoices, seed, budgets: { p99Ms: 50, bareShare: 0.6 },
//     copy: { template, templateReused, seedSeconds | null, copySeconds },  // seedSeconds: when it seeded
//     endpoints: [{ name, page, path, as, total,             // total: the list's total, as the probe saw it
//                   api:  { requestsPerSec, p50Ms, p99Ms, totalRequests, non2xx, errors, timeouts }
//                       | { failed: "timeout" | "HTTP 500" | …, afterMs },
//                   bare: (the same),
//                   apiToBare,                                  // api requests/s ÷ bare requests/s
//                   budget: { p99: "met" | "missed", throughput: "met" | "missed" } }],
//     summary: { runs, met, missed, failed },                 // met: both budgets
//     webhookToSse: { payments, delivered, p50Ms, p95Ms, maxMs, budgetP95Ms, budget },
//     webhookDelivery: { payments, delivered, failed, p50Ms, p95Ms, maxMs, budgetP95Ms, budget },
//     mail: { mails, delivered, duplicates, seconds, perSecond, budgetSeconds, budget },
//   },
//   eInvoice: { lines, firstCallMs, budgetP95Ms,              // 5. one e-invoice per format (#16)
//     formats: [{ format, runs, p50Ms, p95Ms, maxMs, budget }] },
//   payPageGzipBytes, payPageBudgetBytes,                     // null without a build (npm run build)
// }
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { and, count, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { createApiKey } from "../src/app/integrations/create-api-key";
import { queueMail } from "../src/app/support/queue-mail";
import { noTimeouts, openDatabase } from "../src/db/client";
import { locations, mailMessages, organisations } from "../src/db/schema";
import { seedVolume } from "../src/demo/volume/seed-volume";
import { newId } from "../src/domain/ids";
import { sessionCookie } from "../src/http/auth";
import {
  type SandboxEventPayload,
  SandboxProvider,
  sandboxSignatureHeader,
} from "../src/integrations/payments/sandbox";
import { bossQueue, startBoss } from "../src/jobs/queue";
import { startSmtpServer } from "../test/support/smtp";
import { eInvoiceTimings } from "./bench-e-invoice";
import { type BenchActor, type BenchRun, benchEndpoints, benchRuns } from "./bench-endpoints";
import { firstLoadBudgetBytes, firstLoadSize } from "./first-load-size";
import { demoPayPath, lighthouse, lighthouseTargets } from "./lighthouse";
import { payPageBudgetBytes, payPageSize } from "./pay-page-size";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function numberFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

const benchSeconds = numberFromEnv("BENCH_SECONDS", 8, 1);
const warmupSeconds = numberFromEnv("BENCH_WARMUP_SECONDS", 1, 0);
const requestTimeoutSeconds = numberFromEnv("BENCH_REQUEST_TIMEOUT_SECONDS", 10, 1);
const volumeInvoices = numberFromEnv("BENCH_INVOICES", 100_000, 1000);
const volumeSeed = process.env.BENCH_SEED || "pitlane";
const dbPrefix = process.env.BENCH_DB_PREFIX || "pitlane_bench";
const mailCount = numberFromEnv("BENCH_MAILS", 1000, 1);
const parts = new Set(
  (process.env.BENCH_PARTS || "startup,web,endpoints,webhook,webhook-delivery,mail,e-invoice")
    .split(",")
    .map((p) => p.trim()),
);
const onlyEndpoints = process.env.BENCH_ENDPOINTS
  ? new Set(process.env.BENCH_ENDPOINTS.split(",").map((e) => e.trim()))
  : null;
const connections = 10;
const budgets = {
  p99Ms: 50,
  bareShare: 0.6,
  webhookP95Ms: 50,
  webhookDeliveryP95Ms: 1000,
  mailSeconds: 30,
  dmsPushSeconds: 20,
};
const pollMs = 20;
const startTimeoutMs = 120_000;
const stopTimeoutMs = 15_000;
const defaultServer = "postgres://postgres@127.0.0.1:5432/postgres";
const password = "pitlane-demo";
const logins: Record<BenchActor, { email: string; audience: "shop" | "portal" }> = {
  advisor: { email: "advisor@large.test", audience: "shop" },
  admin: { email: "admin@large.test", audience: "shop" },
  fleet1: { email: "fleet1@large.test", audience: "portal" },
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN;

// ---------------------------------------------------------------------------------------------------
// Child processes and clean-up

interface Child {
  name: string;
  process: ChildProcess;
  /** Everything it printed (the tail); shown only when the bench fails. */
  output: string;
  exited: Promise<void>;
}

/** Every child started, for the failure report; `running` are those not yet exited. */
const started: Child[] = [];
const running = new Set<Child>();
const tempDirs: string[] = [];
/** Asynchronous clean-ups (dropping the database copy), run last-registered first. */
const cleanups: (() => Promise<void>)[] = [];

class ChildFailure extends Error {
  constructor(
    readonly child: Child,
    message: string,
  ) {
    super(message);
  }
}

function spawnTs(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  return spawnNode(name, ["--import", "tsx", script], env);
}

function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  // process.execPath rather than npm or npx: no wrapper process in the start-up time, and the pid we
  // signal is the server itself.
  const proc = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let resolveExited: () => void = () => {};
  const child: Child = {
    name,
    process: proc,
    output: "",
    exited: new Promise((resolve) => {
      resolveExited = resolve;
    }),
  };
  const append = (chunk: Buffer) => {
    child.output = (child.output + chunk.toString()).slice(-64_000);
  };
  proc.stdout?.on("data", append);
  proc.stderr?.on("data", append);
  const done = () => {
    running.delete(child);
    resolveExited();
  };
  proc.once("exit", done);
  proc.once("error", (error) => {
    child.output += `\n[bench] could not start: ${error.message}\n`;
    done();
  });
  started.push(child);
  running.add(child);
  return child;
}

const hasExited = (child: Child) => child.process.exitCode !== null || child.process.signalCode !== null;

/** SIGTERM and wait, so the embedded database's lock is released; SIGKILL if it hangs. */
async function stopChild(child: Child): Promise<void> {
  if (!running.has(child)) return;
  child.process.kill("SIGTERM");
  const stopped = await Promise.race([child.exited.then(() => true), sleep(stopTimeoutMs, false)]);
  if (!stopped) {
    log(`${child.name} did not stop within ${stopTimeoutMs / 1000}s; killing it`);
    child.process.kill("SIGKILL");
    await child.exited;
  } else if (child.process.exitCode !== 0) {
    log(`warning: ${child.name} exited with code ${child.process.exitCode ?? child.process.signalCode}`);
  }
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

let cleanedUp: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleanedUp ??= (async () => {
    await Promise.all([...running].map(stopChild));
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  })();
  return cleanedUp;
}

// Last resort when the process ends without cleanUp() (an uncaught error, process.exit elsewhere).
process.on("exit", () => {
  for (const child of running) child.process.kill("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Polls `url` every 20 ms until it answers 200; fails early if the child exits. */
async function waitForOk(child: Child, url: string, deadline: number): Promise<void> {
  for (;;) {
    if (hasExited(child)) {
      throw new ChildFailure(
        child,
        `${child.name} exited (${child.process.exitCode ?? child.process.signalCode}) before ${url} answered 200`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new ChildFailure(child, `${url} did not answer 200 in time`);
    await sleep(pollMs);
  }
}

async function readJson<T>(response: Response, what: string, expectedStatus = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== expectedStatus)
    throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

// ---------------------------------------------------------------------------------------------------
// The servers

interface StartedServer {
  child: Child;
  baseUrl: string;
  /** Spawn → first 200 from /healthz. */
  healthMs: number;
  /** Spawn → first 200 from /readyz. */
  readyMs: number;
}

function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  // A PUBLIC_URL from the caller's shell would point the server elsewhere; the bench talks to 127.0.0.1.
  delete env.PUBLIC_URL;
  return env;
}

async function startMainServer(
  name: string,
  dataDir: string,
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<StartedServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = childEnv({
    PORT: String(port),
    HOST: "127.0.0.1",
    PITLANE_DATA_DIR: dataDir,
    // Empty means "embedded" (config.ts), and overrides a DATABASE_URL exported in the caller's shell.
    DATABASE_URL: options.databaseUrl ?? "",
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
    ...options.env,
  });
  log(`starting ${name}`);
  const t0 = performance.now();
  // What `npm start` runs (without npm's own start-up): the prebuilt server, rebuilt first if stale.
  const child = spawnNode(name, ["scripts/start.mjs"], env);
  await waitForOk(child, `${baseUrl}/healthz`, t0 + startTimeoutMs);
  const healthMs = performance.now() - t0;
  await waitForOk(child, `${baseUrl}/readyz`, t0 + startTimeoutMs);
  const readyMs = performance.now() - t0;
  log(`${name}: healthy after ${Math.round(healthMs)} ms, ready after ${Math.round(readyMs)} ms`);
  return { child, baseUrl, healthMs: round(healthMs), readyMs: round(readyMs) };
}

async function startBareServer(
  databaseUrl: string,
  ids: BareIds,
): Promise<{ child: Child; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = childEnv({
    BENCH_BARE_PORT: String(port),
    BENCH_BARE_DATA_DIR: "",
    BENCH_BARE_DATABASE_URL: databaseUrl,
    BENCH_BARE_ORGANISATION_ID: ids.organisationId,
    BENCH_BARE_LOCATION_ID: ids.locationId,
    BENCH_BARE_STAFF_ID: ids.staffId,
    BENCH_BARE_CUSTOMER_ID: ids.customerId,
  });
  log("starting the bare Fastify routes");
  const child = spawnTs("bare server", "scripts/bench-bare-server.ts", env);
  await waitForOk(child, `${baseUrl}/bare/users`, performance.now() + startTimeoutMs);
  return { child, baseUrl };
}

// ---------------------------------------------------------------------------------------------------
// The API as a client uses it

interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
  customerId?: string;
  organisationId: string;
  locationId: string;
}

async function signIn(baseUrl: string, as: BenchActor): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...logins[as], password }),
  });
  const body = await readJson<{
    csrfToken: string;
    user: { id: string; customerId?: string };
    organisation: { id: string };
    location: { id: string };
  }>(response, `sign-in as ${logins[as].email}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${sessionCookie}=`));
  if (!cookie) throw new Error(`sign-in: the response set no ${sessionCookie} cookie`);
  return {
    cookie,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    customerId: body.user.customerId,
    organisationId: body.organisation.id,
    locationId: body.location.id,
  };
}

// ---------------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  totalRequests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Failed = { failed: string; afterMs: number };
type Measured = LoadResult | Failed;
const isFailed = (m: Measured): m is Failed => "failed" in m;

interface Probe {
  ok: boolean;
  reason: string;
  ms: number;
  total?: number;
}

/** One request first: an endpoint that errs or never answers is reported, not loaded. */
async function probe(url: string, cookie: string | undefined): Promise<Probe> {
  const t0 = performance.now();
  try {
    const response = await fetch(url, {
      headers: cookie ? { cookie } : {},
      signal: AbortSignal.timeout(requestTimeoutSeconds * 1000),
    });
    const text = await response.text();
    const ms = round(performance.now() - t0);
    if (response.status !== 200)
      return { ok: false, reason: `HTTP ${response.status}: ${text.slice(0, 200)}`, ms };
    const body = JSON.parse(text) as { total?: unknown };
    return { ok: true, reason: "", ms, total: typeof body.total === "number" ? body.total : undefined };
  } catch (error) {
    const ms = round(performance.now() - t0);
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, reason: timedOut ? `timeout (${requestTimeoutSeconds}s)` : String(error), ms };
  }
}

async function loadTest(label: string, url: string, cookie: string | undefined): Promise<Measured> {
  const options = { url, connections, headers: cookie ? { cookie } : {}, timeout: requestTimeoutSeconds };
  // An unmeasured first round: JIT compilation and connection set-up are not what we measure.
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const result = await autocannon({ ...options, duration: benchSeconds });
  if (result["2xx"] === 0) {
    return {
      failed: `no request succeeded (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
      afterMs: benchSeconds * 1000,
    };
  }
  if (result.non2xx > 0 || result.errors > 0) {
    log(
      `warning: ${label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  log(
    `${label}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  return {
    requestsPerSec: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * After a run, requests the load generator gave up on may still be running in the database; they
 * would slow down the next endpoint. Wait for them briefly, then cancel them (the copy is ours).
 */
async function settle(admin: pg.Client, database: string) {
  const busy = `from pg_stat_activity
    where datname = $1 and pid <> pg_backend_pid() and state = 'active' and query not ilike 'listen %'`;
  let cancelled = 0;
  let quiet = 0;
  // Requests still queued in the server for a pooled connection start their queries one after the
  // other, so "quiet" means no query for a second, not just once.
  for (let i = 0; i < 300 && quiet < 5; i++) {
    const n = Number(
      (await admin.query<{ n: string }>(`select count(*) as n ${busy}`, [database])).rows[0]?.n ?? 0,
    );
    quiet = n === 0 ? quiet + 1 : 0;
    if (n > 0 && i % 10 === 9) {
      cancelled +=
        (
          await admin.query(
            `select pg_cancel_backend(pid) ${busy} and now() - query_start > interval '1 second'`,
            [database],
          )
        ).rowCount ?? 0;
    }
    await sleep(200);
  }
  if (cancelled) log(`cancelled ${cancelled} queries still running after the run`);
}

async function measure(
  label: string,
  url: string,
  cookie: string | undefined,
  admin: pg.Client,
  database: string,
): Promise<{ measured: Measured; probe: Probe }> {
  const first = await probe(url, cookie);
  if (!first.ok) {
    log(`${label}: failed (${first.reason})`);
    await settle(admin, database);
    return { measured: { failed: first.reason, afterMs: first.ms }, probe: first };
  }
  const measured = await loadTest(label, url, cookie);
  await settle(admin, database);
  return { measured, probe: first };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL: the template with the large shop, and a copy per run

interface PostgresTarget {
  source: "BENCH_DATABASE_URL" | "default local server";
  serverUrl: string;
  serverVersion: string;
}

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
/** The server's address without credentials, for the output. */
const shownServer = (serverUrl: string) => {
  const url = new URL(serverUrl);
  url.password = "";
  return `${url.protocol}//${url.username ? `${url.username}@` : ""}${url.host}`;
};

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every file whose change can change the seeded data: migrations, the seed, the app code it uses (not the reads). */
function templateHash(): string {
  const hash = createHash("sha256").update(`${volumeInvoices}:${volumeSeed}\n`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir)).sort()) {
      const rel = path.join(dir, entry);
      // Reads (src/db/queries) do not change what is seeded: tuning them must not reseed.
      if (rel === path.join("src", "db", "queries")) continue;
      if (statSync(path.join(repoRoot, rel)).isDirectory()) walk(rel);
      else if (!entry.endsWith(".test.ts"))
        hash.update(`${rel}\n`).update(readFileSync(path.join(repoRoot, rel)));
    }
  };
  for (const dir of ["drizzle", "src/demo", "src/db", "src/domain", "src/app"]) walk(dir);
  return hash.digest("hex").slice(0, 12);
}

async function largeShopCopy(target: PostgresTarget) {
  // BENCH_TEMPLATE reuses a template seeded by an earlier run whose code differs (a change to a
  // domain rule or a command): the server migrates the copy forward on start.
  const template = process.env.BENCH_TEMPLATE || `${dbPrefix}_tpl_${templateHash()}`;
  const exists = async (client: pg.Client, name: string) =>
    (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  let seedSeconds: number | null = null;
  const reseed = process.env.BENCH_RESEED === "1";
  const reused = await withAdmin(target.serverUrl, async (admin) => {
    if (reseed) await admin.query(`drop database if exists ${template} with (force)`);
    return exists(admin, template);
  });
  if (!reused) {
    // Built under another name and renamed when complete: a crashed build never passes for a template.
    const building = `${template}_building`;
    await withAdmin(target.serverUrl, async (admin) => {
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
    });
    log(`seeding the large shop (${volumeInvoices} invoices) into ${building}; later runs reuse it`);
    const database = await openDatabase({
      url: withDatabase(target.serverUrl, building),
      timeouts: noTimeouts,
    });
    try {
      const report = await seedVolume(database.db, {
        invoices: volumeInvoices,
        seed: volumeSeed,
        log: (m) => log(`  ${m}`),
      });
      seedSeconds = report.seconds;
    } finally {
      await database.close();
    }
    await withAdmin(target.serverUrl, (admin) =>
      admin.query(`alter database ${building} rename to ${template}`),
    );
  }
  const name = `${dbPrefix}_${randomBytes(6).toString("hex")}`;
  const t0 = performance.now();
  await withAdmin(target.serverUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const copySeconds = round((performance.now() - t0) / 1000, 1);
  cleanups.push(() =>
    withAdmin(target.serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(
      () => {},
    ),
  );
  const stale = await withAdmin(target.serverUrl, async (admin) =>
    (
      await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1 and datname <> $2",
        [`${dbPrefix}\\_tpl\\_%`, template],
      )
    ).rows.map((r) => r.datname),
  );
  if (stale.length) log(`older templates you may drop: ${stale.join(", ")}`);
  log(`benchmarking on ${name}, a copy of ${template} (${copySeconds}s)`);
  return {
    name,
    url: withDatabase(target.serverUrl, name),
    template,
    templateReused: reused,
    seedSeconds,
    copySeconds,
  };
}

// ---------------------------------------------------------------------------------------------------
// Webhook → live update

/** Checkouts the customers opened on the payment page: one per open invoice with nothing paid yet. */
async function benchCheckouts(baseUrl: string, advisor: Session, admin: pg.Client, payments: number) {
  const open = await admin.query<{ id: string; gross: number }>(
    `select i.id, (i.totals->>'gross')::int as gross from invoices i
     where i.organisation_id = $1 and i.kind = 'invoice' and i.status = 'issued'
       and not exists (select 1 from invoice_payments p where p.invoice_id = i.id)
       and not exists (select 1 from invoices c where c.credited_invoice_id = i.id)
     order by i.created_at desc limit $2`,
    [advisor.organisationId, payments],
  );
  const sessions = open.rows.map((invoice) => ({
    invoiceId: invoice.id,
    amount: invoice.gross,
    sessionId: `sbx_cs_bench_${randomBytes(9).toString("hex")}`,
    id: newId("paymentSession"),
  }));
  for (const s of sessions) {
    await admin.query(
      `insert into payment_sessions (id, organisation_id, location_id, invoice_id, provider, provider_session_id, method, amount, currency, return_url, checkout_url)
       values ($1, $2, $3, $4, 'sandbox', $5, 'card', $6, 'EUR', $7, $8)`,
      [
        s.id,
        advisor.organisationId,
        advisor.locationId,
        s.invoiceId,
        s.sessionId,
        s.amount,
        `${baseUrl}/pay/bench`,
        `${baseUrl}/sandbox/checkout/${s.sessionId}`,
      ],
    );
  }

  return sessions;
}

/**
 * Pays each checkout through the sandbox provider's signed webhook and times it until `arrived` hears
 * of its invoice (the SSE stream, or the DMS's receiver): the measurement both webhook parts share.
 */
async function timeSandboxPayments(
  baseUrl: string,
  secret: string,
  sessions: Awaited<ReturnType<typeof benchCheckouts>>,
  arrived: Map<string, () => void>,
  waitMs: number,
  label: string,
  missing: string,
) {
  const provider = new SandboxProvider(secret, baseUrl);
  const latencies: number[] = [];
  let failed = 0;
  for (const s of sessions) {
    const event: SandboxEventPayload = {
      id: `evt_sbx_bench_${randomBytes(9).toString("hex")}`,
      type: "checkout.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: {
        sessionId: s.sessionId,
        reference: `pay_sbx_${s.id}`,
        amount: s.amount,
        currency: "EUR",
        method: "card",
      },
    };
    const raw = JSON.stringify(event);
    const seen = new Promise<boolean>((resolve) => {
      arrived.set(s.invoiceId, () => resolve(true));
      setTimeout(() => resolve(false), waitMs).unref();
    });
    const t0 = performance.now();
    const answered = fetch(`${baseUrl}/api/v1/payments/webhooks/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/json", [sandboxSignatureHeader]: provider.sign(raw) },
      body: raw,
      signal: AbortSignal.timeout(requestTimeoutSeconds * 1000),
    }).then(async (r) =>
      r.status === 200 ? ((await r.json()) as { outcome?: string }).outcome : `HTTP ${r.status}`,
    );
    const heard = await seen;
    const ms = performance.now() - t0;
    arrived.delete(s.invoiceId);
    const outcome = await answered.catch((error: unknown) => String(error));
    if (heard && outcome === "recorded") latencies.push(ms);
    else {
      failed++;
      log(`${label}: ${s.invoiceId} ${heard ? "" : `${missing}; `}outcome ${outcome}`);
    }
  }
  return { latencies, failed };
}

async function webhookToSse(
  baseUrl: string,
  advisor: Session,
  admin: pg.Client,
  secret: string,
  payments = 100,
) {
  const sessions = await benchCheckouts(baseUrl, advisor, admin, payments);

  // The shop's live stream, as the dashboard holds it open.
  const waiting = new Map<string, () => void>();
  const stream = new AbortController();
  const events = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { cookie: advisor.cookie },
    signal: stream.signal,
  });
  if (events.status !== 200 || !events.body) throw new Error(`GET /api/v1/events: HTTP ${events.status}`);
  const reader = events.body.getReader();
  const ready = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(message)?.[1];
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (type === "invoice.changed" && data) {
            const id = (JSON.parse(data) as { id?: string }).id;
            if (id) waiting.get(id)?.();
          }
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // The stream was closed at the end.
    }
  })();

  const { latencies, failed } = await timeSandboxPayments(
    baseUrl,
    secret,
    sessions,
    waiting,
    5_000,
    "webhook → SSE",
    "never shown",
  );
  stream.abort();
  await ready;
  latencies.sort((a, b) => a - b);
  const p95Ms = round(quantile(latencies, 0.95), 1);
  log(
    `webhook → SSE: p50 ${round(quantile(latencies, 0.5), 1)} ms, p95 ${p95Ms} ms over ${latencies.length} payments`,
  );
  return {
    payments: sessions.length,
    delivered: latencies.length,
    failed,
    p50Ms: round(quantile(latencies, 0.5), 1),
    p95Ms,
    maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
    budgetP95Ms: budgets.webhookP95Ms,
    budget: failed === 0 && p95Ms < budgets.webhookP95Ms ? "met" : "missed",
  };
}

// ---------------------------------------------------------------------------------------------------
// Webhook → DMS: the payment provider's webhook in, the signed invoice.paid out to a local receiver

async function webhookDelivery(
  baseUrl: string,
  advisor: Session,
  shopAdmin: Session,
  admin: pg.Client,
  secret: string,
  payments = 100,
) {
  // The DMS: a receiver on loopback that verifies every signature and reports each invoice.paid.
  const arrived = new Map<string, () => void>();
  let badSignatures = 0;
  let hook: Webhook | null = null;
  const receiver = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        hook?.verify(body, req.headers as Record<string, string>);
        const event = JSON.parse(body) as { type: string; data: { invoiceId?: string } };
        if (event.type === "invoice.paid" && event.data.invoiceId) arrived.get(event.data.invoiceId)?.();
      } catch {
        badSignatures++;
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as { port: number }).port;
  const asAdmin = (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: shopAdmin.cookie,
        "x-csrf-token": shopAdmin.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // A loopback receiver is a private target: allowed for this location, as for an on-premises DMS.
  const policy = await asAdmin("PUT", "/api/v1/settings/webhooks/policy", { allowPrivateTargets: true });
  if (policy.status !== 200) throw new Error(`webhook policy: HTTP ${policy.status}`);
  const created = await readJson<{ endpoint: { id: string }; secret: string }>(
    await asAdmin("POST", "/api/v1/settings/webhooks", {
      url: `http://127.0.0.1:${port}/dms`,
      description: "bench",
      eventTypes: ["invoice.paid"],
    }),
    "create webhook endpoint",
    201,
  );
  hook = new Webhook(created.secret);

  const sessions = await benchCheckouts(baseUrl, advisor, admin, payments);
  const { latencies, failed } = await timeSandboxPayments(
    baseUrl,
    secret,
    sessions,
    arrived,
    10_000,
    "webhook → DMS",
    "never delivered",
  );
  await asAdmin("DELETE", `/api/v1/settings/webhooks/${created.endpoint.id}`);
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  latencies.sort((a, b) => a - b);
  const p95Ms = round(quantile(latencies, 0.95), 1);
  log(
    `webhook → DMS: p50 ${round(quantile(latencies, 0.5), 1)} ms, p95 ${p95Ms} ms over ${latencies.length} payments (${badSignatures} bad signatures)`,
  );
  return {
    payments: sessions.length,
    delivered: latencies.length,
    failed: failed + badSignatures,
    p50Ms: round(quantile(latencies, 0.5), 1),
    p95Ms,
    maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
    budgetP95Ms: budgets.webhookDeliveryP95Ms,
    budget: failed === 0 && badSignatures === 0 && p95Ms < budgets.webhookDeliveryP95Ms ? "met" : "missed",
  };
}

// ---------------------------------------------------------------------------------------------------
// Mail: a worker process sends a queue of mails to a local SMTP server

async function mailBatch(serverUrl: string) {
  // A database of its own: nothing else queued (the webhook step's receipts) may mix into the figure.
  const name = `${dbPrefix}_mail_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
  cleanups.push(() =>
    withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(
      () => {},
    ),
  );
  const databaseUrl = withDatabase(serverUrl, name);
  const database = await openDatabase({ url: databaseUrl });
  const organisationId = newId("organisation");
  const locationId = newId("location");
  await database.db.insert(organisations).values({ id: organisationId, name: "Mail benchmark" });
  await database.db.insert(locations).values({
    id: locationId,
    organisationId,
    name: "Mail benchmark",
    timeZone: "Europe/Berlin",
    currency: "EUR",
    locale: "de-DE",
    legalName: "Mail benchmark",
    street: "-",
    postalCode: "-",
    city: "-",
    country: "DE",
  });
  const smtp = await startSmtpServer();
  const worker = spawnTs(
    "worker",
    "src/worker.ts",
    childEnv({
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Werkstatt <service@large.test>",
      LOG_LEVEL: "warn",
    }),
  );
  const boss = await startBoss(database);
  try {
    const deadline = performance.now() + startTimeoutMs;
    while (!worker.output.includes("worker is running")) {
      if (hasExited(worker)) throw new ChildFailure(worker, "the worker exited before it was running");
      if (performance.now() > deadline) throw new ChildFailure(worker, "the worker did not start");
      await sleep(pollMs);
    }
    const queue = bossQueue(boss);
    const ids = await database.db.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < mailCount; i++) {
        out.push(
          await queueMail(tx, queue, {
            organisationId,
            locationId,
            to: `bench-${i}@example.com`,
            subject: `Benchmark ${i}`,
            text: `Mail ${i} of ${mailCount}.\n`,
          }),
        );
      }
      return out;
    });
    log(`${mailCount} mails queued; waiting for the worker to send them`);
    const t0 = performance.now();
    const giveUp = t0 + Math.max(120_000, budgets.mailSeconds * 4_000);
    while (smtp.received.length < mailCount && performance.now() < giveUp) await sleep(50);
    const seconds = round((performance.now() - t0) / 1000, 1);
    // A moment more, to see any mail delivered twice.
    await sleep(2_000);
    const recipients = smtp.received.flatMap((m) => m.to);
    const unique = new Set(recipients);
    const [sent] = await database.db
      .select({ n: count() })
      .from(mailMessages)
      .where(and(eq(mailMessages.status, "sent"), inArray(mailMessages.id, ids)));
    const markedSent = Number(sent?.n ?? 0);
    const delivered = unique.size;
    const duplicates = recipients.length - unique.size;
    log(
      `mail: ${delivered} of ${mailCount} delivered in ${seconds}s (${duplicates} duplicates, ${markedSent} marked sent)`,
    );
    return {
      mails: mailCount,
      delivered,
      duplicates,
      markedSent,
      seconds,
      perSecond: round(delivered / seconds, 1),
      budgetSeconds: budgets.mailSeconds,
      budget: delivered === mailCount && duplicates === 0 && seconds < budgets.mailSeconds ? "met" : "missed",
    };
  } finally {
    await stopChild(worker);
    await boss.stop({ graceful: false });
    await database.close();
    await smtp.close();
  }
}

// ---------------------------------------------------------------------------------------------------

interface BareIds {
  organisationId: string;
  locationId: string;
  staffId: string;
  customerId: string;
}

type EndpointResult = {
  name: string;
  page: number;
  path: string;
  as: BenchActor;
  total: number | null;
  api: Measured;
  bare?: Measured;
  apiToBare?: number | null;
  budget?: { p99: "met" | "missed"; throughput: "met" | "missed" };
};

async function benchVolume() {
  const fromEnv = process.env.BENCH_DATABASE_URL;
  const serverUrl = fromEnv || defaultServer;
  const serverVersion = await withAdmin(
    serverUrl,
    async (c) =>
      (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? "?",
  ).catch((error: unknown) => {
    throw new Error(
      `cannot reach PostgreSQL at ${shownServer(serverUrl)} (${String(error)}): set BENCH_DATABASE_URL to a server where the user may create databases`,
    );
  });
  const target: PostgresTarget = {
    source: fromEnv ? "BENCH_DATABASE_URL" : "default local server",
    serverUrl,
    serverVersion,
  };
  log(`PostgreSQL ${serverVersion} at ${shownServer(serverUrl)} (${target.source})`);
  const shop =
    parts.has("endpoints") ||
    parts.has("webhook") ||
    parts.has("webhook-delivery") ||
    parts.has("dms-push") ||
    parts.has("exports")
      ? await benchLargeShop(target)
      : {};
  const mail = parts.has("mail") ? await mailBatch(serverUrl) : undefined;
  return {
    database: { source: target.source, server: shownServer(serverUrl), serverVersion },
    invoices: volumeInvoices,
    seed: volumeSeed,
    budgets: { p99Ms: budgets.p99Ms, bareShare: budgets.bareShare },
    ...shop,
    ...(mail ? { mail } : {}),
  };
}

async function benchLargeShop(target: PostgresTarget) {
  const copy = await largeShopCopy(target);
  const admin = new pg.Client({ connectionString: copy.url });
  await admin.connect();
  cleanups.push(() => admin.end());

  const secret = randomBytes(32).toString("hex");
  const server = await startMainServer("server (PostgreSQL, large shop)", tempDir("pitlane-bench-pg-"), {
    databaseUrl: copy.url,
    env: { SEED_DEMO: "false", PAYMENT_SANDBOX_SECRET: secret },
  });
  const sessions = {
    advisor: await signIn(server.baseUrl, "advisor"),
    admin: await signIn(server.baseUrl, "admin"),
    fleet1: await signIn(server.baseUrl, "fleet1"),
  };
  const runs: BenchRun[] = benchRuns(
    benchEndpoints.filter((e) => !onlyEndpoints || onlyEndpoints.has(e.name)),
  );
  const results: EndpointResult[] = [];
  if (parts.has("endpoints")) {
    for (const run of runs) {
      const label = `API ${run.endpoint.name} (page ${run.page})`;
      const { measured, probe: first } = await measure(
        label,
        `${server.baseUrl}${run.endpoint.path}${run.search}`,
        sessions[run.endpoint.as].cookie,
        admin,
        copy.name,
      );
      results.push({
        name: run.endpoint.name,
        page: run.page,
        path: `${run.endpoint.path}${run.search}`,
        as: run.endpoint.as,
        total: first.total ?? null,
        api: measured,
      });
    }
  }
  const webhook = parts.has("webhook")
    ? await webhookToSse(server.baseUrl, sessions.advisor, admin, secret)
    : undefined;
  const dmsPush = parts.has("dms-push")
    ? await dmsPushBatches(server.baseUrl, copy.url, sessions.admin)
    : undefined;
  const exports = parts.has("exports") ? await exportFiles(server, sessions.admin) : undefined;
  const webhookOut = parts.has("webhook-delivery")
    ? await webhookDelivery(server.baseUrl, sessions.advisor, sessions.admin, admin, secret)
    : undefined;
  await stopChild(server.child);

  if (parts.has("endpoints") && runs.length) {
    // The API server is gone before the bare routes run, so each has the machine to itself.
    const bare = await startBareServer(copy.url, {
      organisationId: sessions.advisor.organisationId,
      locationId: sessions.advisor.locationId,
      staffId: sessions.advisor.userId,
      customerId: sessions.fleet1.customerId ?? "",
    });
    try {
      for (const [i, run] of runs.entries()) {
        const { measured } = await measure(
          `bare ${run.endpoint.name} (page ${run.page})`,
          `${bare.baseUrl}/bare/${run.endpoint.bare}${run.search}`,
          undefined,
          admin,
          copy.name,
        );
        const result = results[i]!;
        result.bare = measured;
        const api = result.api;
        result.apiToBare =
          !isFailed(api) && !isFailed(measured)
            ? round(api.requestsPerSec / measured.requestsPerSec, 2)
            : null;
        // An endpoint that failed misses both.
        result.budget = {
          p99: !isFailed(api) && api.p99Ms < budgets.p99Ms ? "met" : "missed",
          throughput: result.apiToBare != null && result.apiToBare >= budgets.bareShare ? "met" : "missed",
        };
      }
    } finally {
      await stopChild(bare.child);
    }
  }
  const met = results.filter((r) => r.budget?.p99 === "met" && r.budget.throughput === "met").length;
  const failedRuns = results.filter((r) => isFailed(r.api)).length;
  return {
    copy: {
      template: copy.template,
      templateReused: copy.templateReused,
      seedSeconds: copy.seedSeconds,
      copySeconds: copy.copySeconds,
    },
    endpoints: results,
    summary: { runs: results.length, met, missed: results.length - met - failedRuns, failed: failedRuns },
    ...(webhook ? { webhookToSse: webhook } : {}),
    ...(dmsPush ? { dmsPush } : {}),
    ...(exports ? { exports } : {}),
    ...(webhookOut ? { webhookDelivery: webhookOut } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Exports: the whole invoices dashboard (every invoice of the large shop) as XLSX and as CSV, each
// timed from the request to the last byte, with the server's peak resident memory (VmHWM) before and
// after — streamed a batch at a time, the peak should not grow with the rows.

function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? round(Number(kb) / 1024, 1) : null;
  } catch {
    return null;
  }
}

async function exportFiles(server: { child: Child; baseUrl: string }, admin: Session) {
  const results: Record<string, unknown>[] = [];
  for (const [name, path] of [
    ["invoices xlsx", "/api/v1/invoices/export?format=xlsx"],
    ["invoices csv", "/api/v1/invoices/export?format=csv&language=de"],
    ["open items xlsx", "/api/v1/open-items/export?format=xlsx"],
  ] as const) {
    const before = peakRssMb(server.child.process.pid);
    const t0 = performance.now();
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: admin.cookie } });
    if (!response.ok || !response.body) throw new Error(`export ${name}: HTTP ${response.status}`);
    let bytes = 0;
    let newlines = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      bytes += chunk.length;
      if (name.endsWith("csv")) for (const b of chunk) if (b === 10) newlines++;
    }
    const seconds = round((performance.now() - t0) / 1000, 2);
    const after = peakRssMb(server.child.process.pid);
    const rows = name.endsWith("csv") ? newlines - 1 : null;
    log(
      `export ${name}: ${bytes} bytes in ${seconds} s${rows === null ? "" : `, ${rows} rows`}; server peak RSS ${before} → ${after} MB`,
    );
    results.push({
      name,
      path,
      bytes,
      seconds,
      rows,
      serverPeakRssMbBefore: before,
      serverPeakRssMbAfter: after,
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// DMS push

async function dmsPushBatches(
  baseUrl: string,
  databaseUrl: string,
  admin: Session,
  total = 10_000,
  size = 500,
) {
  const database = await openDatabase({ url: databaseUrl });
  const { key } = await createApiKey(
    database.db,
    {
      kind: "staff",
      id: admin.userId,
      name: "Bench admin",
      organisationId: admin.organisationId,
      locationId: admin.locationId,
      role: "admin",
    },
    { name: "Bench DMS", scopes: ["invoices:write"], expiresAt: null },
  );
  await database.close();
  const run = randomBytes(4).toString("hex");
  const invoiceOf = (i: number) => ({
    externalId: `bench-${run}-${i}`,
    number: `DMS-${run}-${i}`,
    issueDate: "2026-11-20",
    currency: "EUR",
    // A customer per ten invoices, so the upsert both creates and updates.
    customer: {
      externalId: `bench-${run}-k${Math.floor(i / 10)}`,
      name: `Kunde ${Math.floor(i / 10)}`,
      type: "private",
      email: `kunde${Math.floor(i / 10)}@bench.test`,
      language: "de",
    },
    unit: { externalId: `bench-${run}-f${i}`, make: "VW", model: "Golf", plate: `B-DMS ${i % 10_000}` },
    lines: [
      { description: "Inspektion", quantityMilli: 2000, unitPrice: 9500, taxRateBp: 1900 },
      { description: "Ölfilter", quantityMilli: 1000, unitPrice: 1250, taxRateBp: 1900 },
    ],
    totals: { net: 20_250, tax: 3848, gross: 24_098 },
    send: "on_send",
  });
  log(`dms-push: ${total} invoices in batches of ${size}`);
  const batchMs: number[] = [];
  let created = 0;
  const t0 = performance.now();
  for (let from = 0; from < total; from += size) {
    const body = JSON.stringify({ invoices: Array.from({ length: size }, (_, j) => invoiceOf(from + j)) });
    const b0 = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/invoices/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    const answer = await readJson<{ created: number; refused: number; results: { problem?: unknown }[] }>(
      response,
      "POST /api/v1/invoices/batch",
    );
    batchMs.push(performance.now() - b0);
    created += answer.created;
    if (answer.refused > 0) log(`dms-push: refused ${JSON.stringify(answer.results.find((r) => r.problem))}`);
  }
  const seconds = round((performance.now() - t0) / 1000, 1);
  const sorted = [...batchMs].sort((a, b) => a - b);
  log(`dms-push: ${created} of ${total} stored in ${seconds}s (budget ${budgets.dmsPushSeconds}s)`);
  return {
    invoices: total,
    batchSize: size,
    created,
    seconds,
    perSecond: round(created / seconds),
    batchP50Ms: round(sorted[Math.floor(sorted.length / 2)]!),
    batchMaxMs: round(sorted[sorted.length - 1]!),
    budgetSeconds: budgets.dmsPushSeconds,
    budget: created === total && seconds < budgets.dmsPushSeconds ? "met" : "missed",
  };
}

/** Resident memory of a process (Linux), in MB. */
function rssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024) : null;
  } catch {
    return null;
  }
}

async function startup() {
  // A start that builds is not a warm start: build what is stale first, unmeasured.
  log("building what is out of date (npm run build, the server bundle)");
  const build = spawnNode("build", ["scripts/start.mjs", "--build-only"], childEnv({}));
  await build.exited;
  if (build.process.exitCode !== 0) throw new ChildFailure(build, "the build failed");
  const dataDir = tempDir("pitlane-bench-");
  const cold = await startMainServer(
    "server (cold start: new database folder, migrations, demo seed)",
    dataDir,
  );
  await stopChild(cold.child);
  const warm = await startMainServer("server (warm start)", dataDir);
  // Settled memory of the server process after start (the database server is a process of its own).
  await sleep(2_000);
  const serverRssMb = rssMb(warm.child.process.pid);
  const web = parts.has("web") ? await webFigures(warm.baseUrl) : undefined;
  await stopChild(warm.child);
  return {
    coldStartMs: cold.healthMs,
    readyMs: cold.readyMs,
    warmStartMs: warm.healthMs,
    warmReadyMs: warm.readyMs,
    serverRssMb,
    budgets: { warmStartMs: 3_000, serverRssMb: 300 },
    ...(web ? { web } : {}),
  };
}

/** What a phone downloads for the sign-in page, and Lighthouse's mobile scores for it and a pay page. */
async function webFigures(baseUrl: string) {
  const firstLoad = firstLoadSize();
  let scores: Awaited<ReturnType<typeof lighthouse>> | null = null;
  try {
    const payPath = await demoPayPath(baseUrl);
    log("lighthouse: /login and a payment page (mobile)");
    scores = await lighthouse(baseUrl, ["/login", payPath], { runs: 3 });
  } catch (error) {
    log(`lighthouse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [login, pay] = scores ?? [];
  return {
    firstLoadBrBytes: firstLoad.brBytes,
    firstLoadGzipBytes: firstLoad.gzipBytes,
    firstLoadBudgetBytes,
    lighthouse: scores
      ? {
          login: { score: login!.score, lcpMs: login!.lcpMs, target: lighthouseTargets.login },
          payPage: { score: pay!.score, lcpMs: pay!.lcpMs, target: lighthouseTargets.payPage },
        }
      : null,
  };
}

function payPage() {
  try {
    return { payPageGzipBytes: payPageSize().gzipBytes, payPageBudgetBytes };
  } catch (error) {
    log(`pay page size: ${error instanceof Error ? error.message : String(error)}`);
    return { payPageGzipBytes: null, payPageBudgetBytes };
  }
}

async function run() {
  const starts = parts.has("startup") ? await startup() : {};
  const volume = ["endpoints", "webhook", "webhook-delivery", "mail", "dms-push", "exports"].some((p) =>
    parts.has(p),
  )
    ? await benchVolume()
    : undefined;
  const eInvoice = parts.has("e-invoice") ? await eInvoiceTimings() : undefined;
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    benchSeconds,
    warmupSeconds,
    connections,
    requestTimeoutSeconds,
    ...starts,
    ...(volume ? { volume } : {}),
    ...(eInvoice ? { eInvoice } : {}),
    // The customer's payment page as a phone downloads it (HTML + JS + CSS, gzip); budget 50 KB.
    ...payPage(),
  };
}

try {
  const startedAt = performance.now();
  const result = await run();
  await cleanUp();
  log(`done in ${Math.round((performance.now() - startedAt) / 1000)}s`);
  // Exit explicitly: keep-alive sockets from fetch would otherwise hold the process open for a while.
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`, () => process.exit(0));
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  // The child that failed, else those that may explain the error: still running (a 500 from the API)
  // or exited abnormally. A server that stopped cleanly printed only its banner.
  const failed =
    error instanceof ChildFailure
      ? [error.child]
      : started.filter((child) => running.has(child) || child.process.exitCode !== 0);
  for (const child of failed) {
    if (child.output.trim())
      process.stderr.write(`\n--- output of ${child.name} ---\n${child.output.slice(-8_000)}\n`);
  }
  await cleanUp();
  process.exit(1);
}
