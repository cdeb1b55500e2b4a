// Clock On / Clock Off. A technician is on one job at a time: clocking on elsewhere clocks off the
// first (audited), but only when the request says so (`switchJob`); otherwise it is refused with the
// running job named, so nobody is clocked off a job without being asked. The database holds the same rule (one running entry per technician), so two
// tabs racing cannot leave a technician on two jobs.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { jobs, timeEntries, workOrders } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { acceptsWork, nextJobStatus } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { lockUnit, orderWorkItem } from "./open-work-order";
import { publishWorkOrder } from "./publish";

export type ClockTarget = { workItemId: string } | { jobId: string };

export async function clockOn(
  db: Db,
  actor: StaffActor,
  target: ClockTarget,
  { switchJob = false, now = new Date() }: { switchJob?: boolean; now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`technician:${actor.id}`}))`);
    const { orderId, jobId } =
      "workItemId" in target
        ? await orderWorkItem(tx, actor, target.workItemId).then((r) => ({
            orderId: r.order.id,
            jobId: r.jobId,
          }))
        : await jobInScope(tx, actor, target.jobId).then((j) => ({ orderId: j.workOrderId, jobId: j.id }));

    const [order] = await tx.select().from(workOrders).where(eq(workOrders.id, orderId));
    await lockUnit(tx, order!.unitId);
    if (!acceptsWork(order!.status)) {
      throw new DomainError("conflict", `Work order ${order!.number} is not in the workshop any more.`);
    }
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId));
    if (job!.status === "done") {
      throw new DomainError("conflict", `"${job!.description}" is finished; reopen it to work on it again.`);
    }

    const running = await runningEntry(tx, actor);
    if (running?.jobId === jobId) return { workOrderId: orderId, jobId };
    if (running && !switchJob) throw await clockedOnElsewhere(tx, running);
    if (running) await endEntry(tx, actor, running, now, "clocked on to another job");

    await tx.insert(timeEntries).values({
      id: newId("timeEntry"),
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      workOrderId: orderId,
      jobId,
      technicianId: actor.id,
      startedAt: now,
    });
    if (job!.status === "to_do") {
      await tx
        .update(jobs)
        .set({ status: nextJobStatus("to_do", "start") })
        .where(eq(jobs.id, jobId));
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: orderId,
      action: "clock-on",
      data: { jobId, job: job!.description },
    });
    await publishWorkOrder(tx, order!);
    return { workOrderId: orderId, jobId };
  });
}

export async function clockOff(db: Db, actor: StaffActor, now = new Date()) {
  return db.transaction(async (tx) => {
    const running = await runningEntry(tx, actor);
    if (!running) throw new DomainError("conflict", "You are not clocked on.");
    await endEntry(tx, actor, running, now, null);
    return { workOrderId: running.workOrderId, jobId: running.jobId };
  });
}

/** The refusal of a silent switch: names the running job, so the client can ask before switching. */
async function clockedOnElsewhere(tx: DbOrTx, running: typeof timeEntries.$inferSelect) {
  const [row] = await tx
    .select({ number: workOrders.number, job: jobs.description })
    .from(jobs)
    .innerJoin(workOrders, eq(workOrders.id, jobs.workOrderId))
    .where(eq(jobs.id, running.jobId));
  return new DomainError(
    "clocked-on-elsewhere",
    `You are clocked on to "${row!.job}" on work order ${row!.number}. Clock off there first, or clock on with switch.`,
    [],
    undefined,
    {
      running: {
        workOrderId: running.workOrderId,
        workOrderNumber: row!.number,
        jobId: running.jobId,
        job: row!.job,
      },
    },
  );
}

async function runningEntry(tx: DbOrTx, actor: StaffActor) {
  const [row] = await tx
    .select()
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.organisationId, actor.organisationId),
        eq(timeEntries.technicianId, actor.id),
        isNull(timeEntries.endedAt),
      ),
    );
  return row ?? null;
}

/** Ends a running time entry; `reason` says why when the technician did not clock off themselves. */
export async function endEntry(
  tx: DbOrTx,
  actor: StaffActor,
  entry: typeof timeEntries.$inferSelect,
  now: Date,
  reason: string | null,
) {
  // A clock that is behind the start (a skewed client never sets it, but a test clock might) ends at the start.
  const endedAt = now < entry.startedAt ? entry.startedAt : now;
  await tx.update(timeEntries).set({ endedAt }).where(eq(timeEntries.id, entry.id));
  await recordAudit(tx, actor, {
    entityType: "work-order",
    entityId: entry.workOrderId,
    action: "clock-off",
    note: reason,
    data: {
      jobId: entry.jobId,
      technicianId: entry.technicianId,
      minutes: Math.round((endedAt.getTime() - entry.startedAt.getTime()) / 60_000),
    },
  });
  const [order] = await tx.select().from(workOrders).where(eq(workOrders.id, entry.workOrderId));
  await publishWorkOrder(tx, order!);
}

export async function jobInScope(tx: DbOrTx, actor: StaffActor, jobId: string) {
  const [job] = await tx
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.organisationId, actor.organisationId),
        eq(jobs.locationId, actor.locationId),
      ),
    );
  if (!job) throw notFound("Job");
  return job;
}
