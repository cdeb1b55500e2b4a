// Each test file gets its own database, cloned from the template the global set-up migrated
// (test/support/global-setup.ts): on the embedded PostgreSQL server, or on the PostgreSQL server
// named by TEST_DATABASE_URL. It is dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const testDbKind = (process.env.PITLANE_TEST_DB ?? "embedded") as "embedded" | "postgres";

/** The template of this test run (two runs on one PostgreSQL server must not share one). */
const templateName = () => {
  const name = process.env.PITLANE_TEST_TEMPLATE;
  if (!name)
    throw new Error("No template database: run tests through vitest (test/support/global-setup.ts).");
  return name;
};

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The same server's connection string, for another database. */
export function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function serverUrl(): string {
  const url =
    testDbKind === "embedded" ? process.env.PITLANE_TEST_EMBEDDED_URL : process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      testDbKind === "embedded"
        ? "The embedded test server is not running: run tests through vitest (test/support/global-setup.ts)."
        : "PITLANE_TEST_DB=postgres needs TEST_DATABASE_URL",
    );
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = serverUrl();
  const name = `pitlane_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${pg.escapeIdentifier(templateName())}`);
  await admin.end();
  return {
    url: urlOf(base, name),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
