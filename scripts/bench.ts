// `npm run bench`: start-up times and customer-list throughput, printed as one JSON document on stdout
// (progress goes to stderr).
//
//  1. Cold start: spawn the real server (`node --import tsx src/main.ts`) on a fresh embedded data
//     folder and time spawn → first 200 from /healthz and /readyz; this includes the migrations and the
//     demo seed. Then stop it and start it again on the same folder (warm start).
//  2. Load: sign in as the demo service advisor, add 200 customers so the list has a realistic size,
//     and run autocannon against GET /api/v1/customers?limit=25.
//  3. Comparison: stop the server and serve the same query from a bare Fastify route
//     (scripts/bench-bare-server.ts) on the same database, under the same load. The difference is what
//     our layers (session lookup, zod validation and serialisation, presenters) cost.
//
// With BENCH_DATABASE_URL set, steps 2 and 3 run again on that PostgreSQL server (in a throwaway
// database when the user may create one). Settings: BENCH_SECONDS (load duration per run, default 8),
// BENCH_WARMUP_SECONDS (unmeasured load before each run, default 1).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { sessionCookie } from "../src/http/auth";
import { payPageBudgetBytes, payPageSize } from "./pay-page-size";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function secondsFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

const benchSeconds = secondsFromEnv("BENCH_SECONDS", 8, 1);
const warmupSeconds = secondsFromEnv("BENCH_WARMUP_SECONDS", 1, 0);
const connections = 10;
const extraCustomers = 200;
const pollMs = 20;
const startTimeoutMs = 120_000;
const stopTimeoutMs = 15_000;
const demoLogin = { email: "advisor@werkstatt.test", password: "pitlane-demo", audience: "shop" };

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

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
/** Asynchronous clean-ups (dropping a throwaway database), run last-registered first. */
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
  // process.execPath + --import tsx rather than npx: no npm wrapper process in the start-up time, and
  // the pid we signal is the server itself.
  const proc = spawn(process.execPath, ["--import", "tsx", script], {
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

async function startMainServer(name: string, dataDir: string, databaseUrl?: string): Promise<StartedServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = childEnv({
    PORT: String(port),
    HOST: "127.0.0.1",
    PITLANE_DATA_DIR: dataDir,
    // Empty means "embedded" (config.ts), and overrides a DATABASE_URL exported in the caller's shell.
    DATABASE_URL: databaseUrl ?? "",
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  });
  log(`starting ${name}`);
  const t0 = performance.now();
  const child = spawnTs(name, "src/main.ts", env);
  await waitForOk(child, `${baseUrl}/healthz`, t0 + startTimeoutMs);
  const healthMs = performance.now() - t0;
  await waitForOk(child, `${baseUrl}/readyz`, t0 + startTimeoutMs);
  const readyMs = performance.now() - t0;
  log(`${name}: healthy after ${Math.round(healthMs)} ms, ready after ${Math.round(readyMs)} ms`);
  return { child, baseUrl, healthMs: round(healthMs), readyMs: round(readyMs) };
}

type BareDatabase = { dataDir: string } | { url: string };

async function startBareServer(database: BareDatabase, scope: Scope): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/bare/customers`;
  const env = childEnv({
    BENCH_BARE_PORT: String(port),
    BENCH_BARE_DATA_DIR: "dataDir" in database ? database.dataDir : "",
    BENCH_BARE_DATABASE_URL: "url" in database ? database.url : "",
    BENCH_BARE_ORGANISATION_ID: scope.organisationId,
    BENCH_BARE_LOCATION_ID: scope.locationId,
  });
  log("starting the bare Fastify route");
  const child = spawnTs("bare server", "scripts/bench-bare-server.ts", env);
  await waitForOk(child, url, performance.now() + startTimeoutMs);
  return { child, url };
}

// ---------------------------------------------------------------------------------------------------
// The API as a client uses it

interface Scope {
  organisationId: string;
  locationId: string;
}

interface Session {
  cookie: string;
  csrfToken: string;
  scope: Scope;
}

async function signIn(baseUrl: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demoLogin),
  });
  const body = await readJson<{ csrfToken: string; organisation: { id: string }; location: { id: string } }>(
    response,
    "sign-in",
  );
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${sessionCookie}=`));
  if (!cookie) throw new Error(`sign-in: the response set no ${sessionCookie} cookie`);
  return {
    cookie,
    csrfToken: body.csrfToken,
    scope: { organisationId: body.organisation.id, locationId: body.location.id },
  };
}

async function listTotal(url: string, headers: Record<string, string> = {}): Promise<number> {
  const body = await readJson<{ total: number }>(await fetch(url, { headers }), `GET ${url}`);
  return body.total;
}

/**
 * Adds bench customers until there are `extraCustomers` of them. Counting first keeps a reused
 * PostgreSQL database from growing on every run; on a fresh folder it creates all of them.
 */
async function addCustomers(baseUrl: string, session: Session): Promise<number> {
  const existing = await listTotal(
    `${baseUrl}/api/v1/customers?q=${encodeURIComponent("Bench Customer")}&limit=1`,
    {
      cookie: session.cookie,
    },
  );
  const missing = Math.max(0, extraCustomers - existing);
  log(`creating ${missing} customers`);
  let next = 0;
  // Ten at a time: quick, and the same concurrency the load test uses.
  const worker = async () => {
    while (next < missing) {
      const n = existing + ++next;
      const response = await fetch(`${baseUrl}/api/v1/customers`, {
        method: "POST",
        headers: {
          cookie: session.cookie,
          "x-csrf-token": session.csrfToken,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          type: "private",
          firstName: "Bench",
          lastName: `Customer ${String(n).padStart(4, "0")}`,
          city: "Berlin",
        }),
      });
      await readJson(response, "create customer", 201);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return missing;
}

// ---------------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  endpoint: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  totalRequests: number;
}

