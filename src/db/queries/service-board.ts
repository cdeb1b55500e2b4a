// The Service Board's reads. What it shows is what is on site: open work orders (not yet invoiced)
// and approved work not yet on a work order. Both are small however many years of orders the shop
// has, and each comes from an index holding only them: work_orders_status_idx for the open
// statuses, and the partial work_items_waiting_idx, which holds required work whose job does not
// exist yet (work_items.waiting, from work_items.job_id: a projection written with the job).
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
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
import { openStatuses, toWorkOrderView } from "./work-orders";

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
 * One round trip: the items come from the partial index alone (a materialised CTE, so the planner
 * sees how few they are and does not hash whole tables), and what they show is read by primary key
 * for each of them.
 */
export async function waitingWork(db: DbOrTx, scope: Scope, onlyUnitIds?: readonly string[]) {
  if (onlyUnitIds?.length === 0) return [];
  const result = await db.execute(sql`
    with waiting as materialized (
      select * from ${workItems}
      where ${workItems.organisationId} = ${scope.organisationId}
        and ${workItems.locationId} = ${scope.locationId}
        and ${workItems.waiting}
        -- Work Required comes from estimates (declined extension work is never required).
        and ${workItems.estimateId} is not null
        ${onlyUnitIds ? sql`and ${workItems.unitId} in ${[...onlyUnitIds]}` : sql``}
    )
    select to_json(w) as item, e.number as estimate_number, l.currency,
           u.make, u.model, u.plate, u.fleet_number, c.display_name as customer_name
    from waiting w
    join ${units} u on u.id = w.unit_id
    left join ${customers} c on c.id = u.customer_id
    left join ${estimates} e on e.id = w.estimate_id
    left join ${estimateLines} el on el.id = w.labour_line_id
    left join ${locations} l on l.id = ${scope.locationId}
    -- One decision's items share created_at: the estimate's line order breaks the tie.
    order by w.created_at, el.position nulls last, w.id`);
  const rows = (result as unknown as { rows: WaitingRow[] }).rows;
  return rows.map((r) => ({
    item: waitingItem(r.item),
    estimateNumber: r.estimate_number,
    currency: r.currency ?? "",
    make: r.make,
    model: r.model,
    plate: r.plate,
    fleetNumber: r.fleet_number,
    customerName: r.customer_name ?? "",
  }));
}

type WaitingRow = {
  item: WaitingItemJson;
  estimate_number: string | null;
  currency: string | null;
  make: string;
  model: string;
  plate: string | null;
  fleet_number: string | null;
  customer_name: string | null;
};

/** A work_items row as to_json() writes it: the column names, timestamps as text. */
type WaitingItemJson = {
  id: string;
  organisation_id: string;
  location_id: string;
  unit_id: string;
  estimate_id: string | null;
  labour_line_id: string | null;
  version_no: number | null;
  recommendation_id: string | null;
  description: string;
  net: number;
  status: (typeof workItems.$inferSelect)["status"];
  job_id: string | null;
  waiting: boolean;
  created_at: string;
};

const waitingItem = (j: WaitingItemJson): typeof workItems.$inferSelect => ({
  id: j.id,
  organisationId: j.organisation_id,
  locationId: j.location_id,
  unitId: j.unit_id,
  estimateId: j.estimate_id,
  labourLineId: j.labour_line_id,
  versionNo: j.version_no,
  recommendationId: j.recommendation_id,
  description: j.description,
  net: j.net,
  status: j.status,
  jobId: j.job_id,
  waiting: j.waiting,
  createdAt: new Date(j.created_at),
});

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
 * them, whether an extension waits for the customer. One round trip: the orders come from
 * work_orders_status_idx, and each card's figures from that order's own rows (jobs_order_idx,
 * time_entries_order_idx, order_extensions_one_open), so the work is bounded by what is on site,
 * not by the years of orders behind it.
 */
/** The outer row's order, qualified: a bare column inside a subquery would name the subquery's own. */
const thisOrder = sql.raw(`"work_orders"."id"`);

export async function boardOrders(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select({
      // What a card shows, not the whole row.
      order: {
        id: workOrders.id,
        number: workOrders.number,
        status: workOrders.status,
        unitId: workOrders.unitId,
        waitingForParts: workOrders.waitingForParts,
      },
      customerName: customers.displayName,
      requiresAuthorisation: customers.requiresInvoiceAuthorisation,
      make: units.make,
      model: units.model,
      plate: units.plate,
      fleetNumber: units.fleetNumber,
      jobsTotal: sql<number>`(select count(*)::int from ${jobs} j where j.work_order_id = ${thisOrder})`,
      jobsDone: sql<number>`(select count(*)::int from ${jobs} j where j.work_order_id = ${thisOrder} and j.status = 'done')`,
      clockedOn: sql<BoardOrderState["clockedOn"]>`(
        select coalesce(json_agg(json_build_object('id', t.technician_id, 'name', s.name, 'job', j.description)
                                 order by t.started_at), '[]'::json)
        from ${timeEntries} t
        join ${staffUsers} s on s.id = t.technician_id
        join ${jobs} j on j.id = t.job_id
        where t.work_order_id = ${thisOrder} and t.ended_at is null)`,
      technicianIds: sql<string[]>`(
        select coalesce(array_agg(distinct t.technician_id order by t.technician_id), '{}')
        from ${timeEntries} t where t.work_order_id = ${thisOrder})`,
      extensionPending: sql<boolean>`exists (
        select 1 from ${orderExtensions} x where x.work_order_id = ${thisOrder} and x.status = 'sent')`,
    })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(units, eq(units.id, workOrders.unitId))
    .where(
      and(
        eq(workOrders.organisationId, scope.organisationId),
        eq(workOrders.locationId, scope.locationId),
        inArray(workOrders.status, openStatuses),
      ),
    )
    .orderBy(desc(workOrders.openedAt), desc(workOrders.id))
    .limit(boardOrderCap);
  const orders = rows.map(toWorkOrderView);
  const state = new Map<string, BoardOrderState>(
    rows.map((r) => [
      r.order.id,
      {
        jobsDone: r.jobsDone,
        jobsTotal: r.jobsTotal,
        clockedOn: r.clockedOn,
        technicianIds: r.technicianIds,
        extensionPending: r.extensionPending,
      },
    ]),
  );
  return { orders, state };
}
