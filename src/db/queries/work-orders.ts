import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import {
  type BillingMode,
  clockedHoursMilli,
  type JobForBilling,
  type WorkOrderStatus,
} from "../../domain/work-order";
import type { DbOrTx } from "../client";
import { customers, jobParts, jobs, locations, staffUsers, timeEntries, units, workOrders } from "../schema";
import { customerIdsNamed } from "./customers";
import { cappedTotal, type ListCountKey, listCount, listCountSql } from "./list-counts";
import { type Counted, cappedCount, type Page, pageOfSearch } from "./paging";
import { containsPattern, oneOf, searchTextLike, trimmedSearch } from "./search";
import { unitIdsMatching } from "./units";

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type WorkOrderView = WorkOrderRow & {
  customerName: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
  requiresAuthorisation: boolean;
};

/** Statuses in which an order is still the unit's current one (not yet invoiced). */
export const openStatuses: WorkOrderStatus[] = [
  "in_progress",
  "unit_ready",
  "ready_to_submit",
  "awaiting_authorization",
];

/** The columns of a work order as lists show it (with its customer and unit joined). */
export const workOrderView = {
  order: workOrders,
  customerName: customers.displayName,
  requiresAuthorisation: customers.requiresInvoiceAuthorisation,
  make: units.make,
  model: units.model,
  plate: units.plate,
  fleetNumber: units.fleetNumber,
};
type Joined<O = WorkOrderRow> = {
  order: O;
  customerName: string;
  requiresAuthorisation: boolean;
  make: string;
  model: string;
  plate: string | null;
  fleetNumber: string | null;
};
export const toWorkOrderView = <O extends object = WorkOrderRow>(
  r: Joined<O>,
): O & Omit<WorkOrderView, keyof WorkOrderRow> => ({
  ...r.order,
  customerName: r.customerName,
  requiresAuthorisation: r.requiresAuthorisation,
  unitLabel: `${r.make} ${r.model}`,
  plate: r.plate,
  fleetNumber: r.fleetNumber,
});

const scoped = (scope: Scope) => [
  eq(workOrders.organisationId, scope.organisationId),
  eq(workOrders.locationId, scope.locationId),
];

export async function findWorkOrder(db: DbOrTx, scope: Scope, id: string, customerId?: string) {
  const conditions = [...scoped(scope), eq(workOrders.id, id)];
  if (customerId) conditions.push(eq(workOrders.customerId, customerId));
  const [row] = await db
    .select(workOrderView)
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .innerJoin(units, eq(units.id, workOrders.unitId))
    .where(and(...conditions));
  return row ? toWorkOrderView(row) : null;
}

export async function openWorkOrderOfUnit(db: DbOrTx, scope: Scope, unitId: string) {
  const [row] = await db
    .select()
    .from(workOrders)
    .where(and(...scoped(scope), eq(workOrders.unitId, unitId), inArray(workOrders.status, openStatuses)));
  return row ?? null;
}

export interface WorkOrderFilter {
  status?: WorkOrderStatus[] | undefined;
  /** At least three characters (the route checks), or within one customer's records any length. */
  q?: string | undefined;
  /** Search by the customer's PO number only (portal: Repair Orders – History), any length. */
  po?: string | undefined;
  customerId?: string | undefined;
}
export interface WorkOrderSearch extends WorkOrderFilter, Page {}

const newestFirst = [desc(workOrders.openedAt), desc(workOrders.id)];

/**
 * The ids of one page of work orders, newest first, and how many there are: work_orders_list_idx
 * (work_orders_status_idx with a status filter, work_orders_customer_idx / _customer_status_idx
 * within one customer) scanned backwards. The search matches the number or PO (search_text), the
 * customer's name, the plate or the fleet number (the customers' and units' own trigram indexes
 * first, then one branch each: paging.ts).
 */
async function pageOfWorkOrders(db: DbOrTx, scope: Scope, search: WorkOrderFilter, page: Page) {
  const conditions: (SQL | undefined)[] = scoped(scope);
  if (search.customerId) conditions.push(eq(workOrders.customerId, search.customerId));
  if (search.status?.length) conditions.push(inArray(workOrders.status, search.status));
  const po = trimmedSearch(search.po);
  if (po) conditions.push(ilike(workOrders.poNumber, containsPattern(po)));
  const filters = and(...conditions);
  const q = trimmedSearch(search.q);
  if (!q) {
    return {
      ids: db
        .select({ id: workOrders.id })
        .from(workOrders)
        .where(filters)
        .orderBy(...newestFirst)
        .limit(page.limit)
        .offset(page.offset),
      // Without a PO search the total is the list's kept count; a PO search counts its matches.
      countKey: po
        ? undefined
        : ({
            list: "work_orders",
            customerId: search.customerId,
            buckets: search.status?.length ? search.status : undefined,
          } satisfies ListCountKey),
      counting: () => cappedCount(db, db.select({ id: workOrders.id }).from(workOrders).where(filters)),
      filters,
    };
  }
  const pattern = containsPattern(q);
  const [named, unitIds] = await Promise.all([
    customerIdsNamed(db, scope, pattern, search.customerId),
    unitIdsMatching(db, scope, ["plate", "fleetNumber"], pattern, search.customerId),
  ]);
  const branch = (match: SQL | undefined) =>
    db
      .select({ id: workOrders.id, openedAt: workOrders.openedAt })
      .from(workOrders)
      .where(and(filters, match));
  const matches = [
    searchTextLike(workOrders.searchText, pattern),
    oneOf(workOrders.customerId, named),
    oneOf(workOrders.unitId, unitIds),
  ].filter((m): m is SQL => m !== undefined);
  const found = await pageOfSearch(
    db,
    {
      branches: matches.map(branch),
      order: sql`matching.opened_at desc, matching.id desc`,
      inListOrder: () =>
        db
          .select({ id: workOrders.id })
          .from(workOrders)
          .where(and(filters, or(...matches)))
          .orderBy(...newestFirst)
          .limit(page.limit)
          .offset(page.offset),
    },
    page,
  );
  return { ids: found.ids, countKey: undefined, counting: async () => found.counted, filters: undefined };
}

