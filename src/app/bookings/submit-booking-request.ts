import type { Db } from "../../db/client";
import { findBooking, loadLocation, loadOpeningHours } from "../../db/queries/bookings";
import { findUnit } from "../../db/queries/units";
import { bookingRequests } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { checkBookingTime } from "../../domain/booking-time";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { publishBookingChange } from "../support/bookings/publish-booking-change";
import { type NotifyContext, notifyBookingMove } from "./notify-booking";

export interface SubmitBookingInput {
  unitId: string;
  date: string;
  time: string;
  notes?: string | null;
}

/**
 * A customer asks for a date and time for one of their units (portal), or the shop enters a request
 * taken by phone or at the counter for any customer's unit.
 */
export async function submitBookingRequest(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor | PortalActor,
  input: SubmitBookingInput,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, actor, input.unitId);
    if (!unit || (actor.kind === "portal" && unit.customerId !== actor.customerId)) {
      throw new DomainError("validation", "Choose one of the customer's units.", [
        { field: "unitId", message: "Choose a unit." },
      ]);
    }
    const location = await loadLocation(tx, actor.locationId);
    const at = { date: input.date, time: input.time };
    checkBookingTime(at, location.timeZone, await loadOpeningHours(tx, location.id), now);
    const id = newId("booking");
    await tx.insert(bookingRequests).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      customerId: unit.customerId,
      unitId: unit.id,
      status: "new",
      requestedDate: at.date,
      requestedTime: at.time,
      proposedDate: at.date,
      proposedTime: at.time,
      proposedBy: actor.kind === "staff" ? "shop" : "customer",
      notes: input.notes?.trim() || null,
      createdByKind: actor.kind,
      createdById: actor.id,
    });
    await recordAudit(tx, actor, {
      entityType: "booking_request",
      entityId: id,
      action: "submit",
      toStatus: "new",
      note: input.notes?.trim() || null,
      data: at,
    });
    const booking = (await findBooking(tx, actor, id))!;
    // A request entered by the shop itself needs no mail to the shop.
    if (actor.kind === "portal") await notifyBookingMove(tx, ctx, booking, location, "submit", booking.notes);
    else await publishBookingChange(tx, booking);
    return booking;
  });
}
