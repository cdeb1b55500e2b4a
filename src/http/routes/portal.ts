// The customer portal's view of the API: the same commands as the shop, always scoped to the
// signed-in account's own customer. Another customer's unit is "not found", never "forbidden".
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createUnit } from "../../app/units/create-unit";
import { recordReading } from "../../app/units/record-reading";
import { initialReadings, unitFields } from "../../app/units/unit-input";
import type { Db } from "../../db/client";
import { findUnit, listReadings, searchUnits } from "../../db/queries/units";
import type { PortalActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { portalOf } from "../auth";
import {
  idParams,
  listOf,
  pageQuery,
  presentReading,
  presentUnit,
  readingSchema,
  unitSchema,
} from "../presenters";
import { readingBody, readingList, toReadingInput } from "./units";

async function ownUnit(db: Db, actor: PortalActor, id: string) {
  const unit = await findUnit(db, actor, id);
  if (!unit || unit.customerId !== actor.customerId) throw notFound("Unit");
  return unit;
}

export const portalRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/portal/units",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "My units",
        querystring: z.object({ q: z.string().max(100).optional(), ...pageQuery }),
        response: { 200: listOf(unitSchema) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const result = await searchUnits(db, actor, { ...request.query, customerId: actor.customerId });
      return { items: result.items.map(presentUnit), total: result.total, totalCapped: result.totalCapped };
    },
  );

  app.post(
    "/portal/units",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "+New Unit",
        body: unitFields.extend(initialReadings.shape),
        response: { 201: unitSchema },
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const unit = await createUnit(db, actor, { ...request.body, customerId: actor.customerId });
      return reply.code(201).send(presentUnit(unit));
    },
  );

  app.get(
    "/portal/units/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One of my units",
        params: idParams,
        response: { 200: unitSchema },
      },
    },
    async (request) => presentUnit(await ownUnit(db, portalOf(request), request.params.id)),
  );

  app.get(
    "/portal/units/:id/readings",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Reading history of my unit",
        params: idParams,
        response: { 200: readingList },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      await ownUnit(db, actor, request.params.id);
      return { items: (await listReadings(db, actor, request.params.id)).map(presentReading) };
    },
  );

  app.post(
    "/portal/units/:id/readings",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Update Unit Readings",
        params: idParams,
        body: readingBody,
        response: { 201: readingSchema },
      },
    },
    async (request, reply) => {
      const reading = await recordReading(
        db,
        portalOf(request),
        request.params.id,
        toReadingInput(request.body),
      );
      return reply.code(201).send(presentReading(reading));
    },
  );
};
