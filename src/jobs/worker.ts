// Background work off the queue. In embedded mode it runs inside the server process; on PostgreSQL
// any number of `npm run worker` processes may run it as well.
import type { PgBoss } from "pg-boss";
import { deleteExpiredSessions } from "../app/auth/sessions";
import type { JobPayloads } from "../app/jobs";
import type { Db } from "../db/client";
import type { Mailer } from "../integrations/mail/mailer";
import { sendMailJob } from "./send-mail";

export interface WorkerDeps {
  db: Db;
  boss: PgBoss;
  mailer: Mailer;
  mailFrom: string;
}

export async function startWorker({ db, boss, mailer, mailFrom }: WorkerDeps): Promise<void> {
  await boss.work<JobPayloads["mail.send"]>("mail.send", { pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      const finalAttempt = (job as { retryCount?: number }).retryCount === 5;
      await sendMailJob(db, mailer, mailFrom, job.data.messageId, finalAttempt);
    }
  });
  // Expired sessions are refused anyway; purging them hourly keeps the table small.
  await boss.schedule("sessions.purge", "17 * * * *");
  await boss.work("sessions.purge", async () => {
    await deleteExpiredSessions(db);
  });
}
