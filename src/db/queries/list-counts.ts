// A list's total without counting its rows: the sum of the deltas the listed tables' triggers keep
// (list_count_deltas, drizzle/0013_list_counts.sql) for the location or one customer, over the
// buckets the filter means. Searches still count their matches (paging.ts): they match few rows, or
// stop at the cap.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BookingStatus } from "../../domain/booking";
import type { CustomerType } from "../../domain/customer";
import type { EstimateStatus } from "../../domain/estimate";
import type { WorkOrderStatus } from "../../domain/work-order";
import type { DbOrTx } from "../client";
import { listCountDeltas } from "../schema";
import type { InvoiceFilter } from "./invoices";
import { type Counted, countCap } from "./paging";

export type ListCountKey =
  | { list: "customers"; buckets?: readonly CustomerType[] }
  | { list: "units"; customerId?: string }
  | { list: "booking_requests"; customerId?: string; buckets?: readonly BookingStatus[] }
  | { list: "estimates"; customerId?: string; buckets?: readonly EstimateStatus[] }
  | { list: "work_orders"; customerId?: string; buckets?: readonly WorkOrderStatus[] }
  | { list: "invoices"; customerId?: string; buckets?: readonly string[] }
  | { list: "mail_messages" };

/**
 * The sum of a list's kept deltas as a scalar subquery, for a statement that reads the page besides
 * (one round trip instead of two); null when the buckets exclude everything.
 */
export function listCountSql(locationId: string, key: ListCountKey): SQL | null {
  const buckets = "buckets" in key ? key.buckets : undefined;
  if (buckets?.length === 0) return null;
  return sql`select coalesce(sum(${listCountDeltas.delta}), 0)::int as n from ${listCountDeltas}
    where ${and(
      eq(listCountDeltas.locationId, locationId),
      eq(listCountDeltas.list, key.list),
      eq(listCountDeltas.customerId, ("customerId" in key ? key.customerId : undefined) ?? ""),
      buckets ? inArray(listCountDeltas.bucket, [...buckets]) : undefined,
    )}`;
}

/** A kept sum as a list's total: capped like a count. */
export const cappedTotal = (n: number): Counted => ({
  total: Math.min(n, countCap),
  totalCapped: n > countCap,
});

/** How many rows of the list are in the location (or the customer's, or the buckets'), capped like a count. */
export async function listCount(db: DbOrTx, locationId: string, key: ListCountKey): Promise<Counted> {
  const counting = listCountSql(locationId, key);
  if (!counting) return { total: 0, totalCapped: false };
  const result = await db.execute(counting);
  const row = (result as unknown as { rows: { n: number }[] }).rows[0];
  return cappedTotal(Number(row?.n ?? 0));
}

/**
 * The open amount of the location's issued invoices (or one customer's), kept like the counts: a
 * scalar subquery, for a statement that reads more besides.
 */
export const openInvoiceTotalSql = (locationId: string, customerId = "") =>
  sql`select coalesce(sum(${listCountDeltas.delta}), 0)::bigint from ${listCountDeltas}
      where ${listCountDeltas.locationId} = ${locationId}
        and ${listCountDeltas.list} = 'invoices.open_amount'
        and ${listCountDeltas.customerId} = ${customerId}`;

/** An invoice's case state as the trigger writes it into its bucket. */
export interface InvoiceCaseState {
  kind: "invoice" | "credit_note";
  status: "draft" | "issued";
  open: boolean;
  delivered: boolean;
  booked: boolean;
}

const bucketOf = (s: InvoiceCaseState) =>
  [
    s.kind,
    s.status,
    s.open ? "open" : "settled",
    s.delivered ? "delivered" : "here",
    s.booked ? "booked" : "unbooked",
  ].join(":");

/** The dashboard's filters over case states: the same conditions as their SQL in invoices.ts. */
const invoiceFilterHolds: Record<InvoiceFilter, (s: InvoiceCaseState) => boolean> = {
  paid_ready: (s) => s.kind === "invoice" && s.status === "issued" && !s.open && !s.delivered,
  delivered_unpaid: (s) => s.kind === "invoice" && s.status === "issued" && s.open && s.delivered,
  open: (s) => s.kind === "invoice" && s.status === "issued" && s.open,
  closed: (s) => s.kind === "invoice" && s.status === "issued" && !s.open && s.delivered && s.booked,
};

const allCaseStates: InvoiceCaseState[] = (["invoice", "credit_note"] as const).flatMap((kind) =>
  (["draft", "issued"] as const).flatMap((status) =>
    [true, false].flatMap((open) =>
      [true, false].flatMap((delivered) =>
        [true, false].map((booked) => ({ kind, status, open, delivered, booked })),
      ),
    ),
  ),
);

/** The buckets an invoice filter counts (every bucket without one). */
export const invoiceBuckets = (filter: InvoiceFilter | undefined): string[] | undefined =>
  filter ? allCaseStates.filter(invoiceFilterHolds[filter]).map(bucketOf) : undefined;
