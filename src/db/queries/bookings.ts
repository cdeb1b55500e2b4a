import { and, asc, eq, inArray, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { BookingStatus } from "../../domain/booking";
import type { OpeningHours } from "../../domain/booking-time";
import type { DbOrTx } from "../client";
import { bookingOpenRank, bookingRequests, customers, locations, openingHours, units } from "../schema";
import { entityHistory } from "./audit";
import { customerIdsNamed } from "./customers";
import { listCount } from "./list-counts";
import { type Counted, pageOfSearch } from "./paging";
import { containsPattern, oneOf, trimmedSearch } from "./search";
import { unitIdsMatching } from "./units";

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
  status?: BookingStatus[] | undefined;
  /** At least three characters (the route checks), or within one customer's requests any length. */
  q?: string | undefined;
  customerId?: string | undefined;
  limit: number;
  offset: number;
}

const openStatuses: readonly BookingStatus[] = ["new", "awaiting_customer", "awaiting_shop"];

/**
 * Open requests first (those waiting for someone), then by the proposed time: the order of
 * booking_requests_list_idx (booking_requests_customer_idx within one customer). A status filter
 * that lies on one side of "open" says so as `rank = 0|1`, so the index range holds exactly it; the
 * search matches the customer's name or the unit (plate, make, model, fleet number, VIN) through
 * their own trigram indexes.
 */
export async function searchBookings(db: DbOrTx, scope: Scope, search: BookingSearch) {
  const rank = bookingOpenRank(bookingRequests.status);
  const conditions: (SQL | undefined)[] = [inScope(scope)];
  if (search.status?.length) {
    conditions.push(inArray(bookingRequests.status, search.status));
    const open = search.status.filter((s) => openStatuses.includes(s)).length;
    if (open === search.status.length) conditions.push(sql`${rank} = 0`);
    else if (open === 0) conditions.push(sql`${rank} = 1`);
  }
  if (search.customerId) conditions.push(eq(bookingRequests.customerId, search.customerId));
  const filters = and(...conditions);
  const order = [
    asc(rank),
    asc(bookingRequests.proposedDate),
    asc(bookingRequests.proposedTime),
    asc(bookingRequests.id),
  ];
  let page: SQLWrapper;
  let counting: Promise<Counted>;
  const q = trimmedSearch(search.q);
  if (q) {
    const pattern = containsPattern(q);
    const [named, unitIds] = await Promise.all([
      customerIdsNamed(db, scope, pattern, search.customerId),
      unitIdsMatching(db, scope, "all", pattern, search.customerId),
    ]);
    const branch = (match: SQL | undefined) =>
      db
        .select({
          id: bookingRequests.id,
          rank: sql<number>`${rank}`.as("rank"),
          proposedDate: bookingRequests.proposedDate,
          proposedTime: bookingRequests.proposedTime,
        })
        .from(bookingRequests)
        .where(and(filters, match));
    const matches = [oneOf(bookingRequests.customerId, named), oneOf(bookingRequests.unitId, unitIds)].filter(
      (m): m is SQL => m !== undefined,
    );
    if (matches.length === 0) return { items: [], total: 0, totalCapped: false };
    const found = await pageOfSearch(
      db,
      {
        branches: matches.map(branch),
        order: sql`matching.rank, matching.proposed_date, matching.proposed_time, matching.id`,
        inListOrder: () =>
          db
            .select({ id: bookingRequests.id })
            .from(bookingRequests)
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
      .select({ id: bookingRequests.id })
      .from(bookingRequests)
      .where(filters)
      .orderBy(...order)
      .limit(search.limit)
      .offset(search.offset);
    counting = listCount(db, scope.locationId, {
      list: "booking_requests",
      customerId: search.customerId,
      buckets: search.status?.length ? search.status : undefined,
    });
  }
  const [rows, counted] = await Promise.all([
    db
      .select(view)
      .from(bookingRequests)
      .innerJoin(customers, eq(customers.id, bookingRequests.customerId))
      .innerJoin(units, eq(units.id, bookingRequests.unitId))
      .where(inArray(bookingRequests.id, page))
      .orderBy(...order),
    counting,
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
