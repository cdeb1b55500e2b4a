import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { counter, optionalText, version } from "../../app/support/fields";
import { createUnit } from "../../app/units/create-unit";
import { recordReading } from "../../app/units/record-reading";
import { initialReadings, unitFields } from "../../app/units/unit-input";
import { updateUnit } from "../../app/units/update-unit";
import type { Db } from "../../db/client";
import { findUnit, listReadings, searchUnits } from "../../db/queries/units";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import {
  idParams,
  listOf,
  pageQuery,
  presentReading,
  presentUnit,
  readingSchema,
  unitSchema,
} from "../presenters";

export const readingBody = z.object({
  odometerKm: counter(9_999_999).nullish(),
  engineHours: counter(999_999).nullish(),
  readAt: z.iso.datetime({ offset: true }).optional(),
  note: optionalText(500),
  override: z.boolean().optional(),
});

export const toReadingInput = (b: z.output<typeof readingBody>) => ({
  ...b,
  readAt: b.readAt ? new Date(b.readAt) : undefined,
});

export const readingList = z.object({ items: z.array(readingSchema) });

export const unitRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/units",
    {
      config: { access: "staff", permission: "units:read" },
      schema: {
        tags: ["units"],
        summary:
          "Units by plate; q searches VIN, plate, make, model, fleet number or customer (1–2 characters: the start of the plate or fleet number)",
        querystring: z.object({
          q: z.string().max(100).optional(),
          customerId: z.string().max(64).optional(),
          ...pageQuery,
        }),
        response: { 200: listOf(unitSchema) },
      },
    },
    async (request) => {
      const result = await searchUnits(db, staffOf(request), request.query);
      return { items: result.items.map(presentUnit), total: result.total, totalCapped: result.totalCapped };
    },
  );

  app.post(
    "/units",
    {
      config: { access: "staff", permission: "units:write" },
      schema: {
        tags: ["units"],
        summary: "Create a unit for a customer",
        body: unitFields
          .extend({ customerId: z.string().min(1, "Choose a customer.").max(64) })
          .extend(initialReadings.shape),
        response: { 201: unitSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentUnit(await createUnit(db, staffOf(request), request.body))),
  );

  app.get(
    "/units/:id",
    {
      config: { access: "staff", permission: "units:read" },
      schema: { tags: ["units"], summary: "One unit", params: idParams, response: { 200: unitSchema } },
    },
    async (request) => {
      const unit = await findUnit(db, staffOf(request), request.params.id);
      if (!unit) throw notFound("Unit");
      return presentUnit(unit);
    },
  );

  app.patch(
    "/units/:id",
    {
      config: { access: "staff", permission: "units:write" },
      schema: {
        tags: ["units"],
        summary: "Change a unit (send the version you loaded)",
        params: idParams,
        body: unitFields.partial().extend({ customerId: z.string().max(64).optional(), version }),
        response: { 200: unitSchema },
      },
    },
    async (request) => presentUnit(await updateUnit(db, staffOf(request), request.params.id, request.body)),
  );

  app.get(
    "/units/:id/readings",
    {
      config: { access: "staff", permission: "units:read" },
      schema: {
        tags: ["units"],
        summary: "Reading history, newest first",
        params: idParams,
        response: { 200: readingList },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      if (!(await findUnit(db, actor, request.params.id))) throw notFound("Unit");
      return { items: (await listReadings(db, actor, request.params.id)).map(presentReading) };
    },
  );

  app.post(
    "/units/:id/readings",
    {
      config: { access: "staff", permission: "readings:write" },
      schema: {
        tags: ["units"],
        summary: "Record odometer and/or engine hours; a lower value needs override + note",
        params: idParams,
        body: readingBody,
        response: { 201: readingSchema },
      },
    },
    async (request, reply) => {
      const reading = await recordReading(
        db,
        staffOf(request),
        request.params.id,
        toReadingInput(request.body),
      );
      return reply.code(201).send(presentReading(reading));
    },
  );
};