/** An open order's pricing as a list row carries it: its location's billing mode and its jobs. */
export interface ListedPricing {
  mode: BillingMode;
  jobs: (Omit<JobForBilling, "clockedHoursMilli"> & {
    /**
     * Clocked time as [started, ended] in whole epoch milliseconds (as a Date holds them, so the sum
     * rounds as on the order's page); ended is null while the clock runs.
     */
    spans: [number, number | null][];
  })[];
}

/** A work order as its list shows it: the frozen gross once invoiced, else what prices it now. */
export type ListedWorkOrder = Omit<WorkOrderView, "billing" | "searchText"> & {
  frozenGross: number | null;
  openPricing: ListedPricing | null;
};

const thisOrder = sql.raw('"work_orders"');

/**
 * What an open order's gross is computed from, as one JSON value per row (no extra round trip per
 * table): the location's billing mode and the jobs in position order, each with its parts and time.
 */
const openPricingSql = sql<ListedPricing | null>`case when ${thisOrder}."billing" is null then (
  select json_build_object(
    'mode', (select ${locations.billingMode} from ${locations} where ${locations.id} = ${thisOrder}."location_id"),
    'jobs', coalesce(json_agg(json_build_object(
      'description', j.description, 'pricing', j.pricing, 'estimatedHoursMilli', j.estimated_hours_milli,
      'unitPrice', j.unit_price, 'taxRateBp', j.tax_rate_bp,
      'parts', (select coalesce(json_agg(json_build_object(
          'description', p.description, 'partNumber', p.part_number, 'quantityMilli', p.quantity_milli,
          'unitPrice', p.unit_price, 'taxRateBp', p.tax_rate_bp) order by p.created_at), '[]')
        from ${jobParts} p where p.job_id = j.id),
      'spans', (select coalesce(json_agg(json_build_array(
          floor(extract(epoch from t.started_at) * 1000), floor(extract(epoch from t.ended_at) * 1000))), '[]')
        from ${timeEntries} t where t.job_id = j.id)
    ) order by j.position), '[]'))
  from ${jobs} j where j.work_order_id = ${thisOrder}."id") end`;

const { billing: _billing, searchText: _searchText, ...listedColumns } = getTableColumns(workOrders);

/**
 * One page of work orders with their total, in one statement: the rows with customer and unit, the
 * frozen gross of invoiced orders (from the billing JSON, not the JSON itself), the pricing of open
 * ones, and the list's kept count beside each row. A page past the end has no row to carry the
 * count, so only then is it read on its own.
 */
export async function searchWorkOrders(
  db: DbOrTx,
  scope: Scope,
  search: WorkOrderSearch,
): Promise<{ items: ListedWorkOrder[] } & Counted> {
  const page = await pageOfWorkOrders(db, scope, search, search);
  const counting = page.countKey ? listCountSql(scope.locationId, page.countKey) : null;
  // A PO search counts its matches in a statement of its own: beside the page, not after it.
  const [rows, searched] = await Promise.all([
    db
      .select({
        order: listedColumns,
        customerName: customers.displayName,
        requiresAuthorisation: customers.requiresInvoiceAuthorisation,
        make: units.make,
        model: units.model,
        plate: units.plate,
        fleetNumber: units.fleetNumber,
        frozenGross: sql<number | null>`(${thisOrder}."billing" -> 'totals' ->> 'gross')::int`,
        openPricing: openPricingSql,
        kept: counting ? sql<number>`(${counting})` : sql<null>`null`,
      })
      .from(workOrders)
      .innerJoin(customers, eq(customers.id, workOrders.customerId))
      .innerJoin(units, eq(units.id, workOrders.unitId))
      .where(inArray(workOrders.id, page.ids))
      .orderBy(...newestFirst),
    page.countKey ? undefined : page.counting(),
  ]);
  const counted =
    searched ??
    (rows[0] ? cappedTotal(Number(rows[0].kept)) : await listCount(db, scope.locationId, page.countKey!));
  return {
    items: rows.map((r) => ({
      ...toWorkOrderView(r),
      frozenGross: r.frozenGross,
      openPricing: r.openPricing,
    })),
    ...counted,
  };
}

