// Estimates over the API: the shop builds and submits them; the customer (portal) approves chosen
// labour lines, declines, or disputes lines with notes. Versions and consent records are read-only.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { addEstimateLine } from "../../app/estimates/add-estimate-line";
import { createDraftEstimate } from "../../app/estimates/create-estimate";
import { discardEstimate } from "../../app/estimates/discard-estimate";
import { type EstimatePdf, estimatePdf } from "../../app/estimates/estimate-pdf";
import { type EstimateMove, moveEstimate } from "../../app/estimates/move-estimate";
import { removeEstimateLine } from "../../app/estimates/remove-estimate-line";
import { reorderEstimateLines } from "../../app/estimates/reorder-estimate-lines";
import { updateEstimateLine } from "../../app/estimates/update-estimate-line";
import { snapshotOf, snapshotSchema, totalsSchema } from "../../app/support/estimates/estimate-snapshot";
import { maxInteger, version } from "../../app/support/fields";
import {
  requireUnused,
  resolveCustomerLink,
  spendCustomerLink,
} from "../../app/support/links/customer-links";
import type { Db } from "../../db/client";
import { entityHistory } from "../../db/queries/audit";
import { loadLocation } from "../../db/queries/bookings";
import {
  type EstimateView,
  findEstimate,
  grossOf,
  loadDecisions,
  loadLines,
  loadVersions,
  searchEstimates,
} from "../../db/queries/estimates";
import { findUnit } from "../../db/queries/units";
import { actorKindOf, actorKinds, type CustomerActor, sideOfActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { type EstimateStatus, estimateStatuses } from "../../domain/estimate";
import { portalOf, staffOf } from "../auth";
import { documentSearch, idParams, listOf, pageQuery } from "../presenters";

const summarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(estimateStatuses),
    customerId: z.string(),
    customerName: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    plate: z.string().nullable(),
    currency: z.string(),
    poNumber: z.string().nullable(),
    bookingRequestId: z.string().nullable(),
    currentVersion: z.number().int(),
    version: z.number().int(),
    /** Gross of the latest submitted version, else of the working copy; null when there is nothing yet. */
    gross: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "EstimateSummary" });

