// The first Clock On to a unit's approved work opens its work order: a numbered order whose jobs
// are copied from the approved estimate lines (labour with its parts, at the version the customer
// approved). Work approved later for the same unit joins the open order as new jobs.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { loadVersions } from "../../db/queries/estimates";
import { openWorkOrderOfUnit } from "../../db/queries/work-orders";
import { estimates, jobs, units, workItems, workOrders } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { acceptsWork } from "../../domain/work-order";
import { recordAudit } from "../support/audit";
import { snapshotSchema } from "../support/estimates/estimate-snapshot";
import { nextNumber } from "../support/numbers";
import { lockUnit } from "../support/work-orders/lock-work-order";
import { insertJob } from "./insert-job";

/**
 * The open work order of the work item's unit, opened if there is none, with every approved item of
 * the unit not yet ordered added as a job. Returns the order and the item's job id.
 */
export async function orderWorkItem(tx: DbOrTx, actor: StaffActor, workItemId: string) {
  const [item] = await tx
    .select()
    .from(workItems)
    .where(
      and(
        eq(workItems.id, workItemId),
        eq(workItems.organisationId, actor.organisationId),
        eq(workItems.locationId, actor.locationId),
      ),
    );
  if (!item) throw notFound("Work item");
  if (item.status !== "required") {
    throw new DomainError("conflict", "The customer declined this work; it cannot be started.");
  }
  await lockUnit(tx, item.unitId);

  let order = await openWorkOrderOfUnit(tx, actor, item.unitId);
  if (order && !acceptsWork(order.status)) {
    throw new DomainError(
      "conflict",
      `Work order ${order.number} is past the workshop (${order.status.replaceAll("_", " ")}); reopen it to add work.`,
    );
  }
  if (!order) {
    const [unit] = await tx.select().from(units).where(eq(units.id, item.unitId));
    const [estimate] = await tx.select().from(estimates).where(eq(estimates.id, item.estimateId!));
    const number = await nextNumber(tx, actor.locationId, "WO", new Date().getFullYear());
    const [opened] = await tx
      .insert(workOrders)
      .values({
        id: newId("workOrder"),
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        number,
        customerId: unit!.customerId,
        unitId: item.unitId,
        currency: estimate!.currency,
        // The PO the customer gave on the estimate carries over; they may change it before authorising.
        poNumber: estimate?.poNumber ?? null,
      })
      .returning();
    order = opened!;
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "open",
      toStatus: "in_progress",
      data: { number, unitId: item.unitId },
    });
  }
  await addApprovedWork(tx, actor, order.id, item.unitId);
  const [job] = await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.workItemId, workItemId));
  if (!job) throw new DomainError("conflict", "This work is no longer on the estimate version it came from.");
  return { order, jobId: job.id };
}

/** Adds every approved, not yet ordered work item of the unit to the order, with its parts. */
async function addApprovedWork(tx: DbOrTx, actor: StaffActor, workOrderId: string, unitId: string) {
  const pending = await tx
    .select({ item: workItems })
    .from(workItems)
    .leftJoin(jobs, eq(jobs.workItemId, workItems.id))
    .where(and(eq(workItems.unitId, unitId), eq(workItems.status, "required"), isNull(jobs.id)));
  if (pending.length === 0) return;
  const snapshots = new Map<string, ReturnType<typeof snapshotSchema.parse>>();
  for (const { item } of pending) {
    // Required work always comes from an estimate; extension work joins the order as jobs directly.
    if (!item.estimateId || item.versionNo === null) continue;
    const key = `${item.estimateId}#${item.versionNo}`;
    if (!snapshots.has(key)) {
      const version = (await loadVersions(tx, item.estimateId)).find((v) => v.versionNo === item.versionNo);
      snapshots.set(key, snapshotSchema.parse(version?.lines ?? { labour: [] }));
    }
    const line = snapshots.get(key)!.labour.find((l) => l.id === item.labourLineId);
    if (!line) continue;
    const jobId = await insertJob(
      tx,
      { id: workOrderId, organisationId: actor.organisationId, locationId: actor.locationId },
      {
        description: line.description,
        pricing: line.pricing,
        estimatedHoursMilli: line.quantityMilli,
        unitPrice: line.unitPrice,
        taxRateBp: line.taxRateBp,
        workItemId: item.id,
        parts: line.parts.map((p) => ({
          description: p.description,
          partNumber: p.partNumber,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
        })),
      },
    );
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "add-job",
      data: { jobId, workItemId: item.id, estimateId: item.estimateId },
    });
  }
}
