// pg-boss as the job queue, on the same PostgreSQL as everything else. Jobs are inserted through the
// caller's drizzle transaction (fromDrizzle), so they commit or roll back with the change that caused them.
import { sql } from "drizzle-orm";
import { type DrizzleTransactionLike, fromDrizzle, PgBoss } from "pg-boss";
import type { JobPayloads, JobQueue } from "../app/support/jobs";
import type { Database, DbOrTx } from "../db/client";

export const queueNames = [
  "mail.send",
  "sms.send",
  "sessions.purge",
  "list-counts.compact",
  "webhooks.sweep",
  "invoices.overdue",
  "dunning.run",
  "invoice-uploads.read",
] as const satisfies readonly (keyof JobPayloads)[];

/**
 * A job held by a process that died (killed, crashed, its machine gone) is retried once its
 * heartbeat stops, not after its expiry (pg-boss's default, 15 minutes): a receipt whose sender was
 * killed mid-send goes out seconds after a restart. The worker beats every 5 s; the supervisor, in
 * every process, looks for silent jobs every 5 s.
 */
const heartbeatSeconds = 10;
const superviseSeconds = 5;

export async function startBoss(database: Database): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: database.url,
    max: 4,
    superviseIntervalSeconds: superviseSeconds,
    monitorIntervalSeconds: superviseSeconds,
  });
  // pg-boss reports errors of its maintenance loop as events; without a listener Node would crash.
  boss.on("error", (error) => console.error("job queue:", error.message));
  await boss.start();
  for (const name of queueNames) {
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true, heartbeatSeconds });
    // createQueue leaves an existing queue as it was: a database from before gets the heartbeat too.
    await boss.updateQueue(name, { heartbeatSeconds });
  }
  return boss;
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    async enqueue(tx: DbOrTx, name, data) {
      await boss.send(name, data, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) });
    },
  };
}
