import { and, asc, desc, eq, ilike, inArray, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { customers, unitReadings, units } from "../schema";
import { customerIdsNamed } from "./customers";
import { listCount } from "./list-counts";
import { type Counted, pageOfSearch } from "./paging";
import {
  containsPattern,
  minSubstringLength,
  oneOf,
  prefixPattern,
  searchTextLike,
  trimmedSearch,
} from "./search";

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

/** Fields other lists find units by, each with a trigram index of its own. */
export type UnitField = "plate" | "fleetNumber";

const unitFieldsMatch = (fields: readonly UnitField[], pattern: string) =>
  or(...fields.map((f) => ilike(units[f], pattern)));

/** What a unit search matches: plate, fleet number, VIN, make or model (search_text). */
const unitMatches = (pattern: string) => searchTextLike(units.searchText, pattern);

/**
 * Ids of the location's units (or of one customer's) that match: in `fields` only, or in everything
 * a unit search matches ("all"). See search.ts, oneOf.
 */
export async function unitIdsMatching(
  db: DbOrTx,
  scope: Scope,
  fields: readonly UnitField[] | "all",
  pattern: string,
  onlyCustomerId?: string,
) {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        inScope(scope),
        onlyCustomerId ? eq(units.customerId, onlyCustomerId) : undefined,
        fields === "all" ? unitMatches(pattern) : unitFieldsMatch(fields, pattern),
      ),
    );
  return rows.map((r) => r.id);
}

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
 * own trigram index first and ORed in as `customer_id = any(…)` (search.ts, oneOf); the
 * page's ids come from the units alone (paging.ts), and only the page is joined to its customers.
 */
export async function searchUnits(db: DbOrTx, scope: Scope, search: UnitSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.customerId) conditions.push(eq(units.customerId, search.customerId));
  const filters = and(...conditions);
  const order = [asc(units.plate), asc(units.id)];
  const branch = (match: SQL | undefined) =>
    db.select({ id: units.id, plate: units.plate }).from(units).where(and(filters, match));
  const inOrder = (where: SQL | undefined) =>
    db
      .select({ id: units.id })
      .from(units)
      .where(where)
      .orderBy(...order)
      .limit(search.limit)
      .offset(search.offset);
  let page: SQLWrapper;
  let counting: Promise<Counted>;
  const q = trimmedSearch(search.q);
  if (q) {
    let matches: SQL[];
    if (q.length >= minSubstringLength || search.customerId) {
      const pattern = containsPattern(q);
      const named = await customerIdsNamed(db, scope, pattern, search.customerId);
      matches = [unitMatches(pattern), oneOf(units.customerId, named)].filter(
        (m): m is SQL => m !== undefined,
      );
    } else {
      matches = [unitFieldsMatch(["plate", "fleetNumber"], prefixPattern(q))].filter(
        (m): m is SQL => m !== undefined,
      );
    }
    const found = await pageOfSearch(
      db,
      {
        branches: matches.map(branch),
        order: sql`matching.plate, matching.id`,
        inListOrder: () => inOrder(and(filters, or(...matches))),
      },
      search,
    );
    page = found.ids;
    counting = Promise.resolve(found.counted);
  } else {
    page = inOrder(filters);
    counting = listCount(db, scope.locationId, { list: "units", customerId: search.customerId });
  }
  const [rows, counted] = await Promise.all([
    db
      .select(withCustomer)
      .from(units)
      .innerJoin(customers, eq(customers.id, units.customerId))
      .where(inArray(units.id, page))
      .orderBy(...order),
    counting,
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

/**
 * The odometer as it stood at a moment: the latest reading with a kilometre value taken before it
 * (unit_readings_unit_idx). A unit that has no readings at all (entered with its odometer before
 * readings were recorded) has only its own value to offer; null when no reading is that old.
 */
export async function odometerBefore(db: DbOrTx, unit: UnitRow, before: Date): Promise<number | null> {
  const [reading] = await db
    .select({ km: unitReadings.odometerKm })
    .from(unitReadings)
    .where(
      and(
        eq(unitReadings.unitId, unit.id),
        sql`${unitReadings.odometerKm} is not null`,
        sql`${unitReadings.readAt} < ${before.toISOString()}`,
      ),
    )
    .orderBy(desc(unitReadings.readAt), desc(unitReadings.createdAt))
    .limit(1);
  if (reading) return reading.km;
  const [any] = await db
    .select({ id: unitReadings.id })
    .from(unitReadings)
    .where(eq(unitReadings.unitId, unit.id))
    .limit(1);
  return any ? null : unit.odometerKm;
}
