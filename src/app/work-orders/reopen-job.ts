import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobs } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { acceptsWork, nextJobStatus } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { bump, lockOrder } from "../support/work-orders/lock-work-order";
import { jobInScope } from "../support/work-orders/time-entries";

export async function reopenJob(db: Db, actor: StaffActor, jobId: string) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status)) {
      throw new DomainError("conflict", "Reopen the work order first: it has left the workshop.");
    }
    const to = nextJobStatus(job.status, "reopen");
    await tx.update(jobs).set({ status: to, finishedById: null, finishedAt: null }).where(eq(jobs.id, jobId));
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "reopen-job",
      fromStatus: job.status,
      toStatus: to,
      data: { jobId, job: job.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
  });
}
