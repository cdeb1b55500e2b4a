// Qualification and order extensions over HTTP: the shop's recommendations (parts, prices,
// selection), Send order extension, a decision recorded by phone; the customer's side in the portal
// and through the mailed link (a phone page), with the photos of each finding.

import { and, eq } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { NotifyContext } from "../../app/bookings/notify-booking";
import { addRecommendationPart } from "../../app/extensions/add-recommendation-part";
import { decideExtension } from "../../app/extensions/decide-extension";
import { removeRecommendationPart } from "../../app/extensions/remove-recommendation-part";
import { sendExtension } from "../../app/extensions/send-order-extension";
import { updateRecommendation } from "../../app/extensions/update-recommendation";
import type { PhotoStore } from "../../app/inspections/photo-store";
import { version } from "../../app/support/fields";
import { requireUnused, resolveCustomerLink } from "../../app/support/links/customer-links";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import {
  decisionOf,
  type ExtensionFilter,
  findExtension,
  listExtensions,
  loadRecommendations,
} from "../../db/queries/extensions";
import { findWorkOrder } from "../../db/queries/work-orders";
import { inspectionPhotos } from "../../db/schema";
import type { CustomerActor, Scope } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { partAvailabilities, recommendationStatuses } from "../../domain/extension";
import { offerSchema } from "../../domain/extension-offer";
import { totalsSchema } from "../../domain/totals-schema";
import { portalOf, staffOf } from "../auth";
import { idParams } from "../presenters";

const partSchema = z.object({
  id: z.string(),
  description: z.string(),
  partNumber: z.string().nullable(),
  quantityMilli: z.number().int(),
  unitPrice: z.number().int(),
  taxRateBp: z.number().int(),
  availability: z.enum(partAvailabilities),
});

const recommendationSchema = z.object({
  id: z.string(),
  description: z.string().describe("The finding, titled with its checklist item"),
  repairDescription: z
    .string()
    .nullable()
    .describe("What the shop will do about it, shown to the customer under the title"),
  urgency: z.enum(["attention", "urgent"]),
  note: z.string().nullable(),
  pricing: z.enum(["hourly", "flat"]),
  hoursMilli: z.number().int(),
  unitPrice: z.number().int().nullable(),
  taxRateBp: z.number().int(),
  selected: z.boolean(),
  status: z.enum(recommendationStatuses),
  parts: z.array(partSchema),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  net: z.number().int(),
  gross: z.number().int(),
  version: z.number().int(),
});