async function loadTest(
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const options = { url, connections, headers };
  // An unmeasured first round: JIT compilation and connection set-up are not what we measure.
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  log(`${label}: ${benchSeconds}s of load with ${connections} connections`);
  const result = await autocannon({ ...options, duration: benchSeconds });
  if (result["2xx"] === 0) {
    throw new Error(`${label}: no request succeeded (${result.non2xx} non-2xx, ${result.errors} errors)`);
  }
  if (result.non2xx > 0 || result.errors > 0) {
    log(`warning: ${label}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  log(`${label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
  return {
    endpoint: `GET ${new URL(url).pathname}${new URL(url).search}`,
    requestsPerSec: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    totalRequests: result.requests.total,
  };
}

interface Comparison {
  customersCreated: number;
  /** The customer list's `total` as both servers saw it (same database, same number). */
  listTotal: number;
  api: LoadResult;
  bareRoute: LoadResult;
  /** The share of the bare route's throughput the API loses: 40 means 40% fewer requests per second. */
  apiOverheadPct: number;
}

/** Steps 2 and 3 against a running main server; stops it before the bare route opens the database. */
async function compareWithBareRoute(server: StartedServer, database: BareDatabase): Promise<Comparison> {
  const session = await signIn(server.baseUrl);
  const customersCreated = await addCustomers(server.baseUrl, session);
  const apiUrl = `${server.baseUrl}/api/v1/customers?limit=25`;
  const headers = { cookie: session.cookie };
  const apiTotal = await listTotal(apiUrl, headers);
  const api = await loadTest("API", apiUrl, headers);

  // The embedded database allows one process per data folder, so the server must be gone before the
  // bare route can open it. With PostgreSQL we stop it too, so both runs have the machine to themselves.
  await stopChild(server.child);

  const bare = await startBareServer(database, session.scope);
  try {
    const bareTotal = await listTotal(bare.url);
    if (bareTotal !== apiTotal) {
      throw new Error(
        `the bare route sees ${bareTotal} customers, the API saw ${apiTotal}: not the same database?`,
      );
    }
    const bareRoute = await loadTest("bare route", bare.url);
    return {
      customersCreated,
      listTotal: apiTotal,
      api,
      bareRoute,
      apiOverheadPct: round((1 - api.requestsPerSec / bareRoute.requestsPerSec) * 100, 1),
    };
  } finally {
    await stopChild(bare.child);
  }
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

interface PostgresTarget {
  url: string;
  /** false: BENCH_DATABASE_URL's own database is used (no right to create one). */
  throwaway: boolean;
  serverVersion: string;
}

/**
 * A fresh database on the server, dropped afterwards, so repeated runs measure the same data and
 * leave nothing behind. Without the right to create databases, the given database is used as it is.
 */
async function throwawayDatabase(baseUrl: string): Promise<PostgresTarget> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const version = await admin.query<{ server_version: string }>("show server_version");
    const serverVersion = version.rows[0]?.server_version ?? "unknown";
    const name = `pitlane_bench_${randomBytes(6).toString("hex")}`;
    try {
      await admin.query(`create database ${name}`);
    } catch (error) {
      log(`could not create a throwaway database (${String(error)}); benchmarking BENCH_DATABASE_URL itself`);
      return { url: baseUrl, throwaway: false, serverVersion };
    }
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    });
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), throwaway: true, serverVersion };
  } finally {
    await admin.end();
  }
}

async function benchPostgres(database: PostgresTarget) {
  // The server still reads PITLANE_DATA_DIR; keep it away from ./data even though it stays unused.
  const server = await startMainServer("server (PostgreSQL)", tempDir("pitlane-bench-pg-"), database.url);
  const comparison = await compareWithBareRoute(server, { url: database.url });
  return {
    database: "postgres",
    serverVersion: database.serverVersion,
    throwawayDatabase: database.throwaway,
    startMs: server.healthMs,
    readyMs: server.readyMs,
    ...comparison,
  };
}

// ---------------------------------------------------------------------------------------------------

async function run() {
  // Connect to PostgreSQL first: a wrong BENCH_DATABASE_URL should fail in a second, not after the
  // embedded half of the run.
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const postgresDatabase = postgresUrl ? await throwawayDatabase(postgresUrl) : undefined;

  const dataDir = tempDir("pitlane-bench-");

  const cold = await startMainServer("server (cold start: migrations + demo seed)", dataDir);
  await stopChild(cold.child);
  const warm = await startMainServer("server (warm start)", dataDir);
  const embedded = await compareWithBareRoute(warm, { dataDir });

  const postgres = postgresDatabase ? await benchPostgres(postgresDatabase) : undefined;

  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    database: "embedded",
    benchSeconds,
    warmupSeconds,
    connections,
    coldStartMs: cold.healthMs,
    readyMs: cold.readyMs,
    warmStartMs: warm.healthMs,
    warmReadyMs: warm.readyMs,
    ...embedded,
    ...(postgres ? { postgres } : {}),
    // The customer's payment page as a phone downloads it (HTML + JS + CSS, gzip); budget 50 KB.
    payPageGzipBytes: payPageSize().gzipBytes,
    payPageBudgetBytes,
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
