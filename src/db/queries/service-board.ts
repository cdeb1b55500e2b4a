// The Service Board's reads. What it shows is what is on site: open work orders (not yet invoiced)
// and approved work not yet on a work order. Both are small however many years of orders the shop
// has, and each comes from an index holding only them: work_orders_status_idx for the open
// statuses, and the partial work_items_waiting_idx, which holds work whose job does not exist yet
// (work_items.job_id, a projection written with the job).
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import {
  customers,
  estimateLines,
  estimates,
  jobs,
  locations,
  orderExtensions,
  staffUsers,
  timeEntries,
  units,
  workItems,
} from "../schema";
import { openStatuses, searchWorkOrders } from "./work-orders";

/** More open orders than this would not fit a board anyway; the oldest are left off. */
export const boardOrderCap = 500;

const itemColumns = { item: workItems, estimateNumber: estimates.number, currency: locations.currency };
export type WorkItemRow = {
  item: typeof workItems.$inferSelect;
  estimateNumber: string | null;
  currency: string;
};

/** Approved work not yet on a work order (Work Required), oldest first, with its unit and customer. */
export async function waitingWork(db: DbOrTx, scope: Scope) {
  return (
    db
      .select({
        ...itemColumns,
        make: units.make,
        model: units.model,
        plate: units.plate,
        fleetNumber: units.fleetNumber,
        customerName: customers.displayName,
      })
      .from(workItems)
      .innerJoin(estimates, eq(estimates.id, workItems.estimateId))
      .innerJoin(locations, eq(locations.id, workItems.locationId))
      .innerJoin(units, eq(units.id, workItems.unitId))
      .innerJoin(customers, eq(customers.id, units.customerId))
      // One decision's items share created_at: the estimate's line order breaks the tie.
      .leftJoin(estimateLines, eq(estimateLines.id, workItems.labourLineId))
      .where(
        and(
          eq(workItems.organisationId, scope.organisationId),
          eq(workItems.locationId, scope.locationId),
          eq(workItems.status, "required"),
          isNull(workItems.jobId),
        ),
      )
      .orderBy(asc(workItems.createdAt), sql`${estimateLines.position} nulls last`, asc(workItems.id))
  );
}

/** A unit's work from estimates and extensions, required and declined (kept for follow-up), newest first. */
export async function unitWorkItems(db: DbOrTx, scope: Scope, unitId: string): Promise<WorkItemRow[]> {
  return db
    .select(itemColumns)
    .from(workItems)
    .leftJoin(estimates, eq(estimates.id, workItems.estimateId))
    .innerJoin(locations, eq(locations.id, workItems.locationId))
    .leftJoin(estimateLines, eq(estimateLines.id, workItems.labourLineId))
    .where(
      and(
        eq(workItems.organisationId, scope.organisationId),
        eq(workItems.locationId, scope.locationId),
        eq(workItems.unitId, unitId),
      ),
    )
    .orderBy(desc(workItems.createdAt), sql`${estimateLines.position} nulls last`, asc(workItems.id));
}

export interface BoardOrderState {
  jobsDone: number;
  jobsTotal: number;
  /** Who is clocked on right now, to which job. */
  clockedOn: { id: string; name: string; job: string }[];
  /** Technicians who have clocked time on the order. */
  technicianIds: string[];
  extensionPending: boolean;
}

/**
 * The open work orders with what their cards show: job counts, who is clocked on, who worked on
 * them, whether an extension waits for the customer. Aggregated in the database, a few rows per order.
 */
export async function boardOrders(db: DbOrTx, scope: Scope) {
  const orders = await searchWorkOrders(db, scope, { status: openStatuses, limit: boardOrderCap, offset: 0 });
  const ids = orders.items.map((o) => o.id);
  const state = new Map<string, BoardOrderState>(
    ids.map((id) => [
      id,
      { jobsDone: 0, jobsTotal: 0, clockedOn: [], technicianIds: [], extensionPending: false },
    ]),
  );
  if (ids.length === 0) return { orders: orders.items, state };
  const [jobCounts, running, technicians, pending] = await Promise.all([
    db
      .select({
        workOrderId: jobs.workOrderId,
        total: count(),
        done: sql<number>`count(*) filter (where ${jobs.status} = 'done')`,
      })
      .from(jobs)
      .where(inArray(jobs.workOrderId, ids))
      .groupBy(jobs.workOrderId),
    db
      .select({
        workOrderId: timeEntries.workOrderId,
        id: timeEntries.technicianId,
        name: staffUsers.name,
        job: jobs.description,
      })
      .from(timeEntries)
      .innerJoin(staffUsers, eq(staffUsers.id, timeEntries.technicianId))
      .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
      .where(and(inArray(timeEntries.workOrderId, ids), isNull(timeEntries.endedAt)))
      .orderBy(asc(timeEntries.startedAt)),
    db
      .selectDistinct({ workOrderId: timeEntries.workOrderId, technicianId: timeEntries.technicianId })
      .from(timeEntries)
      .where(inArray(timeEntries.workOrderId, ids)),
    db
      .select({ workOrderId: orderExtensions.workOrderId })
      .from(orderExtensions)
      .where(and(inArray(orderExtensions.workOrderId, ids), eq(orderExtensions.status, "sent"))),
  ]);
  for (const r of jobCounts) {
    const s = state.get(r.workOrderId)!;
    s.jobsTotal = Number(r.total);
    s.jobsDone = Number(r.done);
  }
  for (const r of running) state.get(r.workOrderId)!.clockedOn.push({ id: r.id, name: r.name, job: r.job });
  for (const r of technicians) state.get(r.workOrderId)!.technicianIds.push(r.technicianId);
  for (const r of pending) state.get(r.workOrderId)!.extensionPending = true;
  return { orders: orders.items, state };
}
