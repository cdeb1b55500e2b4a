// The dunning run (issue #15): hourly in the worker, and on demand from the Dunning tab. For each
// location whose dunning is on it walks the open invoices due long enough ago (a range of the
// open-items index) and decides each one in a transaction of its own, with the invoice locked:
// still owed, not paused, which level today owes (domain/dunning.ts `levelDue`). The reminder is
// recorded once per (invoice, level) — a unique index — so a run killed half-way and restarted, or
// two runs at once, send none twice; one that never ran on a day finds the same levels the next.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import {
  dunningCandidates,
  loadSchedule,
  locationsDunning,
  noticesOfInvoice,
} from "../../db/queries/dunning";
import { lockInvoice } from "../../db/queries/invoices";
import { customers, dunningNotices } from "../../db/schema";
import type { Actor, Scope, SystemActor } from "../../domain/actor";
import { type DunningSchedule, latestDueDateChased, levelDue } from "../../domain/dunning";
import { newId } from "../../domain/ids";
import { toLocal } from "../../domain/wall-clock";
import type { NotifyContext } from "../bookings/notify-booking";
import { principalOpen, sendReminder } from "./send-reminder";

export interface DunningRunResult {
  sent: number;
  queuedForReview: number;
  failed: number;
}

const systemActor = (scope: Scope): SystemActor => ({
  kind: "system",
  id: null,
  name: "Dunning run",
  organisationId: scope.organisationId,
  locationId: scope.locationId,
});

/** Every location with dunning on; throws after the run if any invoice failed, so the job retries. */
export async function runDunning(db: Db, ctx: NotifyContext, now = new Date()): Promise<DunningRunResult> {
  const total: DunningRunResult = { sent: 0, queuedForReview: 0, failed: 0 };
  let firstError: unknown = null;
  for (const scope of await locationsDunning(db)) {
    try {
      const result = await runDunningAt(db, ctx, scope, systemActor(scope), now);
      total.sent += result.sent;
      total.queuedForReview += result.queuedForReview;
      total.failed += result.failed;
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return total;
}

/** One location's run (also the Dunning tab's *Run now*). */
export async function runDunningAt(
  db: Db,
  ctx: NotifyContext,
  scope: Scope,
  actor: Actor,
  now = new Date(),
): Promise<DunningRunResult> {
  const result: DunningRunResult = { sent: 0, queuedForReview: 0, failed: 0 };
  const schedule = await loadSchedule(db, scope.locationId);
  const location = await loadLocation(db, scope.locationId);
  const today = toLocal(now, location.timeZone).date;
  const latestDue = latestDueDateChased(schedule, today);
  if (!latestDue) return result;
  let after: { dueDate: string; id: string } | null = null;
  let firstError: unknown = null;
  for (;;) {
    const batch = await dunningCandidates(db, scope, latestDue, schedule.levels.length, after);
    if (batch.length === 0) break;
    for (const candidate of batch) {
      try {
        const outcome = await db.transaction((tx) =>
          remindIfDue(
            tx,
            ctx,
            scope,
            actor,
            candidate.id,
            schedule,
            { today, timeZone: location.timeZone },
            now,
          ),
        );
        if (outcome === "sent") result.sent++;
        if (outcome === "review") result.queuedForReview++;
      } catch (error) {
        // One invoice's fault (a mail that cannot be queued, a lock timeout) does not hold up the
        // others; the job fails at the end and its retry picks this one up again.
        result.failed++;
        firstError ??= error;
      }
    }
    const last = batch[batch.length - 1]!;
    after = { dueDate: last.dueDate!, id: last.id };
  }
  if (firstError) throw firstError;
  return result;
}

type Outcome = "sent" | "review" | "none";

async function remindIfDue(
  tx: DbOrTx,
  ctx: NotifyContext,
  scope: Scope,
  actor: Actor,
  invoiceId: string,
  schedule: DunningSchedule,
  { today, timeZone }: { today: string; timeZone: string },
  now: Date,
): Promise<Outcome> {
  // Locked, then re-read: a payment committed since the candidates were read is seen here.
  const invoice = await lockInvoice(tx, invoiceId, scope);
  if (invoice?.status !== "issued" || invoice.kind !== "invoice" || !invoice.dueDate) return "none";
  if (invoice.openAmount <= 0 || invoice.dunningPausedAt) return "none";
  const [customer] = await tx
    .select({ pausedAt: customers.dunningPausedAt })
    .from(customers)
    .where(eq(customers.id, invoice.customerId));
  if (customer?.pausedAt) return "none";
  const notices = await noticesOfInvoice(tx, scope, invoiceId);
  // A reminder waiting for the accountant holds the invoice: no higher level joins it in the queue.
  if (notices.some((n) => n.status === "review")) return "none";
  const level = levelDue(
    schedule,
    {
      dueDate: invoice.dueDate,
      level: Math.max(invoice.dunningLevel, ...notices.map((n) => n.level)),
      lastRemindedOn: invoice.lastRemindedAt ? toLocal(invoice.lastRemindedAt, timeZone).date : null,
    },
    today,
  );
  if (level === null) return "none";
  const autoSend = schedule.levels[level - 1]!.autoSend;
  const [notice] = await tx
    .insert(dunningNotices)
    .values({
      id: newId("dunningNotice"),
      organisationId: invoice.organisationId,
      locationId: invoice.locationId,
      invoiceId,
      customerId: invoice.customerId,
      level,
      status: "review",
      dueOn: today,
      currency: invoice.currency,
      // What the review queue shows; sending works the charges out again on what is open then.
      principal: principalOpen(invoice),
      total: invoice.openAmount,
    })
    .onConflictDoNothing()
    .returning();
  if (!notice) return "none";
  if (!autoSend) return "review";
  await sendReminder(tx, ctx, actor, invoice, notice, schedule, today, now);
  return "sent";
}
