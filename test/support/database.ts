// Each test file gets its own database, built by the real migrations: an in-memory PGlite, or a
// fresh database on the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";

export const testDbKind = (process.env.PITLANE_TEST_DB ?? "embedded") as "embedded" | "postgres";

export interface TestDatabase {
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind === "embedded") return { dataDir: "memory://", drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("PITLANE_TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `pitlane_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: "memory://",
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
