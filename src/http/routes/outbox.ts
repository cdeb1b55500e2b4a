import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
      const result = await listMail(db, staffOf(request), request.query);
      return { ...result, items: result.items.map(presentMailSummary) };
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
      const row = await findMail(db, staffOf(request), request.params.id);
      if (!row) throw notFound("Email");
      return presentMail(row);
    },
  );
};
