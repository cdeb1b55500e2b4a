import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type BookingMove, moveBookingRequest } from "../../app/bookings/move-booking-request";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { submitBookingRequest } from "../../app/bookings/submit-booking-request";
import type { Db } from "../../db/client";
import {
  confirmedPerHour,
  findBooking,
  loadLocation,
  loadOpeningHours,
  searchBookings,
} from "../../db/queries/bookings";
import { bookingStatuses } from "../../domain/booking";
import { freeSlots } from "../../domain/booking-time";
import { notFound } from "../../domain/errors";
import { isLocalDate } from "../../domain/wall-clock";
import { staffOf } from "../auth";
import { documentSearch, idParams, listOf, pageQuery } from "../presenters";
import {
  bookingSchema,
  localDate,
  localTime,
  noteField,
  presentBooking,
  presentBookingWithHistory,
} from "./booking-schemas";

export const slotsSchema = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    capacityPerHour: z.number().int(),
    slots: z.array(z.object({ time: z.string(), free: z.number().int() })),
  })
  .meta({ id: "BookingSlots" });

export async function slotsOf(db: Db, locationId: string, date: string) {
  const location = await loadLocation(db, locationId);
  const hours = await loadOpeningHours(db, locationId);
  const perHour = await confirmedPerHour(db, locationId, date);
  return {
    date,
    timeZone: location.timeZone,
    capacityPerHour: location.bookingCapacityPerHour,
    slots: isLocalDate(date) ? freeSlots(date, hours, perHour, location.bookingCapacityPerHour) : [],
  };
}

export const bookingRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const zoneOf = async (locationId: string) => (await loadLocation(db, locationId)).timeZone;
  const reply = async (locationId: string, booking: Parameters<typeof presentBooking>[0]) =>
    presentBookingWithHistory(db, booking, "shop", await zoneOf(locationId));

  app.get(
    "/booking-requests",
    {
      config: { access: "staff", permission: "bookings:read" },
      schema: {
        tags: ["bookings"],
        summary:
          "Booking Requests board: open requests first; filter by status, search customer, unit, plate, fleet number or VIN (at least 3 characters)",
        querystring: z.object({
          status: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(",") : undefined))
            .pipe(z.array(z.enum(bookingStatuses)).optional()),
          q: documentSearch,
          ...pageQuery,
        }),
        response: { 200: listOf(bookingSchema) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const result = await searchBookings(db, actor, request.query);
      // The signed-in session carries the location's zone: no query for it.
      const zone = request.auth!.location.timeZone;
      return {
        items: result.items.map((b) => presentBooking(b, "shop", zone)),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.post(
    "/booking-requests",
    {
      config: { access: "staff", permission: "bookings:write" },
      schema: {
        tags: ["bookings"],
        summary: "Enter a booking taken by phone or at the counter (optionally confirming it at once)",
        body: z.object({
          unitId: z.string().min(1, "Choose a unit.").max(64),
          date: localDate,
          time: localTime,
          notes: noteField,
          confirmNow: z.boolean().default(false),
          overrideCapacity: z.boolean().default(false),
        }),
        response: { 201: bookingSchema },
      },
    },
    async (request, res) => {
      const actor = staffOf(request);
      let booking = await submitBookingRequest(db, ctx, actor, request.body);
      if (request.body.confirmNow) {
        booking = await moveBookingRequest(db, ctx, actor, booking.id, {
          event: "confirm",
          overrideCapacity: request.body.overrideCapacity,
        });
      }
      return res.code(201).send(await reply(actor.locationId, booking));
    },
  );

  app.get(
    "/booking-requests/:id",
    {
      config: { access: "staff", permission: "bookings:read" },
      schema: {
        tags: ["bookings"],
        summary: "One booking request with its negotiation history",
        params: idParams,
        response: { 200: bookingSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const booking = await findBooking(db, actor, request.params.id);
      if (!booking) throw notFound("Booking request");
      return reply(actor.locationId, booking);
    },
  );

  const moveRoute = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    toMove: (b: z.output<B>) => BookingMove,
  ) =>
    app.post(
      `/booking-requests/:id/${path}`,
      {
        config: { access: "staff", permission: "bookings:write" },
        schema: { tags: ["bookings"], summary, params: idParams, body, response: { 200: bookingSchema } },
      },
      async (request) => {
        const actor = staffOf(request);
        const booking = await moveBookingRequest(
          db,
          ctx,
          actor,
          request.params.id,
          toMove(request.body as z.output<B>),
        );
        return reply(actor.locationId, booking);
      },
    );

  moveRoute(
    "decline",
    "Decline Booking Request (the reason is mailed to the customer)",
    z.object({ reason: z.string().trim().min(1, "Enter a reason.").max(1000) }),
    (b) => ({ event: "decline", reason: b.reason }),
  );
  moveRoute(
    "suggest",
    "Suggest New Date and Time",
    z.object({ date: localDate, time: localTime, note: noteField }),
    (b) => ({ event: "suggest", ...b }),
  );
  moveRoute(
    "confirm",
    "Confirm Booking (createEstimate: Confirm Booking and Create an Estimate)",
    z.object({
      note: noteField,
      overrideCapacity: z.boolean().default(false),
      createEstimate: z.boolean().default(false),
    }),
    (b) => ({ event: "confirm", ...b }),
  );

  app.get(
    "/booking-slots",
    {
      config: { access: "staff", permission: "bookings:read" },
      schema: {
        tags: ["bookings"],
        summary: "Hourly slots of a day with free capacity",
        querystring: z.object({ date: localDate }),
        response: { 200: slotsSchema },
      },
    },
    async (request) => slotsOf(db, staffOf(request).locationId, request.query.date),
  );
};
