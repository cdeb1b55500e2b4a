// A real Pitlane for a test file: real migrations, real job queue and worker, real HTTP stack
// (requests through fastify.inject, or a real port with listen()).
import { loadConfig } from "../../src/config";
import { type Pitlane, startPitlane } from "../../src/runtime";
import { createTestDatabase } from "./database";

export interface TestApp extends Pitlane {
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    PITLANE_DATA_DIR: database.dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    LOGIN_RATE_LIMIT: "1000",
    PUBLIC_URL: "http://pitlane.test",
    ...env,
  });
  const pitlane = await startPitlane(config, { logger: false });
  return {
    ...pitlane,
    async close() {
      await pitlane.stop();
      await database.drop();
    },
  };
}
