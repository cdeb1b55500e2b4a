import type { Db } from "../../db/client";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { acceptsWork } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { bump, lockOrder } from "../support/work-orders/lock-work-order";

export async function setWaitingForParts(db: Db, actor: StaffActor, id: string, waiting: boolean) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, id);
    if (!acceptsWork(order.status)) {
      throw new DomainError("conflict", "Only a work order in the workshop waits for parts.");
    }
    await bump(tx, id, undefined, { waitingForParts: waiting });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: id,
      action: waiting ? "waiting-for-parts" : "parts-arrived",
    });
    return id;
  });
}
