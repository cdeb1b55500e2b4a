// Clock On / Clock Off. A technician is on one job at a time: clocking on elsewhere clocks off the
// first (audited), but only when the request says so (`switchJob`); otherwise it is refused with the
// running job named, so nobody is clocked off a job without being asked. The database holds the same rule (one running entry per technician), so two
// tabs racing cannot leave a technician on two jobs.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobs, timeEntries, workOrders } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { acceptsWork, nextJobStatus } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { lockUnit } from "../support/work-orders/lock-work-order";
import { clockedOnElsewhere, endEntry, jobInScope, runningEntry } from "../support/work-orders/time-entries";
import { orderWorkItem } from "./open-work-order";
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
