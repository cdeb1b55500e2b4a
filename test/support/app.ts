// A real Pitlane for a test file: real migrations, real job queue and worker, real HTTP stack
// (requests through fastify.inject, or a real port with listen()).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { type Pitlane, startPitlane } from "../../src/runtime";
import { createTestDatabase } from "./database";

export interface TestApp extends Pitlane {
  close(): Promise<void>;
  /** The folder this app stores photos in. */
  uploadDir: string;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const uploadDir = await mkdtemp(path.join(os.tmpdir(), "pitlane-test-uploads-"));
  const config = loadConfig({
    DATABASE_URL: database.url,
    SEED_DEMO: "false",
    // TEST_LOG=1 shows the server's log (a level "silent" would swallow it even then).
    LOG_LEVEL: process.env.TEST_LOG === "1" ? "info" : "silent",
    LOGIN_RATE_LIMIT: "1000",
    PUBLIC_URL: "http://pitlane.test",
    PITLANE_UPLOAD_DIR: uploadDir,
    ...env,
  });
  const pitlane = await startPitlane(config, { logger: process.env.TEST_LOG === "1" });
  return {
    ...pitlane,
    uploadDir,
    async close() {
      await pitlane.stop();
      await database.drop();
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
