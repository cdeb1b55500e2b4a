// The Service Board's reads. What it shows is what is on site: open work orders (not yet invoiced)
// and approved work not yet on a work order. Both are small however many years of orders the shop
// has, and each comes from an index holding only them: work_orders_status_idx for the open
// statuses, and the partial work_items_waiting_idx, which holds required work whose job does not
// exist yet (work_items.waiting, from work_items.job_id: a projection written with the job).
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import { billingLines, type UnitWorkState, unitWorkState } from "../../domain/work-order";
import type { DbOrTx } from "../client";
import {
  customers,
  estimateLines,
  estimates,
  jobParts,
  jobs,
  locations,
  orderExtensions,
  staffUsers,
  timeEntries,
  units,
  workItems,
  workOrders,
} from "../schema";
import { openStatuses, searchWorkOrders } from "./work-orders";

/** More open orders than this would not fit a board anyway; the oldest are left off. */
export const boardOrderCap = 500;

export type WorkItemRow = {
  item: typeof workItems.$inferSelect;
  estimateNumber: string | null;
  currency: string;
};

/**
 * Approved work not yet on a work order (Work Required), oldest first, with its unit and customer
 * (of some units only, when the board is filtered to cards with a work order).
 * The items come from the partial index alone; what they show is then read by id, a few small
 * queries for all of them (joined in one query, the planner misjudges how few items there are and
 * hashes whole tables).
 */
export async function waitingWork(db: DbOrTx, scope: Scope, onlyUnitIds?: readonly string[]) {
  if (onlyUnitIds?.length === 0) return [];
  const items = await db
    .select()
    .from(workItems)
    .where(
      and(
        eq(workItems.organisationId, scope.organisationId),
        eq(workItems.locationId, scope.locationId),
        sql`${workItems.waiting}`,
        onlyUnitIds ? inArray(workItems.unitId, [...onlyUnitIds]) : undefined,
      ),
    )
    .orderBy(asc(workItems.createdAt), asc(workItems.id));
  if (items.length === 0) return [];
  const ids = (pick: (i: (typeof items)[number]) => string | null) => [
    ...new Set(items.map(pick).filter((x): x is string => x !== null)),
  ];
  const [estimateRows, unitRows, lineRows, [location]] = await Promise.all([
    db
      .select({ id: estimates.id, number: estimates.number })
      .from(estimates)
      .where(
        inArray(
          estimates.id,
          ids((i) => i.estimateId),
        ),
      ),
    db
      .select({
        id: units.id,
        make: units.make,
        model: units.model,
        plate: units.plate,
        fleetNumber: units.fleetNumber,
        customerId: units.customerId,
      })
      .from(units)
      .where(
        inArray(
          units.id,
          ids((i) => i.unitId),
        ),
      ),
    db
      .select({ id: estimateLines.id, position: estimateLines.position })
      .from(estimateLines)
      .where(
        inArray(
          estimateLines.id,
          ids((i) => i.labourLineId),
        ),
      ),
    db.select({ currency: locations.currency }).from(locations).where(eq(locations.id, scope.locationId)),
  ]);
  const customerRows = await db
    .select({ id: customers.id, name: customers.displayName })
    .from(customers)
    .where(inArray(customers.id, [...new Set(unitRows.map((u) => u.customerId))]));
  const nameOf = new Map(customerRows.map((c) => [c.id, c.name]));
  const numberOf = new Map(estimateRows.map((e) => [e.id, e.number]));
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const positionOf = new Map(lineRows.map((l) => [l.id, l.position]));
  const position = (i: (typeof items)[number]) =>
    (i.labourLineId ? positionOf.get(i.labourLineId) : undefined) ?? Number.MAX_SAFE_INTEGER;
  return (
    items
      // Work Required comes from estimates (declined extension work is never required).
      .filter((i) => i.estimateId !== null && unitOf.has(i.unitId))
      // One decision's items share created_at: the estimate's line order breaks the tie.
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || position(a) - position(b))
      .map((item) => {
        const unit = unitOf.get(item.unitId)!;
        return {
          item,
          estimateNumber: numberOf.get(item.estimateId!) ?? null,
          currency: location?.currency ?? "",
          make: unit.make,
          model: unit.model,
          plate: unit.plate,
          fleetNumber: unit.fleetNumber,
          customerName: nameOf.get(unit.customerId) ?? "",
        };
      })
  );
}

