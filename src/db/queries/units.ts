import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import { customers, unitReadings, units } from "../schema";
import { customerIdsNamed } from "./customers";
import { cappedCount } from "./paging";
import { containsPattern, minSubstringLength, prefixPattern, searchText } from "./search";

export type UnitRow = typeof units.$inferSelect;
export type UnitWithCustomer = UnitRow & { customerName: string };

const inScope = (scope: Scope) =>
  and(eq(units.organisationId, scope.organisationId), eq(units.locationId, scope.locationId));

const withCustomer = { unit: units, customerName: customers.displayName };

export async function findUnit(db: DbOrTx, scope: Scope, id: string): Promise<UnitWithCustomer | undefined> {
  const [row] = await db
    .select(withCustomer)
    .from(units)
    .innerJoin(customers, eq(customers.id, units.customerId))
    .where(and(inScope(scope), eq(units.id, id)));
  return row ? { ...row.unit, customerName: row.customerName } : undefined;
}

/** The unit fields a search can look at; each has a trigram index. */
export type UnitField = "vin" | "plate" | "make" | "model" | "fleetNumber";
const allFields: readonly UnitField[] = ["vin", "plate", "make", "model", "fleetNumber"];

const unitFieldsMatch = (fields: readonly UnitField[], pattern: string) =>
  or(...fields.map((f) => ilike(units[f], pattern)));

/**
 * Ids of the location's units (or of one customer's) whose fields match, as an array computed once:
 * `unit_id = any(…)` lets another table's list OR it with its own indexes.
 */
export const unitIdsMatching = (
  scope: Scope,
  fields: readonly UnitField[],
  pattern: string,
  onlyCustomerId?: string,
) =>
  sql`array(${sql`select ${units.id} from ${units} where ${and(
    inScope(scope),
    onlyCustomerId ? eq(units.customerId, onlyCustomerId) : undefined,
    unitFieldsMatch(fields, pattern),
  )}`})`;

export interface UnitSearch {
  q?: string | undefined;
  customerId?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Units by plate. A search matches VIN, plate, make, model, fleet number or the customer's name:
 * anywhere from three characters on (or at any length within one customer's units), else the start
 * of the plate or fleet number (search.ts). The customer's name is matched through the customers'
 * own trigram index and ORed in as `customer_id = any(…)`, so the planner can OR every bitmap; the
 * page's ids come from the units alone, and only the page is joined to its customers.
 */
export async function searchUnits(db: DbOrTx, scope: Scope, search: UnitSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.customerId) conditions.push(eq(units.customerId, search.customerId));
  const q = searchText(search.q);
  if (q) {
    if (q.length >= minSubstringLength || search.customerId) {
      const pattern = containsPattern(q);
      const named = customerIdsNamed(scope, pattern, search.customerId);
      conditions.push(or(unitFieldsMatch(allFields, pattern), sql`${units.customerId} = any(${named})`));
    } else {
      conditions.push(unitFieldsMatch(["plate", "fleetNumber"], prefixPattern(q)));
    }
  }
  const where = and(...conditions);
  const order = [asc(units.plate), asc(units.id)];
  const page = db
    .select({ id: units.id })
    .from(units)
    .where(where)
    .orderBy(...order)
    .limit(search.limit)
    .offset(search.offset);
  const [rows, counted] = await Promise.all([
    db
      .select(withCustomer)
      .from(units)
      .innerJoin(customers, eq(customers.id, units.customerId))
      .where(inArray(units.id, page))
      .orderBy(...order),
    cappedCount(db, db.select({ id: units.id }).from(units).where(where)),
  ]);
  return { items: rows.map((r) => ({ ...r.unit, customerName: r.customerName })), ...counted };
}

export async function listReadings(db: DbOrTx, scope: Scope, unitId: string) {
  return db
    .select()
    .from(unitReadings)
    .where(
      and(
        eq(unitReadings.organisationId, scope.organisationId),
        eq(unitReadings.locationId, scope.locationId),
        eq(unitReadings.unitId, unitId),
      ),
    )
    .orderBy(desc(unitReadings.readAt), desc(unitReadings.createdAt));
}
