// One code path for both databases: the embedded PGlite (default, a data folder) and a PostgreSQL
// server (DATABASE_URL). Everything above this file sees only `Db`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type Db as BossDb, fromPglite } from "pg-boss";
import lockfile from "proper-lockfile";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export interface Database {
  kind: "embedded" | "postgres";
  db: Db;
  /** How pg-boss reaches the same database. */
  boss: { db?: BossDb; connectionString?: string; backend: "pglite" | "postgres" };
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DataFolderInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Pitlane process is using the data folder ${dataDir}. ` +
        "The embedded database allows one process per folder (a second one would lose writes). " +
        "Stop the other process, or set PITLANE_DATA_DIR to another folder, or use DATABASE_URL.",
    );
  }
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server. */
  url?: string;
  /** Folder for the embedded database; "memory://" keeps it in memory (tests). */
  dataDir?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openEmbedded(options.dataDir ?? "./data");
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(drizzlePg(pool), { migrationsFolder });
  return {
    kind: "postgres",
    db,
    boss: { connectionString: url, backend: "postgres" },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    close: () => pool.end(),
  };
}

/** Contrib modules the migrations create (pg_trgm: the lists' substring search). */
const extensions = { pg_trgm };

async function openEmbedded(dataDir: string): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (dataDir.startsWith("memory://")) {
    client = new PGlite({ extensions });
  } else {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    try {
      // The lock is refreshed while we run and goes stale when a crashed process stops refreshing it.
      release = await lockfile.lock(dir, { lockfilePath: path.join(dir, "pitlane.lock"), stale: 15_000 });
    } catch (error) {
      if ((error as { code?: string }).code === "ELOCKED") throw new DataFolderInUseError(dir);
      throw error;
    }
    client = new PGlite(path.join(dir, "pg"), { extensions });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return {
    kind: "embedded",
    db,
    boss: { db: fromPglite(client), backend: "pglite" },
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async close() {
      await client.close();
      await release?.();
    },
  };
}

/**
 * A connection of its own for LISTEN (a pooled one would be handed to other queries). If it drops,
 * it reconnects; browsers refetch on reconnect, so nothing is lost but the gap's nudges.
 */
async function listenPostgres(url: string, channel: string, onPayload: (payload: string) => void) {
  let stopped = false;
  let client: pg.Client | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    c.on("error", () => {
      c.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
