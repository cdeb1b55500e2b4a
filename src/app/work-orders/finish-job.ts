import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobs, timeEntries } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { acceptsWork, nextJobStatus } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { bump, lockOrder } from "../support/work-orders/lock-work-order";
import { endEntry, jobInScope } from "../support/work-orders/time-entries";

/** Finish a job: whoever is still clocked on to it is clocked off. Finishing twice is refused. */
export async function finishJob(db: Db, actor: StaffActor, jobId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status))
      throw new DomainError("conflict", "This work order is not in the workshop.");
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
    const to = nextJobStatus(current!.status, "finish");
    const running = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.jobId, jobId), isNull(timeEntries.endedAt)));
    for (const entry of running) {
      await endEntry(
        tx,
        actor,
        entry,
        now,
        entry.technicianId === actor.id ? null : `job finished by ${actor.name}`,
      );
    }
    await tx
      .update(jobs)
      .set({ status: to, finishedById: actor.id, finishedAt: now })
      .where(eq(jobs.id, jobId));
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "finish-job",
      fromStatus: current!.status,
      toStatus: to,
      data: { jobId, job: job.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
  });
}
