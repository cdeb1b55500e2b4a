// The customer's side of booking requests: in the portal (account) and on the page a mailed link
// opens (no account). Another customer's request is "not found".
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type BookingMove, moveBookingRequest } from "../../app/bookings/move-booking-request";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { submitBookingRequest } from "../../app/bookings/submit-booking-request";
import {
  requireUnused,
  resolveCustomerLink,
  spendCustomerLink,
} from "../../app/support/links/customer-links";
import type { Db } from "../../db/client";
import { findBooking, loadLocation, searchBookings } from "../../db/queries/bookings";
import type { CustomerActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { portalOf } from "../auth";
import { idParams, listOf, pageQuery } from "../presenters";
import {
  bookingSchema,
  localDate,
  localTime,
  noteField,
  presentBooking,
  presentBookingWithHistory,
} from "./booking-schemas";
import { slotsOf, slotsSchema } from "./bookings";

const customerMoves = {
  accept: { summary: "Accept the shop's suggested time", body: z.object({ note: noteField }) },
  counter: {
    summary: "Suggest another date and time",
    body: z.object({ date: localDate, time: localTime, note: noteField }),
  },
  cancel: { summary: "Cancel the booking request", body: z.object({ note: noteField }) },
} as const;

type MoveBody = { note?: string | null; date?: string; time?: string };
const toMove = (event: keyof typeof customerMoves, b: MoveBody): BookingMove =>
  event === "counter" ? { event, date: b.date!, time: b.time!, note: b.note } : { event, note: b.note };

export const portalBookingRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const present = async (actor: CustomerActor, id: string) => {
    const booking = await findBooking(db, actor, id, actor.customerId);
    if (!booking) throw notFound("Booking request");
    return presentBookingWithHistory(
      db,
      booking,
      "customer",
      (await loadLocation(db, actor.locationId)).timeZone,
    );
  };

  app.get(
    "/portal/booking-requests",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Booking Requests tab: my requests, open ones first",
        querystring: z.object(pageQuery),
        response: { 200: listOf(bookingSchema) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const result = await searchBookings(db, actor, { ...request.query, customerId: actor.customerId });
      // The signed-in session carries the location's zone: no query for it.
      const zone = request.auth!.location.timeZone;
      return {
        items: result.items.map((b) => presentBooking(b, "customer", zone)),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.post(
    "/portal/booking-requests",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Submit a Booking Request for one of my units",
        body: z.object({
          unitId: z.string().min(1, "Choose a unit.").max(64),
          date: localDate,
          time: localTime,
          notes: noteField,
        }),
        response: { 201: bookingSchema },
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const booking = await submitBookingRequest(db, ctx, actor, request.body);
      return reply.code(201).send(await present(actor, booking.id));
    },
  );

  app.get(
    "/portal/booking-requests/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Review a booking request",
        params: idParams,
        response: { 200: bookingSchema },
      },
    },
    async (request) => present(portalOf(request), request.params.id),
  );

  for (const [event, { summary, body }] of Object.entries(customerMoves) as [
    keyof typeof customerMoves,
    (typeof customerMoves)[keyof typeof customerMoves],
  ][]) {
    app.post(
      `/portal/booking-requests/:id/${event}`,
      {
        config: { access: "portal" },
        schema: { tags: ["portal"], summary, params: idParams, body, response: { 200: bookingSchema } },
      },
      async (request) => {
        const actor = portalOf(request);
        await moveBookingRequest(db, ctx, actor, request.params.id, toMove(event, request.body as MoveBody));
        return present(actor, request.params.id);
      },
    );
  }

  app.get(
    "/portal/booking-slots",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "The shop's free slots on a day",
        querystring: z.object({ date: localDate }),
        response: { 200: slotsSchema },
      },
    },
    async (request) => slotsOf(db, portalOf(request).locationId, request.query.date),
  );

  // Links mailed to customers without an account. The token is the only credential; it answers for
  // one booking request, and an action spends it.
  const tokenParams = z.object({ token: z.string().min(20).max(100) });
  const linkView = z.object({ booking: bookingSchema, shopName: z.string(), linkUsed: z.boolean() });

  app.get(
    "/links/booking/:token",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "The booking request a mailed link answers",
        params: tokenParams,
        response: { 200: linkView },
      },
    },
    async (request) => {
      const link = await resolveCustomerLink(db, request.params.token, "booking-response");
      const location = await loadLocation(db, link.actor.locationId);
      return {
        booking: await present(link.actor, link.subjectId),
        shopName: location.name,
        linkUsed: link.used,
      };
    },
  );

  app.get(
    "/links/booking/:token/slots",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "The shop's free slots on a day, for a customer answering through a mailed link",
        params: tokenParams,
        querystring: z.object({ date: localDate }),
        response: { 200: slotsSchema },
      },
    },
    async (request) => {
      const link = await resolveCustomerLink(db, request.params.token, "booking-response");
      return slotsOf(db, link.actor.locationId, request.query.date);
    },
  );

  for (const [event, { summary, body }] of Object.entries(customerMoves) as [
    keyof typeof customerMoves,
    (typeof customerMoves)[keyof typeof customerMoves],
  ][]) {
    app.post(
      `/links/booking/:token/${event}`,
      {
        config: { access: "link" },
        schema: {
          tags: ["links"],
          summary: `${summary} (mailed link)`,
          params: tokenParams,
          body,
          response: { 200: bookingSchema },
        },
      },
      async (request) => {
        const link = requireUnused(await resolveCustomerLink(db, request.params.token, "booking-response"));
        await moveBookingRequest(
          db,
          ctx,
          link.actor,
          link.subjectId,
          toMove(event, request.body as MoveBody),
          {
            beforeSave: (tx) => spendCustomerLink(tx, link.tokenHash),
          },
        );
        return present(link.actor, link.subjectId);
      },
    );
  }
};
