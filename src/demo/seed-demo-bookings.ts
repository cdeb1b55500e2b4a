// Booking requests in every state, each with a real negotiation history: they are made through the
// same commands a person's clicks run, so the audit log, mails and numbers are what the product makes.
import { eq } from "drizzle-orm";
import { type BookingMove, moveBookingRequest } from "../app/bookings/move-booking-request";
import type { NotifyContext } from "../app/bookings/notify-booking";
import { submitBookingRequest } from "../app/bookings/submit-booking-request";
import type { Db } from "../db/client";
import { portalAccounts, staffUsers, units } from "../db/schema";
import type { PortalActor, StaffActor } from "../domain/actor";

/** The next date on an ISO weekday, at least `ahead` days from today (wall-clock date in Berlin is close enough). */
function upcoming(weekday: number, ahead: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ahead);
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoBookings(db: Db, ctx: NotifyContext) {
  const [advisorRow] = await db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, "advisor@werkstatt.test"));
  const [fleetRow] = await db
    .select()
    .from(portalAccounts)
    .where(eq(portalAccounts.email, "fleet@stadtwerke.test"));
  if (!advisorRow || !fleetRow) return;
  const advisor: StaffActor = { kind: "staff", ...pick(advisorRow), role: advisorRow.role };
  const fleet: PortalActor = { kind: "portal", ...pick(fleetRow), customerId: fleetRow.customerId };
  const plates = await db
    .select({ id: units.id, plate: units.plate })
    .from(units)
    .where(eq(units.organisationId, advisor.organisationId));
  const unit = (plate: string) => plates.find((u) => u.plate === plate)!.id;

  const story = async (
    by: StaffActor | PortalActor,
    first: { plate: string; date: string; time: string; notes?: string },
    moves: [StaffActor | PortalActor, BookingMove][],
  ) => {
    const booking = await submitBookingRequest(db, ctx, by, { unitId: unit(first.plate), ...first });
    for (const [actor, move] of moves) await moveBookingRequest(db, ctx, actor, booking.id, move);
  };

  await story(
    fleet,
    {
      plate: "B-SW 101",
      date: upcoming(3, 3),
      time: "08:00",
      notes: "Annual inspection; brakes squeal when cold.",
    },
    [],
  );
  await story(
    fleet,
    { plate: "B-SW 102", date: upcoming(4, 3), time: "09:00", notes: "Tyre change to winter tyres." },
    [
      [
        advisor,
        {
          event: "suggest",
          date: upcoming(4, 3),
          time: "13:00",
          note: "The morning is fully booked; 13:00 is free.",
        },
      ],
    ],
  );
  await story(
    fleet,
    { plate: "B-SW 201", date: upcoming(5, 3), time: "10:00", notes: "Warning light: engine." },
    [
      [
        advisor,
        {
          event: "suggest",
          date: upcoming(1, 5),
          time: "08:00",
          note: "Friday is full, Monday first thing?",
        },
      ],
      [
        fleet,
        { event: "counter", date: upcoming(2, 5), time: "14:00", note: "The driver is on tour on Monday." },
      ],
    ],
  );
  await story(
    advisor,
    { plate: "B-AS 1234", date: upcoming(3, 3), time: "10:00", notes: "Oil service, taken by phone." },
    [[advisor, { event: "confirm", note: "Mrs Schmidt brings the car at 10:00." }]],
  );
  await story(fleet, { plate: "B-SW 101", date: upcoming(6, 2), time: "08:00", notes: "Wiper blades." }, [
    [advisor, { event: "decline", reason: "Saturdays are for breakdowns only; please book a weekday." }],
  ]);
  await story(
    fleet,
    { plate: "B-SW 102", date: upcoming(2, 3), time: "11:00", notes: "Air conditioning service." },
    [[fleet, { event: "cancel", note: "Done at the dealer under warranty." }]],
  );
}

const pick = (r: { id: string; name: string; organisationId: string; locationId: string }) => ({
  id: r.id,
  name: r.name,
  organisationId: r.organisationId,
  locationId: r.locationId,
});
