import { and, asc, desc, eq, inArray, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { EstimateStatus, LabourLine } from "../../domain/estimate";
import type { DbOrTx } from "../client";
import {
  customers,
  estimateDecisions,
  estimateLines,
  estimatePendingApproval,
  estimates,
  estimateVersions,
  units,
} from "../schema";
import { customerIdsNamed } from "./customers";
import { cappedTotal, type ListCountKey, listCount, listCountSql } from "./list-counts";
import { type Counted, pageOfSearch } from "./paging";
import { containsPattern, oneOf, searchTextLike, trimmedSearch } from "./search";
import { unitIdsMatching } from "./units";

export type EstimateRow = typeof estimates.$inferSelect;
export type EstimateLineRow = typeof estimateLines.$inferSelect;
export type EstimateView = EstimateRow & { customerName: string; unitLabel: string; plate: string | null };

const view = {
  estimate: estimates,
  customerName: customers.displayName,
  make: units.make,
  model: units.model,
  plate: units.plate,
};
type Joined = {
  estimate: EstimateRow;
  customerName: string;
  make: string;
  model: string;
  plate: string | null;
};
const toView = (r: Joined): EstimateView => ({
  ...r.estimate,
  customerName: r.customerName,
  unitLabel: `${r.make} ${r.model}`,
  plate: r.plate,
});

export async function findEstimate(db: DbOrTx, scope: Scope, id: string, customerId?: string) {
  const conditions = [
    eq(estimates.organisationId, scope.organisationId),
    eq(estimates.locationId, scope.locationId),
    eq(estimates.id, id),
  ];
  if (customerId) conditions.push(eq(estimates.customerId, customerId));
  const [row] = await db
    .select(view)
    .from(estimates)
    .innerJoin(customers, eq(customers.id, estimates.customerId))
    .innerJoin(units, eq(units.id, estimates.unitId))
    .where(and(...conditions));
  return row ? toView(row) : undefined;
}

export interface EstimateSearch {
  status?: EstimateStatus[] | undefined;
  /** At least three characters (the route checks), or within one customer's records any length. */
  q?: string | undefined;
  customerId?: string | undefined;
  /** Customers see an estimate only once a version was submitted to them. */
  submittedOnly?: boolean;
  /** Pending Approval (awaiting the customer) first: the portal's order. */
  pendingFirst?: boolean;
  limit: number;
  offset: number;
}

/**
 * Estimates, last changed first: estimates_list_idx (estimates_status_idx with a status filter,
 * estimates_customer_idx within one customer, Pending Approval first) scanned backwards. The search
 * matches the number or PO (trigram indexes on estimates), the customer's name or the plate
 * (through the customers' and units' trigram indexes, as id arrays the planner ORs in).
 */
/** The statuses of estimates the customer has seen (a version was submitted to them). */
const submittedStatuses: EstimateStatus[] = [
  "awaiting_customer",
  "disputed",
  "revising",
  "approved",
  "declined",
];

/** The statuses a filter counts; undefined for all. */
function countedStatuses(search: EstimateSearch): EstimateStatus[] | undefined {
  const chosen = search.status?.length ? search.status : undefined;
  if (!search.submittedOnly) return chosen;
  return (chosen ?? submittedStatuses).filter((s) => submittedStatuses.includes(s));
}

export async function searchEstimates(db: DbOrTx, scope: Scope, search: EstimateSearch) {
  const conditions: (SQL | undefined)[] = [
    eq(estimates.organisationId, scope.organisationId),
    eq(estimates.locationId, scope.locationId),
  ];
  if (search.status?.length) conditions.push(inArray(estimates.status, search.status));
  if (search.customerId) conditions.push(eq(estimates.customerId, search.customerId));
  if (search.submittedOnly) conditions.push(inArray(estimates.status, submittedStatuses));
  const filters = and(...conditions);
  const order = [
    ...(search.pendingFirst ? [desc(estimatePendingApproval(estimates.status))] : []),
    desc(estimates.updatedAt),
    desc(estimates.id),
  ];
  let page: SQLWrapper;
  let counting: Promise<Counted> | undefined;
  let countKey: ListCountKey | undefined;
  const q = trimmedSearch(search.q);
  if (q) {
    const pattern = containsPattern(q);
    const [named, unitIds] = await Promise.all([
      customerIdsNamed(db, scope, pattern, search.customerId),
      unitIdsMatching(db, scope, ["plate"], pattern, search.customerId),
    ]);
    const branch = (match: SQL | undefined) =>
      db
        .select({
          id: estimates.id,
          pending: sql<boolean>`${estimatePendingApproval(estimates.status)}`.as("pending"),
          updatedAt: estimates.updatedAt,
        })
        .from(estimates)
        .where(and(filters, match));
    const matches = [
      searchTextLike(estimates.searchText, pattern),
      oneOf(estimates.customerId, named),
      oneOf(estimates.unitId, unitIds),
    ].filter((m): m is SQL => m !== undefined);
    const found = await pageOfSearch(
      db,
      {
        branches: matches.map(branch),
        order: search.pendingFirst
          ? sql`matching.pending desc, matching.updated_at desc, matching.id desc`
          : sql`matching.updated_at desc, matching.id desc`,
        inListOrder: () =>
          db
            .select({ id: estimates.id })
            .from(estimates)
            .where(and(filters, or(...matches)))
            .orderBy(...order)
            .limit(search.limit)
            .offset(search.offset),
      },
      search,
    );
    page = found.ids;
    counting = Promise.resolve(found.counted);
  } else {
    page = db
      .select({ id: estimates.id })
      .from(estimates)
      .where(filters)
      .orderBy(...order)
      .limit(search.limit)
      .offset(search.offset);
    countKey = { list: "estimates", customerId: search.customerId, buckets: countedStatuses(search) };
  }
  // One statement for the page, its submitted gross and (without a search) the list's kept count.
  const kept = countKey ? listCountSql(scope.locationId, countKey) : null;
  const rows = await db
    .select({
      ...view,
      submittedGross: submittedGrossSql,
      kept: kept ? sql<number>`(${kept})` : sql<null>`null`,
    })
    .from(estimates)
    .innerJoin(customers, eq(customers.id, estimates.customerId))
    .innerJoin(units, eq(units.id, estimates.unitId))
    .where(inArray(estimates.id, page))
    .orderBy(...order);
  const counted = countKey
    ? rows[0]
      ? cappedTotal(Number(rows[0].kept))
      : await listCount(db, scope.locationId, countKey)
    : await counting!;
  return {
    items: rows.map((r) => ({ ...toView(r), submittedGross: r.submittedGross })),
    ...counted,
  };
}

/** The outer row's estimate, qualified: a bare column inside a subquery would name the subquery's own. */
const thisEstimate = sql.raw('"estimates"');

/** The gross of the estimate's latest submitted version (null for a draft), by its primary key. */
const submittedGrossSql = sql<number | null>`(
  select (${estimateVersions.totals} ->> 'gross')::int from ${estimateVersions}
  where ${estimateVersions.estimateId} = ${thisEstimate}."id"
    and ${estimateVersions.versionNo} = ${thisEstimate}."current_version")`;

export async function loadLines(db: DbOrTx, estimateId: string) {
  return db
    .select()
    .from(estimateLines)
    .where(eq(estimateLines.estimateId, estimateId))
    .orderBy(asc(estimateLines.position), asc(estimateLines.createdAt));
}

/** Working lines as the domain sees them: labour lines in order, each with its parts. */
export function toLabourLines(
  rows: readonly EstimateLineRow[],
): (LabourLine & { row: EstimateLineRow; partRows: EstimateLineRow[] })[] {
  return rows
    .filter((r) => r.kind === "labour")
    .map((l) => {
      const partRows = rows.filter((p) => p.kind === "part" && p.labourLineId === l.id);
      return {
        id: l.id,
        quantityMilli: l.quantityMilli,
        unitPrice: l.unitPrice,
        pricing: l.pricing,
        taxRateBp: l.taxRateBp,
        parts: partRows.map((p) => ({
          id: p.id,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
        })),
        row: l,
        partRows,
      };
    });
}

export async function loadVersions(db: DbOrTx, estimateId: string) {
  return db
    .select()
    .from(estimateVersions)
    .where(eq(estimateVersions.estimateId, estimateId))
    .orderBy(asc(estimateVersions.versionNo));
}

export async function loadDecisions(db: DbOrTx, estimateId: string) {
  return db
    .select()
    .from(estimateDecisions)
    .where(eq(estimateDecisions.estimateId, estimateId))
    .orderBy(asc(estimateDecisions.createdAt));
}

/**
 * Gross per estimate for a list: the latest submitted version's (which the list's rows carry), else
 * the working copy's, from the drafts' lines in one query for the whole page.
 */
export async function grossOf(
  db: DbOrTx,
  list: readonly (EstimateRow & { submittedGross: number | null })[],
  totalsOfLines: (rows: EstimateLineRow[]) => number,
) {
  const result = new Map<string, number | null>();
  const drafts = list.filter((e) => e.currentVersion === 0);
  for (const e of list) if (e.currentVersion > 0) result.set(e.id, e.submittedGross);
  if (drafts.length) {
    const lines = await db
      .select()
      .from(estimateLines)
      .where(
        inArray(
          estimateLines.estimateId,
          drafts.map((e) => e.id),
        ),
      );
    for (const e of drafts) {
      const mine = lines.filter((l) => l.estimateId === e.id);
      result.set(e.id, mine.length ? totalsOfLines(mine) : null);
    }
  }
  return result;
}
