// Work orders over HTTP: the Service Board, the technician's clock, job and order moves, and the
// fleet customer's side (Awaiting Authorization, Repair Orders – History with PO search and CSV).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { version } from "../../app/support/fields";
import { addJobPart } from "../../app/work-orders/add-job-part";
import { authorizeInvoice } from "../../app/work-orders/authorize-invoice";
import { clockOff } from "../../app/work-orders/clock-off";
import { clockOn } from "../../app/work-orders/clock-on";
import { finishJob } from "../../app/work-orders/finish-job";
import { moveWorkOrder, type StaffWorkOrderMove } from "../../app/work-orders/move-work-order";
import { reopenJob } from "../../app/work-orders/reopen-job";
import { setPoNumber } from "../../app/work-orders/set-po-number";
import { setWaitingForParts } from "../../app/work-orders/set-waiting-for-parts";
import type { Db } from "../../db/client";
import { entityHistory } from "../../db/queries/audit";
import { billingOfJobs, billingsOf, grossOfListed } from "../../db/queries/billing";
import { workOrderInvoice } from "../../db/queries/invoices";
import {
  billingPolicyOf,
  exportWorkOrders,
  findWorkOrder,
  type ListedWorkOrder,
  loadJobs,
  runningEntryOf,
  searchWorkOrders,
  type WorkOrderView,
} from "../../db/queries/work-orders";
import { actorKindOf, actorKinds, type CustomerActor, type StaffActor } from "../../domain/actor";
import { billingSchema } from "../../domain/billing";
import { notFound } from "../../domain/errors";
import { minorUnits } from "../../domain/money";
import {
  beyondTolerance,
  billingModes,
  hoursToBill,
  jobStatuses,
  workOrderMoves,
  workOrderStatuses,
} from "../../domain/work-order";
import { portalOf, staffOf } from "../auth";
import { documentSearch, idParams, listOf, pageQuery } from "../presenters";

const moneyLines = billingSchema;

const clockOnBody = z
  .object({
    /** Clock off the job you are on and clock on here; without it a running job is a 409. */
    switch: z.boolean().optional(),
  })
  // A POST without a body (what a plain Clock On sends) arrives as null.
  .nullish();
const clockOnDescription =
  "A technician is on one job at a time. When you are clocked on to another job, the answer is 409 " +
  "`clocked-on-elsewhere` naming it (`running`), unless the body says `switch: true`: then that job " +
  "is clocked off (audited) and this one clocked on. The problem's `running` is " +
  "`{ workOrderId, workOrderNumber, jobId, job }`.";

const jobSchema = z.object({
  id: z.string(),
  description: z.string(),
  pricing: z.enum(["hourly", "flat"]),
  estimatedHoursMilli: z.number().int(),
  clockedHoursMilli: z.number().int(),
  billedHoursMilli: z
    .number()
    .int()
    .nullable()
    .describe("Hours billed as the location bills (approved or clocked); null for a flat price"),
  beyondTolerance: z
    .boolean()
    .describe(
      "Billed hours differ from the approved (estimated) hours by more than the location's tolerance",
    ),
  unitPrice: z.number().int(),
  taxRateBp: z.number().int(),
  status: z.enum(jobStatuses),
  finishedAt: z.string().nullable(),
  /** Who is clocked on to the job right now. */
  clockedOn: z.array(z.object({ id: z.string(), name: z.string(), since: z.string() })),
  parts: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      partNumber: z.string().nullable(),
      quantityMilli: z.number().int(),
      unitPrice: z.number().int(),
      taxRateBp: z.number().int(),
    }),
  ),
  timeEntries: z.array(
    z.object({
      technicianId: z.string(),
      technicianName: z.string(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
});

const summarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(workOrderStatuses),
    customerId: z.string(),
    customerName: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    plate: z.string().nullable(),
    fleetNumber: z.string().nullable(),
    poNumber: z.string().nullable(),
    currency: z.string(),
    requiresAuthorisation: z.boolean(),
    waitingForParts: z.boolean(),
    openedAt: z.string(),
    unitReadyAt: z.string().nullable(),
    readyToSubmitAt: z.string().nullable(),
    invoicedAt: z.string().nullable(),
    /** Gross: frozen at invoicing, else as the clock and parts stand now. */
    gross: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "WorkOrderSummary" });

