// The Service Board (one card per unit in the shop: approved work waiting, open work orders by
// column) and a unit's work from estimates, including declined work kept for follow-up.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import {
  boardOrders,
  type UnitWorkRow,
  unitWork,
  type WorkItemRow,
  waitingWork,
} from "../../db/queries/service-board";
import { findUnit } from "../../db/queries/units";
import { listTechnicians } from "../../db/queries/users";
import { notFound } from "../../domain/errors";
import { boardColumn, boardColumns, unitWorkStates, workOrderStatuses } from "../../domain/work-order";
import { staffOf } from "../auth";
import { idParams } from "../presenters";

const workItemSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    /** The estimate it came from; null for work the customer declined on an order extension. */
    estimateId: z.string().nullable(),
    estimateNumber: z.string().nullable(),
    labourLineId: z.string().nullable(),
    versionNo: z.number().int().nullable(),
    recommendationId: z.string().nullable(),
    description: z.string(),
    net: z.number().int(),
    currency: z.string(),
    status: z.enum(["required", "declined"]),
    createdAt: z.string(),
  })
  .meta({ id: "WorkItem" });

const unitWorkSchema = workItemSchema
  .omit({ unitId: true, status: true })
  .extend({
    /** The work item's id (Clock On takes it while the work waits), or the job's for work added on an order. */
    id: z.string(),
    workItemId: z.string().nullable(),
    /**
     * required: approved, waiting for a work order (Work Required); on_order: a job on an open work
     * order; done: its job is done, the order not yet invoiced; invoiced; declined (for follow-up).
     */
    status: z.enum(unitWorkStates),
    workOrder: z.object({ id: z.string(), number: z.string() }).nullable(),
  })
  .meta({ id: "UnitWork" });

const presentUnitWork = (r: UnitWorkRow): z.infer<typeof unitWorkSchema> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

const boardCardSchema = z
  .object({
    unitId: z.string(),
    unitLabel: z.string(),
    plate: z.string().nullable(),
    fleetNumber: z.string().nullable(),
    customerName: z.string(),
    column: z.enum(boardColumns),
    workOrder: z
      .object({
        id: z.string(),
        number: z.string(),
        status: z.enum(workOrderStatuses),
        waitingForParts: z.boolean(),
        requiresAuthorisation: z.boolean(),
        jobsDone: z.number().int(),
        jobsTotal: z.number().int(),
        clockedOn: z.array(z.object({ id: z.string(), name: z.string(), job: z.string() })),
        /** Technicians who have clocked time on the order (the technician filter). */
        technicianIds: z.array(z.string()),
      })
      .nullable(),
    /** Approved work not yet on the work order: Clock On starts it. */
    work: z.array(workItemSchema),
  })
  .meta({ id: "ServiceBoardCard" });

type Row = WorkItemRow;
const present = (r: Row): z.infer<typeof workItemSchema> => ({
  id: r.item.id,
  unitId: r.item.unitId,
  estimateId: r.item.estimateId,
  estimateNumber: r.estimateNumber,
  labourLineId: r.item.labourLineId,
  versionNo: r.item.versionNo,
  recommendationId: r.item.recommendationId,
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
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["service board"],
        summary:
          "One card per unit in the shop: approved work not yet started (Work Required) and open work orders by column; filter by technician and column",
        querystring: z.object({
          technician: z.string().max(64).optional(),
          column: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(",") : undefined))
            .pipe(z.array(z.enum(boardColumns)).optional()),
        }),
        response: {
          200: z.object({
            items: z.array(boardCardSchema),
            technicians: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { technician, column } = request.query;
      const keep = (c: z.infer<typeof boardCardSchema>) =>
        (!column || column.includes(c.column)) &&
        (!technician || (c.workOrder?.technicianIds.includes(technician) ?? false));
      // Filtered to cards with a work order, only those units' waiting work is read.
      const ordersOnly = Boolean(technician) || (column !== undefined && !column.includes("work_required"));
      const [pendingAll, board, technicians] = await Promise.all([
        ordersOnly ? null : waitingWork(db, actor),
        boardOrders(db, actor),
        listTechnicians(db, actor),
      ]);
      const cards = new Map<string, z.infer<typeof boardCardSchema>>();
      // Oldest first, so a unit's newest open order wins (there is at most one).
      for (const o of [...board.orders].reverse()) {
        const s = board.state.get(o.id)!;
        const card: z.infer<typeof boardCardSchema> = {
          unitId: o.unitId,
          unitLabel: o.unitLabel,
          plate: o.plate,
          fleetNumber: o.fleetNumber,
          customerName: o.customerName,
          column: boardColumn({
            status: o.status,
            waitingForParts: o.waitingForParts,
            extensionPending: s.extensionPending,
          })!,
          workOrder: {
            id: o.id,
            number: o.number,
            status: o.status,
            waitingForParts: o.waitingForParts,
            requiresAuthorisation: o.requiresAuthorisation,
            jobsDone: s.jobsDone,
            jobsTotal: s.jobsTotal,
            clockedOn: s.clockedOn,
            technicianIds: s.technicianIds,
          },
          work: [],
        };
        if (!ordersOnly || keep(card)) cards.set(o.unitId, card);
      }
      const pending = pendingAll ?? (await waitingWork(db, actor, [...cards.keys()]));
      for (const r of pending) {
        const card = cards.get(r.item.unitId) ?? {
          unitId: r.item.unitId,
          unitLabel: `${r.make} ${r.model}`,
          plate: r.plate,
          fleetNumber: r.fleetNumber,
          customerName: r.customerName,
          column: "work_required" as const,
          workOrder: null,
          work: [],
        };
        card.work.push(present(r));
        cards.set(r.item.unitId, card);
      }
      const items = [...cards.values()].filter(keep);
      return { items, technicians };
    },
  );

  app.get(
    "/units/:id/work-items",
    {
      config: { access: "staff", permission: "units:read" },
      schema: {
        tags: ["units"],
        summary:
          "This unit's work as it stands: approved and waiting, on an open work order, done, invoiced, and declined (for follow-up)",
        params: idParams,
        response: { 200: z.object({ items: z.array(unitWorkSchema) }) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      if (!(await findUnit(db, actor, request.params.id))) throw notFound("Unit");
      const rows = await unitWork(db, actor, request.params.id);
      return { items: rows.map(presentUnitWork) };
    },
  );
};
