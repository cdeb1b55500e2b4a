import type { Db } from "../../db/client";
import { jobParts } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { acceptsWork } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { bump, lockOrder } from "../support/work-orders/lock-work-order";
import { jobInScope } from "../support/work-orders/time-entries";

/** Parts used on a job (the parts department or the advisor), while the order is in the workshop. */
export async function addJobPart(
  db: Db,
  actor: StaffActor,
  jobId: string,
  part: {
    description: string;
    partNumber?: string | null;
    quantityMilli: number;
    unitPrice: number;
    taxRateBp: number;
  },
) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status))
      throw new DomainError("conflict", "This work order is not in the workshop.");
    const id = newId("jobPart");
    await tx.insert(jobParts).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      jobId,
      description: part.description,
      partNumber: part.partNumber ?? null,
      quantityMilli: part.quantityMilli,
      unitPrice: part.unitPrice,
      taxRateBp: part.taxRateBp,
    });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "add-part",
      data: { jobId, partId: id, description: part.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
  });
}
