// A technician's running time entry and how it ends, shared by Clock On, Clock Off and Finish Job.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { jobs, timeEntries, workOrders } from "../../../db/schema";
import type { StaffActor } from "../../../domain/actor";
import { DomainError, notFound } from "../../../domain/errors";
import { publishWorkOrder } from "../../work-orders/publish";
import { recordAudit } from "../audit";

/** The refusal of a silent switch: names the running job, so the client can ask before switching. */
export async function clockedOnElsewhere(tx: DbOrTx, running: typeof timeEntries.$inferSelect) {
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

export async function runningEntry(tx: DbOrTx, actor: StaffActor) {
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