/**
 * The work orders a CSV export lists (the same filters), newest first, with only what the file
 * shows: an invoiced order's gross comes from its frozen billing in the database (no JSON of every
 * order is sent to the application); `gross` is null for one still open, priced from its jobs.
 */
export async function exportWorkOrders(db: DbOrTx, scope: Scope, search: WorkOrderFilter, limit: number) {
  const page = await pageOfWorkOrders(db, scope, search, { limit, offset: 0 });
  const query = db
    .select({
      id: workOrders.id,
      locationId: workOrders.locationId,
      number: workOrders.number,
      status: workOrders.status,
      make: units.make,
      model: units.model,
      plate: units.plate,
      fleetNumber: units.fleetNumber,
      poNumber: workOrders.poNumber,
      openedAt: workOrders.openedAt,
      invoicedAt: workOrders.invoicedAt,
      currency: workOrders.currency,
      gross: sql<number | null>`(${workOrders.billing} -> 'totals' ->> 'gross')::int`,
    })
    .from(workOrders)
    .innerJoin(units, eq(units.id, workOrders.unitId));
  // Without a search every row is read anyway: in index order, not through a list of page ids.
  return page.filters
    ? query
        .where(page.filters)
        .orderBy(...newestFirst)
        .limit(limit)
    : query.where(inArray(workOrders.id, page.ids)).orderBy(...newestFirst);
}

export interface JobDetail {
  job: JobRow;
  parts: (typeof jobParts.$inferSelect)[];
  entries: {
    id: string;
    technicianId: string;
    technicianName: string;
    startedAt: Date;
    endedAt: Date | null;
  }[];
  clockedHoursMilli: number;
}

/** The jobs of some work orders with their parts and time, in position order. */
export async function loadJobs(db: DbOrTx, workOrderIds: readonly string[], now: Date) {
  if (workOrderIds.length === 0) return new Map<string, JobDetail[]>();
  const jobRows = await db
    .select()
    .from(jobs)
    .where(inArray(jobs.workOrderId, [...workOrderIds]))
    .orderBy(asc(jobs.position));
  const jobIds = jobRows.map((j) => j.id);
  const [partRows, entryRows] = jobIds.length
    ? await Promise.all([
        db.select().from(jobParts).where(inArray(jobParts.jobId, jobIds)).orderBy(asc(jobParts.createdAt)),
        db
          .select({
            id: timeEntries.id,
            jobId: timeEntries.jobId,
            technicianId: timeEntries.technicianId,
            technicianName: staffUsers.name,
            startedAt: timeEntries.startedAt,
            endedAt: timeEntries.endedAt,
          })
          .from(timeEntries)
          .innerJoin(staffUsers, eq(staffUsers.id, timeEntries.technicianId))
          .where(inArray(timeEntries.jobId, jobIds))
          .orderBy(asc(timeEntries.startedAt)),
      ])
    : [[], []];
  const byOrder = new Map<string, JobDetail[]>();
  for (const job of jobRows) {
    const entries = entryRows.filter((e) => e.jobId === job.id);
    const detail: JobDetail = {
      job,
      parts: partRows.filter((p) => p.jobId === job.id),
      entries,
      clockedHoursMilli: clockedHoursMilli(entries, now),
    };
    byOrder.set(job.workOrderId, [...(byOrder.get(job.workOrderId) ?? []), detail]);
  }
  return byOrder;
}

/** The technician's running time entry, if they are clocked on. */
export async function runningEntryOf(db: DbOrTx, scope: Scope, technicianId: string) {
  const [row] = await db
    .select({
      entry: timeEntries,
      jobDescription: jobs.description,
      workOrderNumber: workOrders.number,
      unitId: workOrders.unitId,
    })
    .from(timeEntries)
    .innerJoin(jobs, eq(jobs.id, timeEntries.jobId))
    .innerJoin(workOrders, eq(workOrders.id, timeEntries.workOrderId))
    .where(
      and(
        eq(timeEntries.organisationId, scope.organisationId),
        eq(timeEntries.technicianId, technicianId),
        isNull(timeEntries.endedAt),
      ),
    );
  return row ?? null;
}

export interface BillingPolicy {
  mode: BillingMode;
  tolerancePct: number;
}

/** How each location bills hourly jobs (approved or clocked hours) and its tolerance, by location id. */
export async function billingPolicies(db: DbOrTx, locationIds: readonly string[]) {
  const out = new Map<string, BillingPolicy>();
  if (locationIds.length === 0) return out;
  const rows = await db
    .select({ id: locations.id, mode: locations.billingMode, tolerancePct: locations.billingTolerancePct })
    .from(locations)
    .where(inArray(locations.id, [...new Set(locationIds)]));
  for (const r of rows) out.set(r.id, { mode: r.mode, tolerancePct: r.tolerancePct });
  return out;
}

export async function billingPolicyOf(db: DbOrTx, locationId: string): Promise<BillingPolicy> {
  return (await billingPolicies(db, [locationId])).get(locationId) ?? { mode: "clocked", tolerancePct: 20 };
}
