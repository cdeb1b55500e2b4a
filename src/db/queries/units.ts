import { and, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import { customers, unitReadings, units } from "../schema";
import { likePattern } from "./customers";
import { cappedCount } from "./paging";

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

export interface UnitSearch {
  q?: string;
  customerId?: string;
  limit: number;
  offset: number;
}

export async function searchUnits(db: DbOrTx, scope: Scope, search: UnitSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.customerId) conditions.push(eq(units.customerId, search.customerId));
  const q = search.q?.trim();
  if (q) {
    const p = likePattern(q);
    conditions.push(
      or(
        ilike(units.vin, p),
        ilike(units.plate, p),
        ilike(units.make, p),
        ilike(units.model, p),
        ilike(units.fleetNumber, p),
        ilike(customers.displayName, p),
      ),
    );
  }
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db
      .select(withCustomer)
      .from(units)
      .innerJoin(customers, eq(customers.id, units.customerId))
      .where(where)
      .orderBy(units.plate, units.id)
      .limit(search.limit)
      .offset(search.offset),
    cappedCount(
      db,
      db
        .select({ id: units.id })
        .from(units)
        .innerJoin(customers, eq(customers.id, units.customerId))
        .where(where),
    ),
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