export type UnitWorkRow = {
  id: string;
  /** The work item (estimate decision) it came from; null for a job added on the order (extension work). */
  workItemId: string | null;
  estimateId: string | null;
  estimateNumber: string | null;
  labourLineId: string | null;
  versionNo: number | null;
  recommendationId: string | null;
  description: string;
  net: number;
  currency: string;
  status: UnitWorkState;
  workOrder: { id: string; number: string } | null;
  createdAt: Date;
};

/**
 * A unit's work as it stands, newest first: approved work waiting, work on an open order, done and
 * invoiced work, and declined work (kept for follow-up). Estimate decisions are joined to the job
 * that carries them out; jobs approved on an order extension have no decision row and come from the
 * unit's orders. One unit's work is small: both reads are ranges of the unit's own indexes.
 */
export async function unitWork(db: DbOrTx, scope: Scope, unitId: string): Promise<UnitWorkRow[]> {
  const tenant = (t: typeof workItems | typeof workOrders) =>
    and(eq(t.organisationId, scope.organisationId), eq(t.locationId, scope.locationId));
  const [decided, added, [location]] = await Promise.all([
    db
      .select({
        item: workItems,
        estimateNumber: estimates.number,
        jobStatus: jobs.status,
        orderId: workOrders.id,
        orderNumber: workOrders.number,
        orderStatus: workOrders.status,
      })
      .from(workItems)
      .leftJoin(estimates, eq(estimates.id, workItems.estimateId))
      .leftJoin(estimateLines, eq(estimateLines.id, workItems.labourLineId))
      .leftJoin(jobs, eq(jobs.id, workItems.jobId))
      .leftJoin(workOrders, eq(workOrders.id, jobs.workOrderId))
      .where(and(tenant(workItems), eq(workItems.unitId, unitId)))
      .orderBy(desc(workItems.createdAt), sql`${estimateLines.position} nulls last`, asc(workItems.id)),
    db
      .select({ job: jobs, orderNumber: workOrders.number, orderStatus: workOrders.status })
      .from(workOrders)
      .innerJoin(jobs, eq(jobs.workOrderId, workOrders.id))
      .where(and(tenant(workOrders), eq(workOrders.unitId, unitId), isNull(jobs.workItemId)))
      .orderBy(desc(jobs.createdAt), desc(jobs.position)),
    db.select({ currency: locations.currency }).from(locations).where(eq(locations.id, scope.locationId)),
  ]);
  const currency = location?.currency ?? "";
  const addedParts =
    added.length === 0
      ? []
      : await db
          .select()
          .from(jobParts)
          .where(
            inArray(
              jobParts.jobId,
              added.map((a) => a.job.id),
            ),
          );
  const rows: UnitWorkRow[] = [
    ...decided.map((r) => ({
      id: r.item.id,
      workItemId: r.item.id,
      estimateId: r.item.estimateId,
      estimateNumber: r.estimateNumber,
      labourLineId: r.item.labourLineId,
      versionNo: r.item.versionNo,
      recommendationId: r.item.recommendationId,
      description: r.item.description,
      net: r.item.net,
      currency,
      status: unitWorkState(
        r.item.status,
        r.jobStatus && r.orderStatus ? { status: r.jobStatus, orderStatus: r.orderStatus } : null,
      ),
      workOrder: r.orderId && r.orderNumber ? { id: r.orderId, number: r.orderNumber } : null,
      createdAt: r.item.createdAt,
    })),
    ...added.map(({ job, orderNumber, orderStatus }) => ({
      id: job.id,
      workItemId: null,
      estimateId: null,
      estimateNumber: null,
      labourLineId: null,
      versionNo: null,
      recommendationId: null,
      description: job.description,
      // What was approved for it (estimated hours or the flat price, and its parts).
      net: billingLines(
        [{ ...job, clockedHoursMilli: 0, parts: addedParts.filter((p) => p.jobId === job.id) }],
        "approved",
      ).reduce((sum, l) => sum + l.net, 0),
      currency,
      status: unitWorkState("required", { status: job.status, orderStatus }),
      workOrder: { id: job.workOrderId, number: orderNumber },
      createdAt: job.createdAt,
    })),
  ];
  // Newest first; a stable sort keeps each read's own order (the estimate's line order) for ties.
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
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
