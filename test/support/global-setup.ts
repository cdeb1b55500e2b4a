// Once per test run: start one embedded PostgreSQL server (the same one `npm start` runs) and build a
// template database with the real migrations and the job queue's schema, here and on the PostgreSQL
// server named by TEST_DATABASE_URL. Every test file then gets a fresh database cloned from the
// template (test/support/database.ts): milliseconds instead of migrating each time.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/client";
import { type EmbeddedServer, ensureDatabase, startEmbeddedServer } from "../../src/db/embedded-server";
import { startBoss } from "../../src/jobs/queue";
import { urlOf } from "./database";

/** Test data is thrown away: durability off, so the suite does not wait for the disk. */
const throwaway = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

async function buildTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: urlOf(serverUrl, name) });
  const boss = await startBoss(database);
  await boss.stop({ graceful: false });
  await database.close();
}

async function dropTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`).catch(() => {});
  await admin.end();
}

export default async function setup() {
  const templateName = `pitlane_template_${randomBytes(4).toString("hex")}`;
  process.env.PITLANE_TEST_TEMPLATE = templateName;
  const dir = await mkdtemp(path.join(os.tmpdir(), "pitlane-test-pg-"));
  // As root the server runs as the user postgres, which must be able to pass through this folder.
  await chmod(dir, 0o755);
  const server: EmbeddedServer = await startEmbeddedServer(dir, { settings: throwaway });
  await ensureDatabase(server, "postgres");
  const embeddedUrl = server.url("postgres");
  await buildTemplate(embeddedUrl, templateName);
  process.env.PITLANE_TEST_EMBEDDED_URL = embeddedUrl;

  const external = process.env.TEST_DATABASE_URL;
  if (external) await buildTemplate(external, templateName);

  return async () => {
    if (external) await dropTemplate(external, templateName);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
