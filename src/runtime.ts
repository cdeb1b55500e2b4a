// Wires the parts together for a running process: database, job queue, worker, HTTP server.
// `npm start`, `npm run worker`, the benchmark and the tests all start Pitlane through here.
import type { PgBoss } from "pg-boss";
import { PhotoStore } from "./app/inspections/photo-store";
import { type Config, webhookOptions } from "./config";
import { type Database, openDatabase } from "./db/client";
import { type DemoLogin, seedDemoIfEmpty } from "./demo/seed-demo";
import { startLiveHub } from "./http/live-hub";
import { buildServer } from "./http/server";
import { createMailer, type Mailer } from "./integrations/mail/mailer";
import { createSmsSender, twilioSettings } from "./integrations/sms/sms-sender";
import { bossQueue, startBoss } from "./jobs/queue";
import { startWorker } from "./jobs/worker";

export interface Pitlane {
  database: Database;
  boss: PgBoss;
  mailer: Mailer;
  app: Awaited<ReturnType<typeof buildServer>>;
  demoLogins: DemoLogin[] | null;
  stop(): Promise<void>;
}

export async function startPitlane(config: Config, options: { logger?: boolean } = {}): Promise<Pitlane> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.PITLANE_DATA_DIR,
    timeouts: config.timeouts,
  });
  try {
    const boss = await startBoss(database);
    const queue = bossQueue(boss);
    const demoLogins = config.SEED_DEMO
      ? await seedDemoIfEmpty(
          database.db,
          { queue, publicUrl: config.publicUrl, linkTtlDays: 14 },
          new PhotoStore(config.uploadDir),
        )
      : null;
    const mailer = createMailer(config.SMTP_URL);
    const stopWorker = config.RUN_WORKER
      ? await startWorker({
          db: database.db,
          boss,
          mailer,
          mailFrom: config.MAIL_FROM,
          publicUrl: config.publicUrl,
          sms: createSmsSender(twilioSettings(config)),
          webhooks: { listen: database.listen, ...webhookOptions(config) },
        })
      : async () => {};
    const hub = await startLiveHub(database.listen);
    const app = await buildServer({
      hub,
      db: database.db,
      queue,
      config,
      logger: options.logger === false ? false : undefined,
    });
    return {
      database,
      boss,
      mailer,
      app,
      demoLogins,
      async stop() {
        await app.close();
        await stopWorker();
        await hub.stop();
        await boss.stop({ graceful: true, timeout: 5_000 });
        mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
