import type { Db } from "../../db/client";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { endEntry, runningEntry } from "../support/work-orders/time-entries";

export async function clockOff(db: Db, actor: StaffActor, now = new Date()) {
  return db.transaction(async (tx) => {
    const running = await runningEntry(tx, actor);
    if (!running) throw new DomainError("conflict", "You are not clocked on.");
    await endEntry(tx, actor, running, now, null);
    return { workOrderId: running.workOrderId, jobId: running.jobId };
  });
}
