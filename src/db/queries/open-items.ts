// Open items (issue #15): every unpaid issued invoice of the location, oldest due date first, with
// the aging buckets' counts and totals. All of it reads `invoices_open_items_idx` (open invoices by
// due date, carrying the open amount and the customer): a page is a range of it, a bucket a
// due-date range, and the five totals one pass over the location's open entries, so the view costs
// the same at 100,000 invoices as at 100. The export walks the same order by keyset, a thousand at a
// time, so it holds one batch in memory whatever the number of rows.
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import { type AgingBucket, agingBuckets, daysOverdue, dueDateRange } from "../../domain/aging";
import type { DbOrTx } from "../client";
import { customers, invoices } from "../schema";
import { invoiceSearchCondition } from "./invoices";

export interface OpenItemsSearch {
  bucket?: AgingBucket | undefined;
  customerId?: string | undefined;
  /** Number, PO number, customer name or plate (a part of any), as on the invoices dashboard. */
  q?: string | undefined;
}

export interface OpenItem {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: string | null;
  dueDate: string | null;
  daysOverdue: number;
  dunningLevel: number;
  gross: number;
  openAmount: number;
  currency: string;
  paymentStatus: string;
  poNumber: string | null;
}

export type AgingTotals = Record<AgingBucket, { count: number; amount: number }>;

// Literals, not parameters: the planner matches them to the partial index's predicate.
const openIssued = sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued' and ${invoices.openAmount} > 0`;

function bucketCondition(bucket: AgingBucket, today: string): SQL | undefined {
  const { from, to, withoutDueDate } = dueDateRange(bucket, today);
  const range = and(
    from ? sql`${invoices.dueDate} >= ${from}` : undefined,
    to ? sql`${invoices.dueDate} < ${to}` : undefined,
  );
  return withoutDueDate ? sql`(${range} or ${invoices.dueDate} is null)` : range;
}

function baseCondition(scope: Scope, search: OpenItemsSearch) {
  const q = search.q?.trim();
  return and(
    eq(invoices.organisationId, scope.organisationId),
    eq(invoices.locationId, scope.locationId),
    openIssued,
    search.customerId ? eq(invoices.customerId, search.customerId) : undefined,
    q ? invoiceSearchCondition(q) : undefined,
  );
}

const itemColumns = {
  id: invoices.id,
  number: invoices.number,
  customerId: invoices.customerId,
  customerName: customers.displayName,
  issueDate: invoices.issueDate,
  dueDate: invoices.dueDate,
  dunningLevel: invoices.dunningLevel,
  gross: sql<number>`(${invoices.totals}->>'gross')::int`,
  openAmount: invoices.openAmount,
  currency: invoices.currency,
  paymentStatus: invoices.paymentStatus,
  poNumber: invoices.poNumber,
};

type ItemRow = Omit<OpenItem, "daysOverdue" | "number"> & { number: string | null };
const toItem =
  (today: string) =>
  (row: ItemRow): OpenItem => ({
    ...row,
    number: row.number ?? "",
    gross: Number(row.gross),
    daysOverdue: Math.max(0, daysOverdue(row.dueDate, today)),
  });

/** The buckets' counts and open totals over what the search matches (every bucket, whichever is picked). */
export async function agingTotals(
  db: DbOrTx,
  scope: Scope,
  search: OpenItemsSearch,
  today: string,
): Promise<AgingTotals> {
  const parts = agingBuckets.flatMap((bucket) => {
    const condition = bucketCondition(bucket, today) ?? sql`true`;
    return [
      sql`count(*) filter (where ${condition})::int`,
      sql`coalesce(sum(${invoices.openAmount}) filter (where ${condition}), 0)::bigint`,
    ];
  });
  const result = await db
    .select({ values: sql<(number | string)[]>`array[${sql.join(parts, sql`, `)}]` })
    .from(invoices)
    .where(baseCondition(scope, search));
  const values = result[0]?.values ?? [];
  return Object.fromEntries(
    agingBuckets.map((bucket, i) => [
      bucket,
      { count: Number(values[2 * i] ?? 0), amount: Number(values[2 * i + 1] ?? 0) },
    ]),
  ) as AgingTotals;
}

/** One page of open items, the oldest due date first (no due date last), and the aging totals. */
export async function listOpenItems(
  db: DbOrTx,
  scope: Scope,
  search: OpenItemsSearch & { limit: number; offset: number },
  today: string,
) {
  const where = and(
    baseCondition(scope, search),
    search.bucket ? bucketCondition(search.bucket, today) : undefined,
  );
  // The page's ids from the index alone, then only those rows joined to their customers.
  const page = db
    .select({ id: invoices.id, dueDate: invoices.dueDate })
    .from(invoices)
    .where(where)
    .orderBy(sql`${invoices.dueDate} asc nulls last`, asc(invoices.id))
    .limit(search.limit)
    .offset(search.offset)
    .as("page");
  const [rows, totals] = await Promise.all([
    db
      .select(itemColumns)
      .from(page)
      .innerJoin(invoices, eq(invoices.id, page.id))
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .orderBy(sql`${page.dueDate} asc nulls last`, asc(page.id)),
    agingTotals(db, scope, search, today),
  ]);
  // The totals count every match exactly (the open invoices of one location are a bounded set), so
  // the list's total is the picked bucket's count, or all of them.
  const total = search.bucket
    ? totals[search.bucket].count
    : agingBuckets.reduce((sum, bucket) => sum + totals[bucket].count, 0);
  return { items: rows.map(toItem(today)), total, totalCapped: false, buckets: totals };
}

/**
 * Every open item the search matches, in the list's order, a batch at a time: first those with a
 * due date by (due date, id), then those without by id — each a keyset range of the index.
 */
export async function* eachOpenItem(
  db: DbOrTx,
  scope: Scope,
  search: OpenItemsSearch,
  today: string,
  batch = 1000,
): AsyncGenerator<OpenItem[]> {
  const where = and(
    baseCondition(scope, search),
    search.bucket ? bucketCondition(search.bucket, today) : undefined,
  );
  const read = (condition: SQL | undefined, order: SQL[]) =>
    db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(where, condition))
      .orderBy(...order)
      .limit(batch);
  const rowsOf = async (ids: string[]) =>
    ids.length === 0
      ? []
      : (
          await db
            .select(itemColumns)
            .from(invoices)
            .innerJoin(customers, eq(customers.id, invoices.customerId))
            .where(inArray(invoices.id, ids))
            .orderBy(sql`${invoices.dueDate} asc nulls last`, asc(invoices.id))
        ).map(toItem(today));
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    const cursor: { dueDate: string; id: string } | null = after;
    const ids = await read(
      cursor
        ? sql`(${invoices.dueDate}, ${invoices.id}) > (${cursor.dueDate}, ${cursor.id})`
        : sql`${invoices.dueDate} is not null`,
      [asc(invoices.dueDate), asc(invoices.id)],
    );
    if (ids.length === 0) break;
    const items = await rowsOf(ids.map((r) => r.id));
    yield items;
    const last = items[items.length - 1]!;
    after = { dueDate: last.dueDate!, id: last.id };
    if (ids.length < batch) break;
  }
  let afterId: string | null = null;
  for (;;) {
    const ids = await read(
      and(isNull(invoices.dueDate), afterId ? sql`${invoices.id} > ${afterId}` : undefined),
      [asc(invoices.id)],
    );
    if (ids.length === 0) break;
    const items = await rowsOf(ids.map((r) => r.id));
    yield items;
    afterId = items[items.length - 1]!.id;
    if (ids.length < batch) break;
  }
}
