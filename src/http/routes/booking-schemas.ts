// Wire shapes of booking requests, shared by the shop, portal and link routes.
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { type BookingView, bookingHistory } from "../../db/queries/bookings";
import { actorKindOf, actorKinds, sideOfActor } from "../../domain/actor";
import { type BookingStatus, bookingMoves, bookingStatuses, nextMove } from "../../domain/booking";

export { localDate } from "../presenters";
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM (24 h).");

export const historyEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  by: z.string(),
  byKind: z.enum(actorKinds).describe('Who acted: api_key reads as "via API key <by>"'),
  side: z.enum(["shop", "customer", "system"]),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  date: z.string().nullable(),
  time: z.string().nullable(),
  note: z.string().nullable(),
});

export const bookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(bookingStatuses),
    nextMove: z.enum(["shop", "customer"]).nullable(),
    moves: z.array(z.string()),
    customerId: z.string(),
    customerName: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    plate: z.string().nullable(),
    fleetNumber: z.string().nullable(),
    requestedDate: z.string(),
    requestedTime: z.string(),
    proposedDate: z.string(),
    proposedTime: z.string(),
    proposedBy: z.enum(["shop", "customer"]),
    timeZone: z.string(),
    notes: z.string().nullable(),
    declineReason: z.string().nullable(),
    capacityOverride: z.boolean(),
    estimateId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(historyEntrySchema).optional(),
  })
  .meta({ id: "BookingRequest" });

export type BookingJson = z.infer<typeof bookingSchema>;

export function presentBooking(b: BookingView, side: "shop" | "customer", timeZone: string): BookingJson {
  return {
    id: b.id,
    status: b.status,
    nextMove: nextMove(b.status as BookingStatus),
    moves: bookingMoves(b.status, side),
    customerId: b.customerId,
    customerName: b.customerName,
    unitId: b.unitId,
    unitLabel: b.unitLabel,
    plate: b.plate,
    fleetNumber: b.fleetNumber,
    requestedDate: b.requestedDate,
    requestedTime: b.requestedTime,
    proposedDate: b.proposedDate,
    proposedTime: b.proposedTime,
    proposedBy: b.proposedBy,
    timeZone,
    notes: b.notes,
    declineReason: b.declineReason,
    capacityOverride: b.capacityOverride,
    estimateId: b.estimateId,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** The booking with its negotiation history (a view of the audit log). */
export async function presentBookingWithHistory(
  db: DbOrTx,
  b: BookingView,
  side: "shop" | "customer",
  timeZone: string,
) {
  const events = await bookingHistory(db, b.organisationId, b.id);
  return {
    ...presentBooking(b, side, timeZone),
    history: events.map((e) => {
      const data = (e.data ?? {}) as { date?: string; time?: string };
      return {
        at: e.createdAt.toISOString(),
        action: e.action,
        by: e.actorName,
        byKind: actorKindOf(e.actorKind),
        side: sideOfActor(e.actorKind),
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        date: data.date ?? null,
        time: data.time ?? null,
        note: e.note,
      };
    }),
  };
}

export const noteField = z.string().trim().max(1000).nullish();
