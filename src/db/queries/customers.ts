import { and, asc, eq, getTableColumns, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { customers, units } from "../schema";
import { listCount } from "./list-counts";
import { pageOfSearch } from "./paging";
import { containsPattern, minSubstringLength, prefixPattern, searchTextLike, trimmedSearch } from "./search";

export { containsPattern as likePattern } from "./search";

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerWithCounts = CustomerRow & { unitCount: number };

const inScope = (scope: Scope) =>
  and(eq(customers.organisationId, scope.organisationId), eq(customers.locationId, scope.locationId));

/**
 * A customer's row with how many units it has: the count a scalar subquery of the same statement (an
 * index range of units_customer_idx per customer on the page), so a page is one round trip.
 */
const withUnitCount = {
  ...getTableColumns(customers),
  // Spelled out with its table: in a select of one table drizzle writes columns unqualified, and a
  // bare "id" inside the subquery would be the unit's.
  unitCount: sql<number>`(select count(*)::int from ${units} u where u.customer_id = "customers"."id")`,
};

export async function findCustomer(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<CustomerWithCounts | undefined> {
  const [row] = await db
    .select(withUnitCount)
    .from(customers)
    .where(and(inScope(scope), eq(customers.id, id)));
  return row;
}

/**
 * What a customer search matches: name, person name, company, email, phone or city anywhere from
 * three characters on (search_text), the start of the name below that (search.ts).
 */
export function customerMatches(q: string): SQL {
  return q.length >= minSubstringLength
    ? searchTextLike(customers.searchText, containsPattern(q))
    : ilike(customers.displayName, prefixPattern(q));
}

/** Ids of the location's customers (or of one customer) whose name matches: see search.ts, oneOf. */
export async function customerIdsNamed(db: DbOrTx, scope: Scope, pattern: string, onlyCustomerId?: string) {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        inScope(scope),
        onlyCustomerId ? eq(customers.id, onlyCustomerId) : undefined,
        ilike(customers.displayName, pattern),
      ),
    );
  return rows.map((r) => r.id);
}

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
  const q = trimmedSearch(search.q);
  if (q) conditions.push(customerMatches(q));
  const where = and(...conditions);
  const inOrder = () =>
    db
      .select({ id: customers.id })
      .from(customers)
      .where(where)
      .orderBy(asc(customers.displayName), asc(customers.id))
      .limit(search.limit)
      .offset(search.offset);
  const found = q
    ? await pageOfSearch(
        db,
        {
          branches: [
            db.select({ id: customers.id, displayName: customers.displayName }).from(customers).where(where),
          ],
          order: sql`matching.display_name, matching.id`,
          inListOrder: inOrder,
        },
        search,
      )
    : undefined;
  const [rows, counted] = await Promise.all([
    db
      .select(withUnitCount)
      .from(customers)
      .where(inArray(customers.id, found?.ids ?? inOrder()))
      .orderBy(asc(customers.displayName), asc(customers.id)),
    found?.counted ??
      listCount(db, scope.locationId, {
        list: "customers",
        buckets: search.type ? [search.type] : undefined,
      }),
  ]);
  return { items: rows, ...counted };
}