const decisionSchema = z.object({
  versionNo: z.number().int(),
  decision: z.enum(["approve", "decline", "dispute"]),
  by: z.string(),
  byKind: z.string(),
  at: z.string(),
  approvedLineIds: z.array(z.string()),
  declinedLineIds: z.array(z.string()),
  disputedLines: z.array(
    z.object({
      lineId: z.string(),
      note: z.string(),
      withPart: z.literal(true).optional().describe("Disputed only because one of its parts was"),
    }),
  ),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

const historySchema = z.object({
  at: z.string(),
  action: z.string(),
  by: z.string(),
  byKind: z.enum(actorKinds).describe('Who acted: api_key reads as "via API key <by>"'),
  side: z.enum(["shop", "customer", "system"]),
  note: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
});

/** What the customer is shown of the log: the moves, not the shop's line-by-line editing. */
const customerVisibleActions = new Set(["submit", "acknowledge", "revise", "approve", "decline", "dispute"]);

const estimateSchema = summarySchema
  .extend({
    history: z.array(historySchema),
    /** The working copy (shop only): what the next version will contain. */
    draft: snapshotSchema.extend({ totals: totalsSchema }).optional(),
    /** The location's hourly labour rate (shop only): Add Labour's default price. */
    labourRate: z.number().int().optional(),
    versions: z.array(
      z.object({
        versionNo: z.number().int(),
        lines: snapshotSchema,
        totals: totalsSchema,
        note: z.string().nullable(),
        submittedBy: z.string(),
        at: z.string(),
      }),
    ),
    decisions: z.array(decisionSchema),
  })
  .meta({ id: "Estimate" });

const summary = (e: EstimateView, gross: number | null = null): z.infer<typeof summarySchema> => ({
  id: e.id,
  number: e.number,
  status: e.status,
  customerId: e.customerId,
  customerName: e.customerName,
  unitId: e.unitId,
  unitLabel: e.unitLabel,
  plate: e.plate,
  currency: e.currency,
  poNumber: e.poNumber,
  bookingRequestId: e.bookingRequestId,
  currentVersion: e.currentVersion,
  version: e.version,
  gross,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

async function present(db: Db, e: EstimateView, side: "shop" | "customer") {
  const [lines, versions, decisions, log, location] = await Promise.all([
    loadLines(db, e.id),
    loadVersions(db, e.id),
    loadDecisions(db, e.id),
    entityHistory(db, e.organisationId, "estimate", e.id),
    side === "shop" ? loadLocation(db, e.locationId) : null,
  ]);
  const draft = snapshotOf(lines);
  const latest = versions.at(-1);
  const gross = latest ? totalsSchema.parse(latest.totals).gross : lines.length ? draft.totals.gross : null;
  return {
    ...summary(e, gross),
    history: log
      .filter((h) => side === "shop" || customerVisibleActions.has(h.action))
      .map((h) => ({
        at: h.createdAt.toISOString(),
        action: h.action,
        by: h.actorName,
        byKind: actorKindOf(h.actorKind),
        side: sideOfActor(h.actorKind),
        note: h.note,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
      })),
    ...(side === "shop" && location
      ? { draft: { ...draft.snapshot, totals: draft.totals }, labourRate: location.labourRate }
      : {}),
    versions: versions.map((v) => ({
      versionNo: v.versionNo,
      lines: snapshotSchema.parse(v.lines),
      totals: totalsSchema.parse(v.totals),
      note: v.note,
      submittedBy: v.submittedByName,
      at: v.createdAt.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      versionNo: d.versionNo,
      decision: d.decision,
      by: d.actorName,
      byKind: d.actorKind,
      at: d.createdAt.toISOString(),
      approvedLineIds: d.approvedLineIds,
      declinedLineIds: d.declinedLineIds,
      disputedLines: d.disputedLines,
      reason: d.reason,
      // Where the decision came from is for the shop's record, not shown back to the customer.
      ip: side === "shop" ? d.ip : null,
      userAgent: side === "shop" ? d.userAgent : null,
    })),
  };
}

const lineBody = z.object({
  description: z.string().trim().min(1, "Describe the work or part.").max(500),
  partNumber: z.string().trim().max(60).nullish(),
  quantityMilli: z
    .number()
    .int("Quantity in thousandths.")
    .min(1, "The quantity must be above zero.")
    .max(100_000_000),
  unitPrice: z.number().int("Prices are whole minor units (cents).").min(0).max(100_000_000),
  taxRateBp: z.number().int().min(0).max(10_000),
  pricing: z.enum(["hourly", "flat"]).optional(),
});

const pdfQuery = z.object({ version: z.coerce.number().int().min(0).max(10_000).optional() });

/** Customers only ever see submitted versions, never the working copy. */
const customerVersion = (asked: number | undefined, current: number) => {
  if (asked === undefined) return current;
  if (asked < 1 || asked > current) throw notFound("Estimate version");
  return asked;
};

const sendPdf = (reply: FastifyReply, pdf: EstimatePdf) =>
  reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${pdf.filename}"`)
    .header("cache-control", "private, no-store")
    .send(pdf.body);

export const estimateRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const load = async (request: Parameters<typeof staffOf>[0], id: string) => {
    const e = await findEstimate(db, staffOf(request), id);
    if (!e) throw notFound("Estimate");
    return present(db, e, "shop");
  };

  app.get(
    "/estimates",
    {
      config: { access: "staff", permission: "estimates:read" },
      schema: {
        tags: ["estimates"],
        summary:
          "Estimates: filter by status (comma-separated), search number, customer, plate or PO (at least 3 characters)",
        querystring: z.object({
          status: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(",") : undefined))
            .pipe(z.array(z.enum(estimateStatuses)).optional()),
          q: documentSearch,
          ...pageQuery,
        }),
        response: { 200: listOf(summarySchema) },
      },
    },
    async (request) => {
      const result = await searchEstimates(db, staffOf(request), request.query);
      const gross = await grossOf(db, result.items, (rows) => snapshotOf(rows).totals.gross);
      return {
        items: result.items.map((e) => summary(e, gross.get(e.id) ?? null)),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.post(
    "/estimates",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary: "Open a draft estimate for a unit",
        body: z.object({ unitId: z.string().min(1, "Choose a unit.").max(64) }),
        response: { 201: estimateSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const unit = await findUnit(db, actor, request.body.unitId);
      if (!unit)
        throw new DomainError("validation", "Choose a unit of this location.", [
          { field: "unitId", message: "Choose a unit." },
        ]);
      const e = await db.transaction((tx) =>
        createDraftEstimate(tx, actor, { customerId: unit.customerId, unitId: unit.id }),
      );
      return reply.code(201).send(await load(request, e.id));
    },
  );

  app.get(
    "/estimates/:id",
    {
      config: { access: "staff", permission: "estimates:read" },
      schema: {
        tags: ["estimates"],
        summary: "One estimate: working copy, versions, consent records",
        params: idParams,
        response: { 200: estimateSchema },
      },
    },
    async (request) => load(request, request.params.id),
  );

  app.post(
    "/estimates/:id/lines",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary:
          "Add Labour (kind labour: quantityMilli = hours; unitPrice = hourly rate, the location's labour rate when left out, or the whole price with pricing flat) or Add Parts (kind part, under a labour line)",
        params: idParams,
        body: lineBody.extend({
          unitPrice: lineBody.shape.unitPrice.optional(),
          kind: z.enum(["labour", "part"]),
          labourLineId: z.string().max(64).nullish(),
          version,
        }),
        response: { 201: estimateSchema },
      },
    },
    async (request, reply) => {
      await addEstimateLine(db, staffOf(request), request.params.id, request.body);
      return reply.code(201).send(await load(request, request.params.id));
    },
  );

  app.get(
    "/estimates/:id/pdf",
    {
      config: { access: "staff", permission: "estimates:read" },
      schema: {
        tags: ["estimates"],
        summary:
          "The estimate as a PDF in the customer's language: a submitted version (default: the current one) or version 0, the working copy",
        params: idParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const e = await findEstimate(db, staffOf(request), request.params.id);
      if (!e) throw notFound("Estimate");
      return sendPdf(reply, await estimatePdf(db, e, request.query.version ?? e.currentVersion));
    },
  );

  app.post(
    "/estimates/:id/reorder",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary: "Reorder the lines of a draft or revising estimate (every line id once, in the new order)",
        params: idParams,
        body: z.object({ lineIds: z.array(z.string().max(64)).max(500), version }),
        response: { 200: estimateSchema },
      },
    },
    async (request) => {
      await reorderEstimateLines(
        db,
        staffOf(request),
        request.params.id,
        request.body.lineIds,
        request.body.version,
      );
      return load(request, request.params.id);
    },
  );

  app.patch(
    "/estimate-lines/:id",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary: "Change a line of a draft or revising estimate (send the estimate's version)",
        params: idParams,
        body: lineBody.partial().extend({ version }),
        response: { 200: estimateSchema },
      },
    },
    async (request) =>
      load(request, await updateEstimateLine(db, staffOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/estimate-lines/:id",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary: "Remove a line (a labour line takes its parts with it)",
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive().max(maxInteger) }),
        response: { 200: estimateSchema },
      },
    },
    async (request) =>
      load(request, await removeEstimateLine(db, staffOf(request), request.params.id, request.query.version)),
  );

  app.post(
    "/estimates/:id/discard",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        tags: ["estimates"],
        summary: "Discard Draft: throw away an estimate that was never sent",
        description:
          "Only a draft (never submitted) can be discarded; a sent estimate answers 409. The estimate " +
          "leaves every list and count, its number is not given out again, and the audit log records it.",
        params: idParams,
        response: { 204: z.null().describe("Discarded") },
      },
    },
    async (request, reply) => {
      await discardEstimate(db, staffOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const [event, summaryText] of [
    ["submit", "Submit: freeze the next version and send it to the customer"],
    ["acknowledge", "Acknowledge Dispute"],
    ["revise", "Revise: work on a new version"],
  ] as const) {
    app.post(
      `/estimates/:id/${event}`,
      {
        config: { access: "staff", permission: "estimates:write" },
        schema: {
          tags: ["estimates"],
          summary: summaryText,
          params: idParams,
          body: z.object({ note: z.string().trim().max(2000).nullish() }),
          response: { 200: estimateSchema },
        },
      },
      async (request) => {
        await moveEstimate(db, ctx, staffOf(request), request.params.id, { event, note: request.body.note });
        return load(request, request.params.id);
      },
    );
  }

  app.post(
    "/estimates/:id/record-decision",
    {
      config: { access: "staff", permission: "estimates:write" },
      schema: {
        operationId: "recordEstimateDecision",
        tags: ["estimates"],
        summary:
          "Record an approval or decline the customer gave by phone; the customer gets a confirming email",
        params: idParams,
        body: z.object({
          decision: z.enum(["approve", "decline"]),
          versionNo: version,
          labourLineIds: z.array(z.string().max(64)).max(200).default([]),
          decidedBy: z.string().trim().min(1, "Who at the customer decided?").max(200),
          reason: z.string().trim().max(2000).nullish(),
        }),
        response: { 200: estimateSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const move: EstimateMove =
        b.decision === "approve"
          ? { event: "approve", versionNo: b.versionNo, labourLineIds: b.labourLineIds }
          : { event: "decline", versionNo: b.versionNo, reason: b.reason };
      await moveEstimate(db, ctx, staffOf(request), request.params.id, move, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        onBehalfOf: b.decidedBy,
      });
      return load(request, request.params.id);
    },
  );
};

/** The portal's two tabs: waiting for the customer, and what was decided (or is being revised). */
export const portalStates = {
  pending: ["awaiting_customer"],
  history: estimateStatuses.filter((s) => s !== "draft" && s !== "awaiting_customer"),
} satisfies Record<string, EstimateStatus[]>;

export const portalEstimateRoutes: FastifyPluginAsyncZod<{ db: Db; ctx: NotifyContext }> = async (
  app,
  { db, ctx },
) => {
  const load = async (actor: CustomerActor, id: string) => {
    const e = await findEstimate(db, actor, id, actor.customerId);
    if (!e || e.currentVersion === 0) throw notFound("Estimate");
    return present(db, e, "customer");
  };

  app.get(
    "/portal/estimates",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "My estimates: Pending Approval first, then the last changed",
        description:
          "`state=pending` lists only the estimates sent and waiting for my decision (Pending Approval, " +
          "its `total` is the tab's count); `state=history` the ones I decided or that the shop is " +
          "revising (approved, partly approved, declined, disputed, revising). Without it, all of them.",
        querystring: z.object({
          ...pageQuery,
          state: z
            .enum(["pending", "history"])
            .optional()
            .describe("pending: waiting for my decision; history: everything else I was sent"),
        }),
        response: { 200: listOf(summarySchema) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const { state, ...page } = request.query;
      const result = await searchEstimates(db, actor, {
        ...page,
        status: state ? portalStates[state] : undefined,
        customerId: actor.customerId,
        submittedOnly: true,
        pendingFirst: true,
      });
      // Customers only ever see submitted versions, never the working copy.
      const gross = await grossOf(db, result.items, () => 0);
      return {
        items: result.items.map((e) => summary(e, gross.get(e.id) ?? null)),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.get(
    "/portal/estimates/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One of my estimates with every version",
        params: idParams,
        response: { 200: estimateSchema },
      },
    },
    async (request) => load(portalOf(request), request.params.id),
  );

  app.get(
    "/portal/estimates/:id/pdf",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One of my estimates as a PDF (default: the current version)",
        params: idParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const actor = portalOf(request);
      const e = await findEstimate(db, actor, request.params.id, actor.customerId);
      if (!e || e.currentVersion === 0) throw notFound("Estimate");
      return sendPdf(
        reply,
        await estimatePdf(db, e, customerVersion(request.query.version, e.currentVersion)),
      );
    },
  );

  // Each decision is offered twice: in the portal (session) and through a link mailed to a customer
  // without an account (the token is the credential; a decision spends it).
  const tokenParams = z.object({ token: z.string().min(20).max(100) });
  const decide = <B extends z.ZodType>(
    event: string,
    summaryText: string,
    body: B,
    toMove: (b: z.output<B>) => EstimateMove,
  ) => {
    app.post(
      `/portal/estimates/:id/${event}`,
      {
        config: { access: "portal" },
        schema: {
          tags: ["portal"],
          summary: summaryText,
          params: idParams,
          body,
          response: { 200: estimateSchema },
        },
      },
      async (request) => {
        const actor = portalOf(request);
        await moveEstimate(db, ctx, actor, request.params.id, toMove(request.body as z.output<B>), {
          ip: request.ip,
          userAgent: request.headers["user-agent"],
        });
        return load(actor, request.params.id);
      },
    );
    app.post(
      `/links/estimate/:token/${event}`,
      {
        config: { access: "link" },
        schema: {
          tags: ["links"],
          summary: `${summaryText} (mailed link)`,
          params: tokenParams,
          body,
          response: { 200: estimateSchema },
        },
      },
      async (request) => {
        const link = requireUnused(await resolveCustomerLink(db, request.params.token, "estimate-response"));
        await moveEstimate(db, ctx, link.actor, link.subjectId, toMove(request.body as z.output<B>), {
          ip: request.ip,
          userAgent: request.headers["user-agent"],
          beforeSave: (tx) => spendCustomerLink(tx, link.tokenHash),
        });
        return load(link.actor, link.subjectId);
      },
    );
  };

  app.get(
    "/links/estimate/:token",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "The estimate a mailed link shows",
        params: tokenParams,
        response: {
          200: z.object({ estimate: estimateSchema, shopName: z.string(), linkUsed: z.boolean() }),
        },
      },
    },
    async (request) => {
      const link = await resolveCustomerLink(db, request.params.token, "estimate-response");
      const location = await loadLocation(db, link.actor.locationId);
      return {
        estimate: await load(link.actor, link.subjectId),
        shopName: location.name,
        linkUsed: link.used,
      };
    },
  );

  app.get(
    "/links/estimate/:token/pdf",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "The linked estimate as a PDF (default: the current version)",
        params: tokenParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const link = await resolveCustomerLink(db, request.params.token, "estimate-response");
      const e = await findEstimate(db, link.actor, link.subjectId, link.actor.customerId);
      if (!e || e.currentVersion === 0) throw notFound("Estimate");
      return sendPdf(
        reply,
        await estimatePdf(db, e, customerVersion(request.query.version, e.currentVersion)),
      );
    },
  );

  const versionNo = version;
  decide(
    "approve",
    "Approve the chosen labour lines of the current version; the others are declined",
    z.object({ versionNo, labourLineIds: z.array(z.string().max(64)).max(200) }),
    (b) => ({ event: "approve", ...b }),
  );
  decide(
    "decline",
    "Decline the whole estimate",
    z.object({ versionNo, reason: z.string().trim().max(2000).nullish() }),
    (b) => ({ event: "decline", ...b }),
  );
  decide(
    "dispute",
    "Dispute lines, each with a note (a disputed part disputes its labour line)",
    z.object({
      versionNo,
      lines: z.array(z.object({ lineId: z.string().max(64), note: z.string().max(2000) })).max(200),
    }),
    (b) => ({ event: "dispute", ...b }),
  );
};
