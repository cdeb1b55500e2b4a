// Every move on a booking request after it was submitted: the shop declines, suggests or confirms;
// the customer accepts, counter-suggests or cancels. The transition table in domain/booking.ts
// decides what is allowed; saving is `WHERE status = from`, so of two people acting at once one wins
// and the other gets a clear 409.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { confirmedPerHour, findBooking, loadLocation, loadOpeningHours } from "../../db/queries/bookings";
import { bookingRequests } from "../../db/schema";
import type { CustomerActor, StaffActor } from "../../domain/actor";
import { type BookingEvent, customerEvents, nextBookingStatus, shopEvents } from "../../domain/booking";
import { checkBookingTime, checkCapacity } from "../../domain/booking-time";
import { DomainError, notFound } from "../../domain/errors";
import { toInstant } from "../../domain/wall-clock";
import { createDraftEstimate } from "../estimates/create-estimate";
import { recordAudit } from "../support/audit";
import { type NotifyContext, notifyBookingMove } from "./notify-booking";

export type BookingMove =
  | { event: "decline"; reason: string }
  | { event: "suggest" | "counter"; date: string; time: string; note?: string | null }
  | { event: "confirm"; note?: string | null; overrideCapacity?: boolean; createEstimate?: boolean }
  | { event: "accept" | "cancel"; note?: string | null };

export interface MoveOptions {
  now?: Date;
  /** Runs inside the transaction before saving (a mailed link is spent here). */
  beforeSave?: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<void>;
}

export async function moveBookingRequest(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor | CustomerActor,
  id: string,
  move: BookingMove,
  options: MoveOptions = {},
) {
  const now = options.now ?? new Date();
  const side = actor.kind === "staff" ? "shop" : "customer";
  if (!(side === "shop" ? shopEvents : customerEvents).includes(move.event)) {
    throw new DomainError(
      "forbidden",
      `Only the ${side === "shop" ? "customer" : "shop"} can ${move.event} a booking request.`,
    );
  }
  return db.transaction(async (tx) => {
    const booking = await findBooking(tx, actor, id, actor.kind === "staff" ? undefined : actor.customerId);
    if (!booking) throw notFound("Booking request");
    const from = booking.status;
    const to = nextBookingStatus(from, move.event);
    const location = await loadLocation(tx, booking.locationId);
    const note = "reason" in move ? move.reason.trim() : move.note?.trim() || null;
    const changes: Partial<typeof bookingRequests.$inferInsert> = { status: to };

    if (move.event === "suggest" || move.event === "counter") {
      const at = { date: move.date, time: move.time };
      checkBookingTime(at, location.timeZone, await loadOpeningHours(tx, location.id), now);
      Object.assign(changes, { proposedDate: at.date, proposedTime: at.time, proposedBy: side });
    }
    if (move.event === "confirm" || move.event === "accept") {
      const at = { date: booking.proposedDate, time: booking.proposedTime };
      if (toInstant(at, location.timeZone).getTime() <= now.getTime()) {
        throw new DomainError("validation", "This time has already passed. Suggest a new one instead.", [
          { field: "time", message: "This time has passed." },
        ]);
      }
    }
    if (move.event === "confirm") {
      // Serialise confirmations per location and day, so two advisors confirming different requests at
      // once cannot both take the hour's last slot.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`${location.id}|${booking.proposedDate}`}))`,
      );
      const perHour = await confirmedPerHour(tx, location.id, booking.proposedDate, booking.id);
      const inHour = perHour.get(booking.proposedTime.slice(0, 2)) ?? 0;
      checkCapacity(inHour, location.bookingCapacityPerHour, Boolean(move.overrideCapacity));
      changes.capacityOverride = inHour >= location.bookingCapacityPerHour;
    }
    if (move.event === "decline") {
      if (!note) {
        throw new DomainError("validation", "Say why the request is declined; the customer reads it.", [
          { field: "reason", message: "Enter a reason." },
        ]);
      }
      changes.declineReason = note;
    }
    await options.beforeSave?.(tx);

    const saved = await tx
      .update(bookingRequests)
      .set({ ...changes, version: sql`${bookingRequests.version} + 1`, updatedAt: new Date() })
      .where(and(eq(bookingRequests.id, id), eq(bookingRequests.status, from)))
      .returning({ id: bookingRequests.id });
    if (saved.length === 0) {
      throw new DomainError(
        "conflict",
        "Someone else answered this booking request a moment ago. Reload to see it.",
      );
    }
    let estimateId: string | null = null;
    if (move.event === "confirm" && move.createEstimate) {
      estimateId = (
        await createDraftEstimate(tx, actor, {
          customerId: booking.customerId,
          unitId: booking.unitId,
          bookingRequestId: booking.id,
        })
      ).id;
      await tx.update(bookingRequests).set({ estimateId }).where(eq(bookingRequests.id, id));
    }
    await recordAudit(tx, actor, {
      entityType: "booking_request",
      entityId: id,
      action: move.event,
      fromStatus: from,
      toStatus: to,
      note,
      data: {
        date: changes.proposedDate ?? booking.proposedDate,
        time: changes.proposedTime ?? booking.proposedTime,
        ...(changes.capacityOverride ? { capacityOverride: true } : {}),
        ...(estimateId ? { estimateId } : {}),
      },
    });
    const after = (await findBooking(tx, actor, id))!;
    await notifyBookingMove(tx, ctx, after, location, move.event as BookingEvent, note);
    return after;
  });
}