const extensionSchema = z
  .object({
    id: z.string(),
    workOrderId: z.string(),
    status: z.enum(["sent", "decided"]),
    workOrderNumber: z.string(),
    unitLabel: z.string(),
    plate: z.string().nullable(),
    currency: z.string(),
    note: z.string().nullable(),
    sentBy: z.string(),
    sentAt: z.string(),
    items: z.array(
      recommendationSchema
        .omit({ selected: true, status: true, version: true, parts: true })
        .extend({ parts: z.array(partSchema.omit({ id: true })) }),
    ),
    totals: totalsSchema,
    decision: z
      .object({
        by: z.string(),
        at: z.string(),
        approvedIds: z.array(z.string()),
        declinedIds: z.array(z.string()),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: "OrderExtension" });

type Extension = NonNullable<Awaited<ReturnType<typeof findExtension>>>;

type Decision = Awaited<ReturnType<typeof decisionOf>>;

async function presentExtension(
  db: Db,
  e: Extension,
  side: "shop" | "customer",
  photoUrl: (id: string) => string,
) {
  return describeExtension(e, await decisionOf(db, e.id), side, photoUrl);
}

/** Extensions of a list, read with their decisions in one query. */
async function presentExtensions(
  db: Db,
  scope: Scope,
  filter: ExtensionFilter,
  side: "shop" | "customer",
  photoUrl: (extensionId: string) => (id: string) => string,
) {
  const rows = await listExtensions(db, scope, filter);
  return rows.map(({ extension, decision }) =>
    describeExtension(
      { ...extension, offer: offerSchema.parse(extension.offer) },
      decision,
      side,
      photoUrl(extension.id),
    ),
  );
}

function describeExtension(
  e: Extension,
  decision: Decision,
  side: "shop" | "customer",
  photoUrl: (id: string) => string,
): z.infer<typeof extensionSchema> {
  return {
    id: e.id,
    workOrderId: e.workOrderId,
    status: e.status,
    workOrderNumber: e.offer.workOrderNumber,
    unitLabel: e.offer.unitLabel,
    plate: e.offer.plate,
    currency: e.offer.currency,
    note: e.note,
    sentBy: e.sentByName,
    sentAt: e.createdAt.toISOString(),
    items: e.offer.items.map(({ photoIds, ...i }) => ({
      ...i,
      photos: photoIds.map((id) => ({ id, url: photoUrl(id) })),
    })),
    totals: e.offer.totals,
    decision: decision
      ? {
          by: decision.actorName,
          at: decision.createdAt.toISOString(),
          approvedIds: decision.approvedIds,
          declinedIds: decision.declinedIds,
          // Where the decision came from is for the shop's record.
          ip: side === "shop" ? decision.ip : null,
          userAgent: side === "shop" ? decision.userAgent : null,
        }
      : null,
  };
}

const decisionsBody = z.object({
  decisions: z
    .array(z.object({ recommendationId: z.string().max(64), approve: z.boolean() }))
    .min(1, "Approve or decline every item.")
    .max(100),
});

/** A photo of the extension, only if it is on the offer (so a link cannot reach other photos). */
async function sendOfferPhoto(
  db: Db,
  photos: PhotoStore,
  reply: FastifyReply,
  e: Extension,
  photoId: string,
) {
  if (!e.offer.items.some((i) => i.photoIds.includes(photoId))) throw notFound("Photo");
  const [photo] = await db
    .select()
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.id, photoId), eq(inspectionPhotos.organisationId, e.organisationId)));
  if (!photo) throw notFound("Photo");
  return reply
    .type("image/jpeg")
    .header("cache-control", "private, max-age=86400, immutable")
    .send(await photos.read(photo.storageKey));
}

