import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import { customers, units } from "../schema";
import { cappedCount } from "./paging";

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerWithCounts = CustomerRow & { unitCount: number };

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const inScope = (scope: Scope) =>
  and(eq(customers.organisationId, scope.organisationId), eq(customers.locationId, scope.locationId));

const unitCount = sql<number>`(select count(*)::int from ${units} where ${units.customerId} = ${customers.id})`;

export async function findCustomer(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<CustomerWithCounts | undefined> {
  const [row] = await db
    .select({ customer: customers, unitCount })
    .from(customers)
    .where(and(inScope(scope), eq(customers.id, id)));
  return row ? { ...row.customer, unitCount: Number(row.unitCount) } : undefined;
}

export interface CustomerSearch {
  q?: string;
  type?: "private" | "business";
  limit: number;
  offset: number;
}

export async function searchCustomers(db: DbOrTx, scope: Scope, search: CustomerSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.type) conditions.push(eq(customers.type, search.type));
  const q = search.q?.trim();
  if (q) {
    const p = likePattern(q);
    conditions.push(
      or(
        ilike(customers.displayName, p),
        ilike(customers.email, p),
        ilike(customers.phone, p),
        ilike(customers.city, p),
        ilike(customers.companyName, p),
        ilike(sql`coalesce(${customers.firstName}, '') || ' ' || coalesce(${customers.lastName}, '')`, p),
      ),
    );
  }
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db
      .select({ customer: customers, unitCount })
      .from(customers)
      .where(where)
      .orderBy(customers.displayName, customers.id)
      .limit(search.limit)
      .offset(search.offset),
    cappedCount(db, db.select({ id: customers.id }).from(customers).where(where)),
  ]);
  return { items: rows.map((r) => ({ ...r.customer, unitCount: Number(r.unitCount) })), ...counted };
}
