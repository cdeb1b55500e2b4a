// Background work off the queue. In embedded mode it runs inside the server process; on PostgreSQL
// any number of `npm run worker` processes may run it as well.
import type { JobResult, PgBoss } from "pg-boss";
import { runDunning } from "../app/dunning/run-dunning";
import { readInvoiceUpload } from "../app/invoice-uploads/read-invoice-upload";
import { compactListCounts } from "../app/lists/compact-list-counts";
import { purgeLoginThrottles } from "../app/support/auth/login-throttle";
import { deleteExpiredSessions } from "../app/support/auth/sessions";
import { webhookChannel } from "../app/support/integrations/record-integration-event";
import { purgeIdempotencyKeys } from "../app/support/invoices/idempotency";
import type { JobPayloads } from "../app/support/jobs";
import { recordOverdueEvents } from "../app/webhooks/record-overdue-events";
import type { Db } from "../db/client";
import type { Mailer } from "../integrations/mail/mailer";
import { createSmsSender, type SmsSender } from "../integrations/sms/sms-sender";
import { sendDueWebhooks, startWebhookSender, type WebhookSenderOptions } from "./deliver-webhooks";
import { bossQueue } from "./queue";
import { sendMailJob } from "./send-mail";
import { sendSmsJob } from "./send-sms";

export interface WorkerDeps {
  db: Db;
  boss: PgBoss;
  mailer: Mailer;
  mailFrom: string;
  /** Text messages: the sandbox (Outbox only) or Twilio. */
  sms?: SmsSender;
  /** Links in the mails the worker writes itself (reminders) point here. */
  publicUrl: string;
  /** Outgoing webhooks: sent as soon as a LISTEN on the database hears of them. */
  webhooks?: WebhookSenderOptions & {
    listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  };
}

/**
 * Mail goes out in batches: up to `mailBatchSize` jobs per fetch, fetched again at once while batches
 * come back full, and sent `mailConcurrency` at a time (that many SMTP connections to the relay).
 * Each job is settled on its own, so one failing address is retried without resending the others.
 */
export const mailBatchSize = 50;
export const mailConcurrency = 8;

const mailWork = {
  batchSize: mailBatchSize,
  pollingIntervalSeconds: 0.5,
  burstWhenBatchFull: true,
  perJobResults: true,
  // For retryLimit: the last attempt is the one that gives up.
  includeMetadata: true,
} as const;

/** Starts the job handlers; resolves to a function that stops what does not stop with pg-boss. */
export async function startWorker({
  db,
  boss,
  mailer,
  mailFrom,
  publicUrl,
  sms = createSmsSender(null),
  webhooks,
}: WorkerDeps): Promise<() => Promise<void>> {
  await boss.work<JobPayloads["mail.send"], JobResult[], typeof mailWork>(
    "mail.send",
    mailWork,
    async (jobs) => {
      const results: JobResult[] = [];
      let next = 0;
      const lane = async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          try {
            // The last retry marks the message failed in the Outbox instead of queued again.
            await sendMailJob(db, mailer, mailFrom, job.data.messageId, job.retryCount >= job.retryLimit);
            results.push({ id: job.id, status: "completed" });
          } catch (error) {
            results.push({ id: job.id, status: "failed", output: { message: String(error) } });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(mailConcurrency, jobs.length) }, lane));
      return results;
    },
  );
  await boss.work<JobPayloads["sms.send"], void, { includeMetadata: true }>(
    "sms.send",
    { includeMetadata: true },
    async ([job]) => {
      if (job) await sendSmsJob(db, sms, job.data.messageId, job.retryCount >= job.retryLimit);
    },
  );
  // Uploaded invoice documents are read here, never in the request: a PDF may take a while. A
  // document that cannot be read ends as `unreadable`; only a failure of the job itself is retried.
  // Polled often: the advisor waits for the document on the screen.
  await boss.work<JobPayloads["invoice-uploads.read"]>(
    "invoice-uploads.read",
    { pollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (job) await readInvoiceUpload(db, job.data.uploadId);
    },
  );
  // Lists' totals are sums of deltas; folded every minute, each is a sum of a few rows.
  await boss.schedule("list-counts.compact", "* * * * *");
  await boss.work("list-counts.compact", async () => {
    await compactListCounts(db);
  });
  // Expired sessions are refused anyway; purging them hourly keeps the table small. The same for
  // sign-in attempt counts nobody continued and browsers no longer trusted, and for a DMS's
  // Idempotency-Key answers past their week.
  await boss.schedule("sessions.purge", "17 * * * *");
  await boss.work("sessions.purge", async () => {
    await deleteExpiredSessions(db);
    await purgeLoginThrottles(db);
    await purgeIdempotencyKeys(db);
  });
  // An invoice whose due date passed unpaid is told to the DMS once (invoice.overdue); hourly, so a
  // location in any time zone hears of it soon after its midnight.
  await boss.schedule("invoices.overdue", "5 * * * *");
  await boss.work("invoices.overdue", async () => {
    await recordOverdueEvents(db);
  });
  // Dunning decides by dates, so an hourly run reaches each location soon after its midnight and a
  // run missed while the server was down is caught up by the next (app/dunning/run-dunning.ts).
  const queue = bossQueue(boss);
  await boss.schedule("dunning.run", "35 * * * *");
  await boss.work("dunning.run", async () => {
    await runDunning(db, { queue, publicUrl, linkTtlDays: 14 });
  });
  if (!webhooks) return async () => {};
  const { listen, ...options } = webhooks;
  const stopSender = await startWebhookSender(db, queue, listen, webhookChannel, options);
  // The sender wakes on NOTIFY; the sweep catches what a process missed while it was away.
  await boss.schedule("webhooks.sweep", "* * * * *");
  await boss.work("webhooks.sweep", async () => {
    await sendDueWebhooks(db, queue, options);
  });
  return stopSender;
}
