import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { BookingStatus } from "../../domain/booking";
import type { OpeningHours } from "../../domain/booking-time";
import type { DbOrTx } from "../client";
import { bookingRequests, customers, locations, openingHours, units } from "../schema";
import { entityHistory } from "./audit";
import { likePattern } from "./customers";
import { cappedCount } from "./paging";

export type BookingRow = typeof bookingRequests.$inferSelect;
export type BookingView = BookingRow & {
  customerName: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
};

const view = {
  booking: bookingRequests,
  customerName: customers.displayName,
  make: units.make,
  model: units.model,
  plate: units.plate,
  fleetNumber: units.fleetNumber,
};

type Joined = {
  booking: BookingRow;
  customerName: string;
  make: string;
  model: string;
  plate: string | null;
  fleetNumber: string | null;
};
const toView = (r: Joined): BookingView => ({
  ...r.booking,
  customerName: r.customerName,
  unitLabel: `${r.make} ${r.model}`,
  plate: r.plate,
  fleetNumber: r.fleetNumber,
});

const inScope = (scope: Scope) =>
  and(
    eq(bookingRequests.organisationId, scope.organisationId),
    eq(bookingRequests.locationId, scope.locationId),
  );

export async function findBooking(
  db: DbOrTx,
  scope: Scope,
  id: string,
  customerId?: string,
): Promise<BookingView | undefined> {
  const conditions = [inScope(scope), eq(bookingRequests.id, id)];
  if (customerId) conditions.push(eq(bookingRequests.customerId, customerId));
  const [row] = await db
    .select(view)
    .from(bookingRequests)
    .innerJoin(customers, eq(customers.id, bookingRequests.customerId))
    .innerJoin(units, eq(units.id, bookingRequests.unitId))
    .where(and(...conditions));
  return row ? toView(row) : undefined;
}

export interface BookingSearch {
  status?: BookingStatus[];
  q?: string;
  customerId?: string;
  limit: number;
  offset: number;
}

/** Open requests first (those waiting for someone), then by the proposed time. */
export async function searchBookings(db: DbOrTx, scope: Scope, search: BookingSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.status?.length) conditions.push(inArray(bookingRequests.status, search.status));
  if (search.customerId) conditions.push(eq(bookingRequests.customerId, search.customerId));
  const q = search.q?.trim();
  if (q) {
    const p = likePattern(q);
    conditions.push(
      or(
        ilike(customers.displayName, p),
        ilike(units.plate, p),
        ilike(units.make, p),
        ilike(units.model, p),
        ilike(units.fleetNumber, p),
        ilike(units.vin, p),
      ),
    );
  }
  const where = and(...conditions);
  const openFirst = sql`case when ${bookingRequests.status} in ('new', 'awaiting_shop', 'awaiting_customer') then 0 else 1 end`;
  const [rows, counted] = await Promise.all([
    db
      .select(view)
      .from(bookingRequests)
      .innerJoin(customers, eq(customers.id, bookingRequests.customerId))
      .innerJoin(units, eq(units.id, bookingRequests.unitId))
      .where(where)
      .orderBy(
        openFirst,
        asc(bookingRequests.proposedDate),
        asc(bookingRequests.proposedTime),
        desc(bookingRequests.id),
      )
      .limit(search.limit)
      .offset(search.offset),
    cappedCount(
      db,
      db
        .select({ id: bookingRequests.id })
        .from(bookingRequests)
        .innerJoin(customers, eq(customers.id, bookingRequests.customerId))
        .innerJoin(units, eq(units.id, bookingRequests.unitId))
        .where(where),
    ),
  ]);
  return { items: rows.map(toView), ...counted };
}

/** The negotiation history: a view of the audit log. */
export const bookingHistory = (db: DbOrTx, organisationId: string, bookingId: string) =>
  entityHistory(db, organisationId, "booking_request", bookingId);

/** Confirmed bookings per hour ("08", "09", …) on a day, optionally leaving one booking out. */
export async function confirmedPerHour(db: DbOrTx, locationId: string, date: string, exceptId?: string) {
  const conditions = [
    eq(bookingRequests.locationId, locationId),
    eq(bookingRequests.proposedDate, date),
    eq(bookingRequests.status, "confirmed"),
  ];
  if (exceptId) conditions.push(ne(bookingRequests.id, exceptId));
  const rows = await db
    .select({ time: bookingRequests.proposedTime })
    .from(bookingRequests)
    .where(and(...conditions));
  const perHour = new Map<string, number>();
  for (const r of rows) perHour.set(r.time.slice(0, 2), (perHour.get(r.time.slice(0, 2)) ?? 0) + 1);
  return perHour;
}

export async function loadOpeningHours(db: DbOrTx, locationId: string): Promise<OpeningHours[]> {
  return db
    .select({ weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
    .from(openingHours)
    .where(eq(openingHours.locationId, locationId))
    .orderBy(asc(openingHours.weekday));
}

export async function loadLocation(db: DbOrTx, locationId: string) {
  const [row] = await db.select().from(locations).where(eq(locations.id, locationId));
  if (!row) throw new Error(`location ${locationId} is missing`);
  return row;
}
