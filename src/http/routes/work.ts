// The service board (units with approved work, per location) and a unit's work from estimates,
// including declined work kept for follow-up. The board grows with work orders in the next issue.
import { and, asc, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import { findUnit } from "../../db/queries/units";
import { customers, estimates, units, workItems } from "../../db/schema";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { idParams } from "../presenters";

const workItemSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    estimateId: z.string(),
    estimateNumber: z.string(),
    labourLineId: z.string(),
    versionNo: z.number().int(),
    description: z.string(),
    net: z.number().int(),
    currency: z.string(),
    status: z.enum(["required", "declined"]),
    createdAt: z.string(),
  })
  .meta({ id: "WorkItem" });

const columns = {
  item: workItems,
  estimateNumber: estimates.number,
  currency: estimates.currency,
};

type Row = { item: typeof workItems.$inferSelect; estimateNumber: string; currency: string };
const present = (r: Row): z.infer<typeof workItemSchema> => ({
  id: r.item.id,
  unitId: r.item.unitId,
  estimateId: r.item.estimateId,
  estimateNumber: r.estimateNumber,
  labourLineId: r.item.labourLineId,
  versionNo: r.item.versionNo,
  description: r.item.description,
  net: r.item.net,
  currency: r.currency,
  status: r.item.status,
  createdAt: r.item.createdAt.toISOString(),
});

export const workRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/service-board",
    {
      config: { access: "staff", permission: "units:read" },
      schema: {
        tags: ["service board"],
        summary: "Units with Work Required (approved estimate lines), per location",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                unitId: z.string(),
                unitLabel: z.string(),
                plate: z.string().nullable(),
                fleetNumber: z.string().nullable(),
                customerName: z.string(),
                work: z.array(workItemSchema),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const rows = await db
        .select({
          ...columns,
          make: units.make,
          model: units.model,
          plate: units.plate,
          fleetNumber: units.fleetNumber,
          customerName: customers.displayName,
        })
        .from(workItems)
        .innerJoin(estimates, eq(estimates.id, workItems.estimateId))
        .innerJoin(units, eq(units.id, workItems.unitId))
        .innerJoin(customers, eq(customers.id, units.customerId))
        .where(
          and(
            eq(workItems.organisationId, actor.organisationId),
            eq(workItems.locationId, actor.locationId),
            eq(workItems.status, "required"),
          ),
        )
        .orderBy(asc(workItems.createdAt));
      const byUnit = new Map<
        string,
        {
          unitId: string;
          unitLabel: string;
          plate: string | null;
          fleetNumber: string | null;
          customerName: string;
          work: z.infer<typeof workItemSchema>[];
        }
      >();
      for (const r of rows) {
        const entry = byUnit.get(r.item.unitId) ?? {
          unitId: r.item.unitId,
          unitLabel: `${r.make} ${r.model}`,
          plate: r.plate,
          fleetNumber: r.fleetNumber,
          customerName: r.customerName,
          work: [],
        };
        entry.work.push(present(r));
        byUnit.set(r.item.unitId, entry);
      }
      return { items: [...byUnit.values()] };
    },
  );

  app.get(
    "/units/:id/work-items",
    {
      config: { access: "staff", permission: "units:read" },
      schema: {
        tags: ["units"],
        summary: "Work from estimates on this unit: required and declined (for follow-up)",
        params: idParams,
        response: { 200: z.object({ items: z.array(workItemSchema) }) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      if (!(await findUnit(db, actor, request.params.id))) throw notFound("Unit");
      const rows = await db
        .select(columns)
        .from(workItems)
        .innerJoin(estimates, eq(estimates.id, workItems.estimateId))
        .where(
          and(eq(workItems.organisationId, actor.organisationId), eq(workItems.unitId, request.params.id)),
        )
        .orderBy(desc(workItems.createdAt));
      return { items: rows.map(present) };
    },
  );
};