export const extensionRoutes: FastifyPluginAsyncZod<{
  db: Db;
  ctx: NotifyContext;
  photos: PhotoStore;
}> = async (app, { db, ctx, photos }) => {
  const staffPhoto = (id: string) => `/api/v1/inspection-photos/${id}`;

  const qualification = async (scope: Scope, workOrderId: string) => {
    if (!(await findWorkOrder(db, scope, workOrderId))) throw notFound("Work order");
    const [recs, extensions] = await Promise.all([
      loadRecommendations(db, workOrderId),
      presentExtensions(db, scope, { workOrderId, limit: 100 }, "shop", () => staffPhoto),
    ]);
    const location = await loadLocation(db, scope.locationId);
    return {
      /** The location's hourly labour rate: an unpriced recommendation's starting Price per hour. */
      labourRate: location.labourRate,
      recommendations: recs.map((r) => ({
        id: r.id,
        description: r.description,
        repairDescription: r.repairDescription,
        urgency: r.urgency,
        note: r.note,
        pricing: r.pricing,
        hoursMilli: r.hoursMilli,
        unitPrice: r.unitPrice,
        taxRateBp: r.taxRateBp,
        selected: r.selected,
        status: r.status,
        parts: r.parts.map((p) => ({
          id: p.id,
          description: p.description,
          partNumber: p.partNumber,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
          availability: p.availability,
        })),
        photos: r.photoIds.map((id) => ({ id, url: staffPhoto(id) })),
        net: r.amount.net,
        gross: r.amount.gross,
        version: r.version,
      })),
      extensions,
    };
  };
  const qualificationSchema = z
    .object({
      labourRate: z.number().int().describe("The location's hourly labour rate (minor units)"),
      recommendations: z.array(recommendationSchema),
      extensions: z.array(extensionSchema),
    })
    .meta({ id: "Qualification" });

  app.get(
    "/work-orders/:id/recommendations",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["order extensions"],
        summary: "Recommendations from the inspection (with parts and prices) and the extensions sent",
        params: idParams,
        response: { 200: qualificationSchema },
      },
    },
    async (request) => qualification(staffOf(request), request.params.id),
  );

  app.patch(
    "/recommendations/:id",
    {
      config: { access: "staff", permission: "work-orders:write" },
      schema: {
        tags: ["order extensions"],
        summary:
          "Qualify: describe the repair, price the labour (hours × rate or flat), choose whether it goes to the customer",
        params: idParams,
        body: z.object({
          description: z.string().trim().min(1, "Describe the work.").max(500).optional(),
          repairDescription: z
            .string()
            .trim()
            .max(2000, "Keep the repair description under 2,000 characters.")
            .nullable()
            .optional()
            .transform((v) => (v === "" ? null : v))
            .describe("What will be done (for the customer); empty or null to clear"),
          pricing: z.enum(["hourly", "flat"]).optional(),
          hoursMilli: z.number().int().min(1, "The hours must be above zero.").max(1_000_000).optional(),
          unitPrice: z
            .number()
            .int("Prices are whole minor units (cents).")
            .min(0)
            .max(100_000_000)
            .nullable()
            .optional(),
          taxRateBp: z.number().int().min(0).max(10_000).optional(),
          selected: z.boolean().optional(),
          version,
        }),
        response: { 200: qualificationSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return qualification(actor, await updateRecommendation(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    "/recommendations/:id/parts",
    {
      config: { access: "staff", permission: "job-parts:write" },
      schema: {
        tags: ["order extensions"],
        summary: "Parts department: add a part with its price and availability",
        params: idParams,
        body: z.object({
          description: z.string().trim().min(1, "Describe the part.").max(500),
          partNumber: z.string().trim().max(60).nullish(),
          quantityMilli: z.number().int().min(1, "The quantity must be above zero.").max(100_000_000),
          unitPrice: z.number().int("Prices are whole minor units (cents).").min(0).max(100_000_000),
          taxRateBp: z.number().int().min(0).max(10_000),
          availability: z.enum(partAvailabilities, "Choose in stock, next day or on order."),
        }),
        response: { 201: qualificationSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const id = await addRecommendationPart(db, actor, request.params.id, request.body);
      return reply.code(201).send(await qualification(actor, id));
    },
  );

  app.delete(
    "/recommendation-parts/:id",
    {
      config: { access: "staff", permission: "job-parts:write" },
      schema: {
        tags: ["order extensions"],
        summary: "Remove a part from a recommendation",
        params: idParams,
        response: { 200: qualificationSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return qualification(actor, await removeRecommendationPart(db, actor, request.params.id));
    },
  );

  app.post(
    "/work-orders/:id/extension",
    {
      config: { access: "staff", permission: "work-orders:write" },
      schema: {
        operationId: "sendWorkOrderExtension",
        tags: ["order extensions"],
        summary:
          "Send order extension: the selected, priced recommendations go to the customer (mail with a phone link)",
        params: idParams,
        body: z.object({ note: z.string().trim().max(2000).nullish() }).optional(),
        response: { 201: qualificationSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      await sendExtension(db, ctx, actor, request.params.id, request.body ?? {});
      return reply.code(201).send(await qualification(actor, request.params.id));
    },
  );

  app.post(
    "/extensions/:id/record-decision",
    {
      config: { access: "staff", permission: "work-orders:write" },
      schema: {
        operationId: "recordExtensionDecision",
        tags: ["order extensions"],
        summary: "Record the customer's decision given by phone; the customer is mailed a confirmation",
        params: idParams,
        body: decisionsBody.extend({
          decidedBy: z.string().trim().min(1, "Who decided on the phone?").max(200),
        }),
        response: { 200: qualificationSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      const { workOrderId } = await decideExtension(db, ctx, actor, request.params.id, {
        decisions: request.body.decisions,
        decidedBy: request.body.decidedBy,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
      });
      return qualification(actor, workOrderId);
    },
  );

  // The customer's side: portal.
  const portalPhoto = (extensionId: string) => (id: string) =>
    `/api/v1/portal/extensions/${extensionId}/photos/${id}`;
  const loadForCustomer = async (actor: CustomerActor, id: string) => {
    const e = await findExtension(db, actor, id, actor.customerId);
    if (!e) throw notFound("Order extension");
    return e;
  };

  app.get(
    "/portal/extensions",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "My latest 50 order extensions, those waiting for my decision first",
        querystring: z.object({ status: z.enum(["sent", "decided"]).optional() }),
        response: { 200: z.object({ items: z.array(extensionSchema) }) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const filter = { customerId: actor.customerId, status: request.query.status, limit: 50 };
      return { items: await presentExtensions(db, actor, filter, "customer", portalPhoto) };
    },
  );

  app.get(
    "/portal/extensions/:id",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "One order extension with its recommendations, photos and prices",
        params: idParams,
        response: { 200: extensionSchema },
      },
    },
    async (request) => {
      const e = await loadForCustomer(portalOf(request), request.params.id);
      return presentExtension(db, e, "customer", portalPhoto(e.id));
    },
  );

  app.get(
    "/portal/extensions/:id/photos/:photoId",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "A photo of a recommendation on my extension (JPEG)",
        params: z.object({ id: z.string().max(64), photoId: z.string().max(64) }),
      },
    },
    async (request, reply) => {
      const e = await loadForCustomer(portalOf(request), request.params.id);
      return sendOfferPhoto(db, photos, reply, e, request.params.photoId);
    },
  );

  app.post(
    "/portal/extensions/:id/decide",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Approve or decline each recommendation of the extension (consent recorded)",
        params: idParams,
        body: decisionsBody,
        response: { 200: extensionSchema },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      await loadForCustomer(actor, request.params.id);
      await decideExtension(db, ctx, actor, request.params.id, {
        decisions: request.body.decisions,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
      });
      const e = await loadForCustomer(actor, request.params.id);
      return presentExtension(db, e, "customer", portalPhoto(e.id));
    },
  );

  // The customer's side: the mailed link (a phone page, no account).
  const tokenParams = z.object({ token: z.string().min(20).max(100) });
  const linkPhoto = (token: string) => (id: string) => `/api/v1/links/extension/${token}/photos/${id}`;
  const linkResponse = z.object({ extension: extensionSchema, shopName: z.string(), linkUsed: z.boolean() });

  app.get(
    "/links/extension/:token",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "The order extension a mailed link shows",
        params: tokenParams,
        response: { 200: linkResponse },
      },
    },
    async (request) => {
      const link = await resolveCustomerLink(db, request.params.token, "extension-response");
      const e = await loadForCustomer(link.actor, link.subjectId);
      const location = await loadLocation(db, link.actor.locationId);
      return {
        extension: await presentExtension(db, e, "customer", linkPhoto(request.params.token)),
        shopName: location.name,
        linkUsed: link.used,
      };
    },
  );

  app.get(
    "/links/extension/:token/photos/:photoId",
    {
      config: { access: "public" },
      schema: {
        tags: ["links"],
        summary: "A photo of the linked extension (JPEG)",
        params: tokenParams.extend({ photoId: z.string().max(64) }),
      },
    },
    async (request, reply) => {
      const link = await resolveCustomerLink(db, request.params.token, "extension-response");
      const e = await loadForCustomer(link.actor, link.subjectId);
      return sendOfferPhoto(db, photos, reply, e, request.params.photoId);
    },
  );

  app.post(
    "/links/extension/:token/decide",
    {
      config: { access: "link" },
      schema: {
        tags: ["links"],
        summary: "Approve or decline each recommendation through the mailed link (once)",
        params: tokenParams,
        body: decisionsBody,
        response: { 200: linkResponse },
      },
    },
    async (request) => {
      const link = requireUnused(await resolveCustomerLink(db, request.params.token, "extension-response"));
      await decideExtension(db, ctx, link.actor, link.subjectId, {
        decisions: request.body.decisions,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        linkTokenHash: link.tokenHash,
      });
      const e = await loadForCustomer(link.actor, link.subjectId);
      const location = await loadLocation(db, link.actor.locationId);
      return {
        extension: await presentExtension(db, e, "customer", linkPhoto(request.params.token)),
        shopName: location.name,
        linkUsed: true,
      };
    },
  );
};
