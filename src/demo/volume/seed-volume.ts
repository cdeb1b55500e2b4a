// A dealership's five years in one new organisation and location, written with set-based SQL:
// `npm run seed:volume -- --invoices 100000`. See README "Benchmarks". The steps run in one
// transaction (all or nothing), then deriveReadModels() brings derived state up to date.
import { eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { refreshInvoiceProjections } from "../../app/invoices/refresh-invoice-projections";
import { rebuildListCounts } from "../../app/lists/rebuild-list-counts";
import type { Db, DbOrTx } from "../../db/client";
import * as schema from "../../db/schema";
import { counterSaleCatalogue, goodwillCatalogue, offerCatalogue, workBaskets } from "./catalogue";
import { type SeedContext, sqlNames } from "./context";
import { type VolumeCounts, volumeCounts } from "./counts";
import {
  bookings,
  customersAndUnits,
  estimatesAndWork,
  extensions,
  staffFunctions,
  workOrdersAndJobs,
} from "./documents";
import { invoiceRows, invoiceWork } from "./invoicing";
import { bell, outbox, sequences } from "./messages";
import { loginDomain, shop } from "./people";
import { receivables } from "./receivables";
import { seedShop, volumePassword } from "./shop";
import { rowsOf, sessionFunctions } from "./sql";
import { arrivalDates, catalogueTables, customerTable, timeAxis, unitTable, visitTable } from "./worktables";

export interface VolumeSeedOptions {
  invoices: number;
  /** Same seed (and same `now`), same shop: ids, names, amounts and dates. */
  seed: string;
  /** The moment the data ends at; default the current time. */
  now?: Date;
  /** Where links in seeded mails point. */
  publicUrl?: string;
  log?: (message: string) => void;
  /** Log each statement's duration. */
  trace?: boolean;
}

export interface VolumeSeedReport {
  organisationId: string;
  locationId: string;
  counts: VolumeCounts;
  seconds: number;
  steps: { step: string; seconds: number }[];
  /** Rows per table after seeding (the whole database). */
  rows: Record<string, number>;
  logins: { shop: string[]; portal: string[]; password: string };
}

export class AlreadySeededError extends Error {
  constructor() {
    super(`This database already has the large shop (advisor@${loginDomain}). Seed into a fresh database.`);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function seedVolume(db: Db, options: VolumeSeedOptions): Promise<VolumeSeedReport> {
  const log = options.log ?? (() => {});
  const counts = volumeCounts(options.invoices);
  const now = options.now ?? new Date();
  const [existing] = await db
    .select({ id: schema.staffUsers.id })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.email, `advisor@${loginDomain}`));
  if (existing) throw new AlreadySeededError();

  const started = performance.now();
  const steps: VolumeSeedReport["steps"] = [];
  const ids = await db.transaction(async (tx) => {
    // The data is rebuilt from scratch on failure, so waiting for each commit's flush buys nothing.
    await tx.execute(sql.raw("set local synchronous_commit = off"));
    await tx.execute(sql.raw("set local work_mem = '64MB'"));
    const since = performance.now();
    const seededShop = await seedShop(tx, options.seed, new Date(now.getTime() - 5 * 365.25 * 86_400_000));
    steps.push({ step: "shop and staff", seconds: round((performance.now() - since) / 1000) });
    const labourRate = shop.location.labourRate;
    const ctx: SeedContext = {
      seed: options.seed,
      now,
      counts,
      shop: seededShop,
      baskets: workBaskets(options.seed, labourRate),
      sales: counterSaleCatalogue(),
      goodwill: goodwillCatalogue(),
      offers: offerCatalogue(labourRate),
      publicUrl: options.publicUrl ?? "http://localhost:3000",
    };
    const q = sqlNames(ctx);
    const plan: [string, string[]][] = [
      [
        "work tables",
        [...sessionFunctions(options.seed), ...staffFunctions(q), ...timeAxis(q), ...catalogueTables(ctx)],
      ],
      [
        "customers, units, visits",
        [...customerTable(ctx), ...unitTable(ctx, q), ...visitTable(ctx, q), ...arrivalDates(q)],
      ],
      ["customers and units with readings", customersAndUnits(ctx, q)],
      ["booking requests", bookings(ctx, q)],
      ["estimates and work", estimatesAndWork(ctx, q)],
      ["work orders and jobs", workOrdersAndJobs(ctx, q)],
      ["order extensions", extensions(ctx, q)],
      ["invoice plans", invoiceWork(ctx, q)],
      ["invoices, payments, provider events", invoiceRows(ctx, q)],
      ["outbox", outbox(ctx, q)],
      ["reminders and a bank statement", receivables(ctx, q)],
      ["notifications and number counters", [...bell(ctx, q), ...sequences(q)]],
    ];
    for (const [step, statements] of plan) {
      const t0 = performance.now();
      for (const statement of statements) {
        const s0 = performance.now();
        try {
          await tx.execute(sql.raw(statement));
          // Where the time goes, for whoever makes the seed faster.
          if (options.trace)
            log(
              `  ${Math.round(performance.now() - s0)} ms  ${statement.trim().split("\n")[0]?.slice(0, 120)}`,
            );
        } catch (error) {
          throw new Error(`seed step "${step}" failed: ${describe(error)}\n--- statement ---\n${statement}`);
        }
      }
      const seconds = round((performance.now() - t0) / 1000);
      steps.push({ step, seconds });
      log(`${step}: ${seconds}s`);
    }
    return seededShop;
  });
  const t0 = performance.now();
  await deriveReadModels(db, ids.locationId);
  steps.push({ step: "derive read models", seconds: round((performance.now() - t0) / 1000) });
  log(`derive read models: ${steps.at(-1)!.seconds}s`);
  const rows = await rowCounts(db);
  return {
    organisationId: ids.organisationId,
    locationId: ids.locationId,
    counts,
    seconds: round((performance.now() - started) / 1000),
    steps,
    rows,
    logins: {
      shop: ids.staff
        .filter((s, i, all) => all.findIndex((o) => o.role === s.role) === i)
        .map((s) => s.email),
      portal: [`fleet1@${loginDomain}`, `fleet2@${loginDomain}`, `fleet${counts.fleets}@${loginDomain}`],
      password: volumePassword,
    },
  };
}

/**
 * State derived from the seeded rows, brought up to date after the bulk load: the invoice read model
 * (received / credited / open amount and payment status on `invoices`, derived from the ledger the
 * seeder wrote), the lists' totals (list_count_deltas), the work items' jobs, then the planner's statistics and the visibility map (VACUUM ANALYZE: a settled
 * database has both, a bulk load neither, and without them the first benchmark requests would
 * measure hint-bit writes and guessed plans, and the dashboard's index-only scans would not be).
 */
export async function deriveReadModels(db: Db, locationId: string): Promise<void> {
  await refreshInvoiceProjections(db, { locationId });
  // The triggers counted every bulk-loaded row as a delta of its own; count the tables afresh.
  await rebuildListCounts(db);
  // Which work item is on a work order (work_items.job_id, and from it the Service Board's `waiting`):
  // the app writes it with the job; the bulk load writes jobs on their own.
  await db.execute(
    sql`update work_items set job_id = jobs.id from jobs
        where jobs.work_item_id = work_items.id and work_items.location_id = ${locationId}
          and work_items.job_id is distinct from jobs.id`,
  );
  await db.execute(sql.raw("vacuum analyze"));
}

export async function rowCounts(db: DbOrTx): Promise<Record<string, number>> {
  const tables = Object.values(schema as Record<string, unknown>)
    .filter((t): t is PgTable => is(t, PgTable))
    .map((t) => getTableName(t))
    .sort();
  const union = tables
    .map((t) => `select '${t}' as t, count(*)::bigint as n from "${t}"`)
    .join(" union all ");
  const result = await db.execute(sql.raw(union));
  const rows = rowsOf<{ t: string; n: string | number }>(result);
  return Object.fromEntries(
    rows.map((r) => [r.t, Number(r.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = (cause ?? error) as { detail?: string; hint?: string; where?: string };
  // drizzle's message repeats the whole statement; the cause says what went wrong.
  const parts = [cause instanceof Error ? cause.message : error.message.slice(0, 200)];
  if (detail.detail) parts.push(detail.detail);
  if (detail.where) parts.push(detail.where);
  return parts.join(" | ");
}
