import { and, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import { cappedCount } from "../../db/queries/paging";
import { mailMessages } from "../../db/schema";
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

export const outboxRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/outbox",
    {
      config: { access: "staff", permission: "outbox:read" },
      schema: {
        tags: ["outbox"],
        summary: "Emails Pitlane sent, or keeps here when no SMTP server is configured",
        querystring: z.object(pageQuery),
        response: { 200: listOf(mailSummarySchema) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const where = and(
        eq(mailMessages.organisationId, actor.organisationId),
        eq(mailMessages.locationId, actor.locationId),
      );
      const rows = await db
        .select()
        .from(mailMessages)
        .where(where)
        .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
        .limit(request.query.limit)
        .offset(request.query.offset);
      const counted = await cappedCount(
        db,
        db.select({ id: mailMessages.id }).from(mailMessages).where(where),
      );
      return { items: rows.map(presentMailSummary), ...counted };
    },
  );

  app.get(
    "/outbox/:id",
    {
      config: { access: "staff", permission: "outbox:read" },
      schema: {
        tags: ["outbox"],
        summary: "One email with its text",
        params: idParams,
        response: { 200: mailSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const [row] = await db
        .select()
        .from(mailMessages)
        .where(
          and(
            eq(mailMessages.id, request.params.id),
            eq(mailMessages.organisationId, actor.organisationId),
            eq(mailMessages.locationId, actor.locationId),
          ),
        );
      if (!row) throw notFound("Email");
      return presentMail(row);
    },
  );
};
