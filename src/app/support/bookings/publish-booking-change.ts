// Tells the live screens that a booking request changed: after a submit or any move.
import type { DbOrTx } from "../../../db/client";
import type { BookingView } from "../../../db/queries/bookings";
import { publishLive } from "../live";

export function publishBookingChange(tx: DbOrTx, booking: BookingView) {
  return publishLive(tx, {
    type: "booking-request.changed",
    organisationId: booking.organisationId,
    locationId: booking.locationId,
    customerId: booking.customerId,
    id: booking.id,
    status: booking.status,
  });
}
