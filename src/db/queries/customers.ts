import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import { customerFullName, customers, units } from "../schema";
import { cappedCount } from "./paging";
import { containsPattern, minSubstringLength, prefixPattern, searchText } from "./search";

export { containsPattern as likePattern } from "./search";

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerWithCounts = CustomerRow & { unitCount: number };

const inScope = (scope: Scope) =>
  and(eq(customers.organisationId, scope.organisationId), eq(customers.locationId, scope.locationId));

/** Units per customer, one grouped query for a page (an index range of units_customer_idx each). */
async function unitCounts(db: DbOrTx, customerIds: readonly string[]) {
  if (customerIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ customerId: units.customerId, n: count() })
    .from(units)
    .where(inArray(units.customerId, [...customerIds]))
    .groupBy(units.customerId);
  return new Map(rows.map((r) => [r.customerId, Number(r.n)]));
}

async function withCounts(db: DbOrTx, rows: CustomerRow[]): Promise<CustomerWithCounts[]> {
  const counts = await unitCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, unitCount: counts.get(r.id) ?? 0 }));
}

export async function findCustomer(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<CustomerWithCounts | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(inScope(scope), eq(customers.id, id)));
  return row ? (await withCounts(db, [row]))[0] : undefined;
}

/**
 * What a customer search matches: name, person name, company, email, phone or city; anywhere from
 * three characters on, the start of a field below that (search.ts). Each field has its own trigram
 * index, and the planner ORs their bitmaps.
 */
export function customerMatches(q: string): SQL | undefined {
  const pattern = q.length >= minSubstringLength ? containsPattern(q) : prefixPattern(q);
  return or(
    ilike(customers.displayName, pattern),
    ilike(customerFullName(customers), pattern),
    ilike(customers.companyName, pattern),
    ilike(customers.email, pattern),
    ilike(customers.phone, pattern),
    ilike(customers.city, pattern),
  );
}

/**
 * Ids of the location's customers (or of one customer) whose name matches, as an array computed once:
 * `customer_id = any(…)` beside other conditions lets a list of another table OR it with its own
 * indexes, which a join could not.
 */
export const customerIdsNamed = (scope: Scope, pattern: string, onlyCustomerId?: string) =>
  sql`array(${sql`select ${customers.id} from ${customers} where ${and(
    inScope(scope),
    onlyCustomerId ? eq(customers.id, onlyCustomerId) : undefined,
    ilike(customers.displayName, pattern),
  )}`})`;

export interface CustomerSearch {
  q?: string | undefined;
  type?: "private" | "business" | undefined;
  limit: number;
  offset: number;
}

/**
 * The shop's customer list, by name. The page's ids come from an index-only range of
 * customers_list_idx (or customers_type_idx), so the offset skips index entries, not rows; only the
 * page's rows are then read.
 */
export async function searchCustomers(db: DbOrTx, scope: Scope, search: CustomerSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.type) conditions.push(eq(customers.type, search.type));
  const q = searchText(search.q);
  if (q) conditions.push(customerMatches(q));
  const where = and(...conditions);
  const order = [asc(customers.displayName), asc(customers.id)];
  const page = db
    .select({ id: customers.id })
    .from(customers)
    .where(where)
    .orderBy(...order)
    .limit(search.limit)
    .offset(search.offset);
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(inArray(customers.id, page))
      .orderBy(...order),
    cappedCount(db, db.select({ id: customers.id }).from(customers).where(where)),
  ]);
  return { items: await withCounts(db, rows), ...counted };
}