const workOrderSchema = summarySchema
  .extend({
    jobs: z.array(jobSchema),
    billing: moneyLines,
    /** How the order's location bills hourly jobs, and when billed hours are flagged. */
    billingPolicy: z.object({
      mode: z.enum(billingModes).describe("approved: the estimate's hours; clocked: the clocked time"),
      tolerancePct: z.number().int().describe("Billed hours beyond this percent of the approved are flagged"),
    }),
    /**
     * The invoice it was handed to: for the shop also a draft, for the customer only once issued
     * (authorising issues it) with its number, gross, what is open and the due date.
     */
    invoice: z
      .object({
        id: z.string(),
        number: z.string().nullable(),
        status: z.enum(["draft", "issued"]),
        gross: z.number().int(),
        open: z.number().int(),
        dueDate: z.string().nullable(),
      })
      .nullable(),
    moves: z.array(z.string()),
    history: z.array(
      z.object({
        at: z.string(),
        action: z.string(),
        by: z.string(),
        byKind: z.enum(actorKinds).describe('Who acted: api_key reads as "via API key <by>"'),
        note: z.string().nullable(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "WorkOrder" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaries(orders: ListedWorkOrder[]) {
  const now = new Date();
  return orders.map((o) => summary(o, grossOfListed(o, now)));
}

const summary = (
  o: Omit<ListedWorkOrder, "frozenGross" | "openPricing">,
  gross: number,
): z.infer<typeof summarySchema> => ({
  id: o.id,
  number: o.number,
  status: o.status,
  customerId: o.customerId,
  customerName: o.customerName,
  unitId: o.unitId,
  unitLabel: o.unitLabel,
  plate: o.plate,
  fleetNumber: o.fleetNumber,
  poNumber: o.poNumber,
  currency: o.currency,
  requiresAuthorisation: o.requiresAuthorisation,
  waitingForParts: o.waitingForParts,
  openedAt: o.openedAt.toISOString(),
  unitReadyAt: iso(o.unitReadyAt),
  readyToSubmitAt: iso(o.readyToSubmitAt),
  invoicedAt: iso(o.invoicedAt),
  gross,
  version: o.version,
});

async function present(db: Db, o: WorkOrderView, side: "shop" | "customer") {
  const now = new Date();
  const [details, log, invoice, policy] = await Promise.all([
    loadJobs(db, [o.id], now).then((m) => m.get(o.id) ?? []),
    side === "shop" ? entityHistory(db, o.organisationId, "work-order", o.id) : Promise.resolve([]),
    o.status === "invoiced"
      ? workOrderInvoice(db, o, o.id, side === "customer" ? o.customerId : undefined)
      : Promise.resolve(undefined),
    billingPolicyOf(db, o.locationId),
  ]);
  // Frozen at invoicing; until then from the jobs just loaded.
  const billing = o.billing ? billingSchema.parse(o.billing) : billingOfJobs(details, policy.mode);
  const billed = (d: (typeof details)[number]) =>
    d.job.pricing === "flat"
      ? null
      : hoursToBill(policy.mode, d.job.estimatedHoursMilli, d.clockedHoursMilli);
  return {
    ...summary(o, billing.totals.gross),
    jobs: details.map((d) => ({
      id: d.job.id,
      description: d.job.description,
      pricing: d.job.pricing,
      estimatedHoursMilli: d.job.estimatedHoursMilli,
      clockedHoursMilli: d.clockedHoursMilli,
      billedHoursMilli: billed(d),
      beyondTolerance:
        billed(d) !== null && beyondTolerance(d.job.estimatedHoursMilli, billed(d)!, policy.tolerancePct),
      unitPrice: d.job.unitPrice,
      taxRateBp: d.job.taxRateBp,
      status: d.job.status,
      finishedAt: iso(d.job.finishedAt),
      clockedOn: d.entries
        .filter((e) => e.endedAt === null)
        .map((e) => ({ id: e.technicianId, name: e.technicianName, since: e.startedAt.toISOString() })),
      parts: d.parts.map((p) => ({
        id: p.id,
        description: p.description,
        partNumber: p.partNumber,
        quantityMilli: p.quantityMilli,
        unitPrice: p.unitPrice,
        taxRateBp: p.taxRateBp,
      })),
      timeEntries:
        side === "shop"
          ? d.entries.map((e) => ({
              technicianId: e.technicianId,
              technicianName: e.technicianName,
              startedAt: e.startedAt.toISOString(),
              endedAt: iso(e.endedAt),
            }))
          : [],
    })),
    billing,
    billingPolicy: policy,
    invoice: invoice
      ? {
          id: invoice.id,
          number: invoice.number,
          status: invoice.status,
          gross: invoice.totals.gross,
          open: invoice.openAmount,
          dueDate: invoice.dueDate,
        }
      : null,
    moves: workOrderMoves(o.status, side),
    history: log.map((h) => ({
      at: h.createdAt.toISOString(),
      action: h.action,
      by: h.actorName,
      byKind: actorKindOf(h.actorKind),
      note: h.note,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
    })),
  };
}

const statusFilter = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(",") : undefined))
  .pipe(z.array(z.enum(workOrderStatuses)).optional());

const poNumber = z
  .string()
  .trim()
  .max(60, "At most 60 characters.")
  .nullable()
  .transform((v) => (v ? v : null));

export const workOrderRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const load = async (actor: StaffActor, id: string) => {
    const o = await findWorkOrder(db, actor, id);
    if (!o) throw notFound("Work order");
    return present(db, o, "shop");
  };

  app.get(
    "/work-orders",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["work orders"],
        summary:
          "Work orders: filter by status (comma-separated; ready_to_submit is the CompleteRO list), search number, customer, plate, fleet number or PO (at least 3 characters)",
        querystring: z.object({ status: statusFilter, q: documentSearch, ...pageQuery }),
        response: { 200: listOf(summarySchema) },
      },
    },
    async (request) => {
      const result = await searchWorkOrders(db, staffOf(request), request.query);
      return {
        items: summaries(result.items),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.get(
    "/work-orders/:id",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["work orders"],
        summary: "One work order: jobs with parts and time (estimated vs clocked), totals, history",
        params: idParams,
        response: { 200: workOrderSchema },
      },
    },
    async (request) => load(staffOf(request), request.params.id),
  );

  app.patch(
    "/work-orders/:id",
    {
      config: { access: "staff", permission: "work-orders:write" },
      schema: {
        tags: ["work orders"],
        summary: "Set the customer's PO number or Waiting for Parts",
        params: idParams,
        body: z.object({ poNumber: poNumber.optional(), waitingForParts: z.boolean().optional(), version }),
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { id } = request.params;
      if (request.body.poNumber !== undefined) {
        await setPoNumber(db, actor, id, request.body.poNumber, request.body.version);
      }
      if (request.body.waitingForParts !== undefined) {
        await setWaitingForParts(db, actor, id, request.body.waitingForParts);
      }
      return load(actor, id);
    },
  );

  for (const [path, event, text] of [
    ["unit-ready", "unit_ready", "Unit Ready: every job is done"],
    ["ready-to-submit", "ready_to_submit", "Ready to Submit: checked and ready for invoicing"],
    ["submit", "submit", "Submit for the customer's authorisation (customers who require it)"],
    ["invoice", "invoice", "Invoice directly: hands the billable lines to invoicing"],
    ["reopen", "reopen", "Reopen: back to the workshop"],
  ] as const satisfies readonly (readonly [string, StaffWorkOrderMove, string])[]) {
    app.post(
      `/work-orders/:id/${path}`,
      {
        config: { access: "staff", permission: "work-orders:write" },
        schema: {
          tags: ["work orders"],
          summary: text,
          params: idParams,
          body: z
            .object({ version: version.optional(), note: z.string().trim().max(2000).nullish() })
            .optional(),
          response: { 200: workOrderSchema },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        await moveWorkOrder(db, ctx, actor, request.params.id, event, request.body ?? {});
        return load(actor, request.params.id);
      },
    );
  }

  app.post(
    "/work-items/:id/clock-on",
    {
      config: { access: "staff", permission: "time:clock" },
      schema: {
        tags: ["work orders"],
        summary: "Clock On to approved work; the unit's first Clock On opens its work order",
        description: clockOnDescription,
        params: idParams,
        body: clockOnBody,
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { workOrderId } = await clockOn(
        db,
        actor,
        { workItemId: request.params.id },
        { switchJob: request.body?.switch === true },
      );
      return load(actor, workOrderId);
    },
  );

  app.post(
    "/jobs/:id/clock-on",
    {
      config: { access: "staff", permission: "time:clock" },
      schema: {
        tags: ["work orders"],
        summary: "Clock On to a job (with switch: true, clocks you off any other job)",
        description: clockOnDescription,
        params: idParams,
        body: clockOnBody,
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { workOrderId } = await clockOn(
        db,
        actor,
        { jobId: request.params.id },
        { switchJob: request.body?.switch === true },
      );
      return load(actor, workOrderId);
    },
  );

  app.post(
    "/clock-off",
    {
      config: { access: "staff", permission: "time:clock" },
      schema: {
        tags: ["work orders"],
        summary: "Clock Off the job you are on",
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { workOrderId } = await clockOff(db, actor);
      return load(actor, workOrderId);
    },
  );

  app.get(
    "/clock",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["work orders"],
        summary: "The job you are clocked on to, if any",
        response: {
          200: z.object({
            running: z
              .object({
                jobId: z.string(),
                job: z.string(),
                workOrderId: z.string(),
                workOrderNumber: z.string(),
                unitId: z.string(),
                since: z.string(),
              })
              .nullable(),
          }),
        },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const r = await runningEntryOf(db, actor, actor.id);
      return {
        running: r
          ? {
              jobId: r.entry.jobId,
              job: r.jobDescription,
              workOrderId: r.entry.workOrderId,
              workOrderNumber: r.workOrderNumber,
              unitId: r.unitId,
              since: r.entry.startedAt.toISOString(),
            }
          : null,
      };
    },
  );

  for (const [path, text, run] of [
    [
      "finish",
      "Finish the job (clocks off whoever is on it); a finished job cannot be finished again",
      finishJob,
    ],
    ["reopen", "Reopen a finished job", reopenJob],
  ] as const) {
    app.post(
      `/jobs/:id/${path}`,
      {
        config: { access: "staff", permission: "time:clock" },
        schema: {
          tags: ["work orders"],
          summary: text,
          params: idParams,
          response: { 200: workOrderSchema },
        },
      },
      async (request) => {
        const actor = staffOf(request);
        return load(actor, await run(db, actor, request.params.id));
      },
    );
  }

  app.post(
    "/jobs/:id/parts",
    {
      config: { access: "staff", permission: "job-parts:write" },
      schema: {
        tags: ["work orders"],
        summary: "Add a part used on a job",
        params: idParams,
        body: z.object({
          description: z.string().trim().min(1, "Describe the part.").max(500),
          partNumber: z.string().trim().max(60).nullish(),
          quantityMilli: z.number().int().min(1, "The quantity must be above zero.").max(100_000_000),
          unitPrice: z.number().int("Prices are whole minor units (cents).").min(0).max(100_000_000),
          taxRateBp: z.number().int().min(0).max(10_000),
        }),
        response: { 201: workOrderSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const id = await addJobPart(db, actor, request.params.id, request.body);
      return reply.code(201).send(await load(actor, id));
    },
  );
};

const csvColumns = [
  "number",
  "status",
  "unit",
  "plate",
  "fleetNumber",
  "poNumber",
  "opened",
  "invoiced",
  "currency",
  "gross",
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
const csvCell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const portalWorkOrderRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const load = async (actor: CustomerActor, id: string) => {
    const o = await findWorkOrder(db, actor, id, actor.customerId);
    if (!o) throw notFound("Work order");
    return present(db, o, "customer");
  };
  const portalQuery = z.object({
    status: statusFilter,
    po: z.string().max(60).optional(),
    q: z.string().max(100).optional(),
  });

  app.get(
    "/portal/work-orders",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary:
          "Repair Orders – History (status awaiting_authorization: Awaiting Authorization); search by PO",
        querystring: portalQuery.extend(pageQuery),
        response: { 200: listOf(summarySchema) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const result = await searchWorkOrders(db, actor, { ...request.query, customerId: actor.customerId });
      return {
        items: summaries(result.items),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.get(
    "/portal/work-orders/export",
    {
      config: { access: "portal" },
      schema: {
        operationId: "exportPortalWorkOrders",
        tags: ["portal"],
        summary: "The listed repair orders as CSV (same filters as the list)",
        querystring: portalQuery,
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const rows = await exportWorkOrders(
        db,
        actor,
        { ...request.query, customerId: actor.customerId },
        10_000,
      );
      // Orders not yet invoiced are priced from their jobs, as the list prices them.
      const open = await billingsOf(
        db,
        rows
          .filter((o) => o.gross === null)
          .map((o) => ({ id: o.id, billing: null, locationId: o.locationId })),
      );
      const money = (minor: number, currency: string) =>
        (minor / 10 ** minorUnits(currency)).toFixed(minorUnits(currency));
      const lines = [
        csvColumns.join(","),
        ...rows.map((o) =>
          [
            o.number,
            o.status,
            `${o.make} ${o.model}`,
            o.plate ?? "",
            o.fleetNumber ?? "",
            o.poNumber ?? "",
            o.openedAt.toISOString().slice(0, 10),
            o.invoicedAt?.toISOString().slice(0, 10) ?? "",
            o.currency,
            money(o.gross ?? open.get(o.id)?.totals.gross ?? 0, o.currency),
          ]
            .map(csvCell)
            .join(","),
        ),
      ];
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="repair-orders.csv"')
        .header("cache-control", "private, no-store")
        .send(`${lines.join("\r\n")}\r\n`);
    },
  );

  app.get(
    "/portal/work-orders/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One of my work orders: jobs, parts, totals",
        params: idParams,
        response: { 200: workOrderSchema },
      },
    },
    async (request) => load(portalOf(request), request.params.id),
  );

  app.patch(
    "/portal/work-orders/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Update the Customer PO Number of a work order",
        params: idParams,
        body: z.object({ poNumber }),
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      await setPoNumber(db, actor, request.params.id, request.body.poNumber);
      return load(actor, request.params.id);
    },
  );

  app.post(
    "/portal/work-orders/:id/authorize",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Authorize Invoice: the work order is invoiced with the (optionally updated) PO number",
        params: idParams,
        body: z.object({ poNumber: poNumber.optional() }).optional(),
        response: { 200: workOrderSchema },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      await authorizeInvoice(db, actor, request.params.id, {
        poNumber: request.body?.poNumber,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
      });
      return load(actor, request.params.id);
    },
  );
};
