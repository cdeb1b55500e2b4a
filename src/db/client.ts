// One engine for both ways of running: a PostgreSQL server named by DATABASE_URL, or the embedded
// PostgreSQL server Pitlane starts on its data folder (db/embedded-server.ts). Everything above this
// file sees only `Db`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { type EmbeddedServerOptions, ensureDatabase, startEmbeddedServer } from "./embedded-server";
import * as schema from "./schema";

export { DataFolderInUseError } from "./embedded-server";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export interface Database {
  kind: "embedded" | "postgres";
  db: Db;
  /** The connection string of this database (pg-boss and LISTEN connect with it). */
  url: string;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Timeouts {
  /** Longest a statement may run before PostgreSQL cancels it (a request then gets a 503). */
  statementMs: number;
  /** Longest a transaction may sit idle holding locks before PostgreSQL ends its session. */
  idleInTransactionMs: number;
}

export const defaultTimeouts: Timeouts = { statementMs: 10_000, idleInTransactionMs: 30_000 };
/** For tools that bulk-load or rebuild (the volume seeder): their statements run for minutes. */
export const noTimeouts: Timeouts = { statementMs: 0, idleInTransactionMs: 0 };

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server. */
  url?: string;
  /** Folder for the embedded PostgreSQL server (used when `url` is not set). */
  dataDir?: string;
  timeouts?: Timeouts;
  /** Settings for the embedded server (tests). */
  embedded?: EmbeddedServerOptions;
  /** Connections in the pool. */
  poolSize?: number;
}

/** The embedded server's application database. */
const embeddedDatabase = "pitlane";

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return connect("postgres", options.url, options);
  const server = await startEmbeddedServer(options.dataDir ?? "./data", {
    log: (message) => console.log(message),
    ...options.embedded,
  });
  try {
    await ensureDatabase(server, embeddedDatabase);
    const database = await connect("embedded", server.url(embeddedDatabase), options);
    return {
      ...database,
      async close() {
        await database.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function connect(kind: Database["kind"], url: string, options: OpenOptions): Promise<Database> {
  // Migrations may build indexes over years of data: they run without the request timeouts.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrate(drizzle(migrator), { migrationsFolder });
  } finally {
    await migrator.end();
  }
  const timeouts = options.timeouts ?? defaultTimeouts;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // A request waiting this long for a free connection gets a 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on("error", () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    kind,
    db,
    url,
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    close: () => pool.end(),
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
