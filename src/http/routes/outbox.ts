import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { resendMail } from "../../app/mail/resend-mail";
import type { Db } from "../../db/client";
import { findMail, listMail } from "../../db/queries/outbox";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import {
  idParams,
  listOf,
  mailSchema,
  mailSummarySchema,
  pageQuery,
  presentMail,
  presentMailSummary,
} from "../presenters";

// Staff read mails here with every customer link token masked (presenters.ts); Resend is how a
// customer gets a working link again.
export const outboxRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  app.get(
    "/outbox",
    {
      config: { access: "staff", permission: "outbox:read" },
      schema: {
        tags: ["outbox"],
        summary:
          "Emails Pitlane sent, or keeps here when no SMTP server is configured (customer link tokens masked)",
        querystring: z.object(pageQuery),
        response: { 200: listOf(mailSummarySchema) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const result = await listMail(db, actor, request.query);
      return { ...result, items: result.items.map((m) => presentMailSummary(m, actor.role)) };
    },
  );

  app.get(
    "/outbox/:id",
    {
      config: { access: "staff", permission: "outbox:read" },
      schema: {
        tags: ["outbox"],
        summary: "One email with its text; a customer link shows as …/e/•••••• (its token is never shown)",
        params: idParams,
        response: { 200: mailSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const row = await findMail(db, actor, request.params.id);
      if (!row) throw notFound("Email");
      return presentMail(row, actor.role);
    },
  );

  app.post(
    "/outbox/:id/resend",
    {
      config: { access: "staff", permission: "outbox:read" },
      schema: {
        tags: ["outbox"],
        summary:
          "Resend an email that carries a customer link: the same address gets it again with a fresh link (a payment mail: the invoice sent again, replacing its payment link). Needs the right to send that document; 409 when the link was used or cancelled",
        params: idParams,
        response: { 201: z.object({ id: z.string(), to: z.string() }) },
      },
    },
    async (request, reply) => {
      const sent = await resendMail(db, ctx, staffOf(request), request.params.id);
      return reply.code(201).send(sent);
    },
  );
};
