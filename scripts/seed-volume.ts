// `npm run seed:volume -- --invoices 100000`: a dealership's five years in a new organisation on a
// PostgreSQL database (src/demo/volume). Prints a JSON report on stdout, progress on stderr.
//
//   --database-url URL   the database (default: $DATABASE_URL); migrations run first
//   --invoices N         how many invoices; customers, units, estimates … scale from it (default 100000)
//   --seed TEXT          same seed and --now, same data (default "pitlane")
//   --now ISO-8601       when the data ends (default: now)
//   --public-url URL     where links in seeded mails point (default http://localhost:3000)
//   --check              afterwards, validate every JSON column with the app's schemas and read every
//                        list and a detail of every kind through the real API (expects 200s)
//   --check-timeout S    seconds each API request of the check may take (default 30)
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "../src/config";
import { noTimeouts, openDatabase } from "../src/db/client";
import { type ApiCheck, checkApi, checkJsonColumns, fetchHttp } from "../src/demo/volume/check";
import { seedVolume } from "../src/demo/volume/seed-volume";
import { startPitlane } from "../src/runtime";

const log = (message: string) => process.stderr.write(`[seed:volume] ${message}\n`);

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    invoices: { type: "string", default: "100000" },
    seed: { type: "string", default: "pitlane" },
    now: { type: "string" },
    "public-url": { type: "string" },
    check: { type: "boolean", default: false },
    "check-timeout": { type: "string", default: "30" },
  },
});

const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) {
  log(
    "give --database-url postgres://… (or set DATABASE_URL): the large shop goes into a PostgreSQL database",
  );
  process.exit(2);
}
const now = values.now ? new Date(values.now) : undefined;
if (now && Number.isNaN(now.getTime())) {
  log(`--now ${values.now} is not a date`);
  process.exit(2);
}

/** Ends queries still running for requests the check gave up on, so the server can stop. */
async function cancelRunningQueries(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `select pg_cancel_backend(pid) from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
         and now() - query_start > interval '1 second'`,
    );
  } finally {
    await client.end();
  }
}

async function check(databaseUrl: string, organisationId: string) {
  const timeoutMs = Number(values["check-timeout"]) * 1000;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "false",
    RUN_WORKER: "false",
    LOG_LEVEL: "warn",
    PORT: "0",
    HOST: "127.0.0.1",
    LOGIN_RATE_LIMIT: "1000",
  });
  // No request log: stdout is the report.
  const pitlane = await startPitlane(config, { logger: false });
  try {
    log("checking every JSON column against the app's schemas");
    const json = await checkJsonColumns(pitlane.database.db, organisationId);
    for (const c of json)
      log(
        `  ${c.table}: ${c.rows} rows, ${c.invalid} invalid${c.examples.length ? ` ${c.examples.join(" / ")}` : ""}`,
      );
    const address = await pitlane.app.listen({ port: 0, host: "127.0.0.1" });
    log(`reading lists and details through the API (${address}, ${timeoutMs / 1000}s per request)`);
    const api = await checkApi(fetchHttp(address, timeoutMs), pitlane.database.db, organisationId, {
      onResult: (r: ApiCheck) =>
        log(
          `  ${r.status} ${String(r.ms).padStart(6)} ms  ${r.as.padEnd(7)} ${r.path}${r.total !== undefined ? `  (total ${r.total})` : ""}`,
        ),
    });
    return { json, api };
  } finally {
    await cancelRunningQueries(databaseUrl).catch(() => {});
    await pitlane.stop();
  }
}

const database = await openDatabase({ url, timeouts: noTimeouts });
let report: Awaited<ReturnType<typeof seedVolume>>;
try {
  log(`seeding ${values.invoices} invoices (seed "${values.seed}")`);
  report = await seedVolume(database.db, {
    invoices: Number(values.invoices),
    seed: values.seed,
    now,
    publicUrl: values["public-url"],
    log,
    trace: process.env.SEED_VOLUME_TRACE === "1",
  });
  log(`done in ${report.seconds}s`);
} finally {
  await database.close();
}

let failed = false;
let checked: Awaited<ReturnType<typeof check>> | undefined;
if (values.check) {
  checked = await check(url, report.organisationId);
  const bad = checked.api.filter((r) => r.status !== 200);
  const invalid = checked.json.filter((c) => c.invalid > 0);
  failed = bad.length > 0 || invalid.length > 0;
  log(
    `check: ${checked.api.length - bad.length}/${checked.api.length} requests answered 200; ${invalid.length} tables with invalid JSON`,
  );
}
process.stdout.write(
  `${JSON.stringify(
    {
      ...report,
      ...(checked
        ? {
            check: {
              json: checked.json,
              api: { requests: checked.api.length, failed: checked.api.filter((r) => r.status !== 200) },
            },
          }
        : {}),
    },
    null,
    2,
  )}\n`,
  () => process.exit(failed ? 1 : 0),
);
