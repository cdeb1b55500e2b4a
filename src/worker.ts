// `npm run worker`: background jobs only, for running workers apart from the web processes on
// PostgreSQL. (The embedded database allows one process, so there the server runs the worker.)
import { loadConfig, webhookOptions } from "./config";
import { openDatabase } from "./db/client";
import { createMailer } from "./integrations/mail/mailer";
import { createSmsSender, twilioSettings } from "./integrations/sms/sms-sender";
import { startBoss } from "./jobs/queue";
import { startWorker } from "./jobs/worker";

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: with the embedded database the server runs the worker itself.",
  );
  process.exit(1);
}
const database = await openDatabase({ url: config.DATABASE_URL });
const boss = await startBoss(database);
const mailer = createMailer(config.SMTP_URL);
const stopWorker = await startWorker({
  db: database.db,
  boss,
  mailer,
  mailFrom: config.MAIL_FROM,
  publicUrl: config.publicUrl,
  sms: createSmsSender(twilioSettings(config)),
  webhooks: { listen: database.listen, ...webhookOptions(config) },
});
console.log("Pitlane worker is running.");
const stop = async () => {
  await stopWorker();
  await boss.stop({ graceful: true, timeout: 10_000 });
  mailer.close();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
