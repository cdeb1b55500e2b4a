// Inspections over HTTP: templates (Settings), the checklist on a work order, photo upload from the
// tablet camera, photo review by the advisor, Inspection complete; and the notification bell.
import multipart from "@fastify/multipart";
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addPhoto } from "../../app/inspections/add-inspection-photo";
import { completeInspection } from "../../app/inspections/complete-inspection";
import { type PhotoStore, tooLarge } from "../../app/inspections/photo-store";
import { rateItem } from "../../app/inspections/rate-inspection-item";
import { rejectPhoto } from "../../app/inspections/reject-inspection-photo";
import { saveTemplate } from "../../app/inspections/save-template";
import { startInspection } from "../../app/inspections/start-inspection";
import { templatesOf } from "../../app/inspections/templates-of";
import { version } from "../../app/support/fields";
import { itemInScope, photoInScope } from "../../app/support/inspections/in-scope";
import type { NotifyDeps } from "../../app/support/notifications/notify-staff";
import type { Db } from "../../db/client";
import { loadInspection } from "../../db/queries/inspections";
import { latestNotifications, unreadCap } from "../../db/queries/notifications";
import { findWorkOrder } from "../../db/queries/work-orders";
import { notifications, staffUsers } from "../../db/schema";
import { DomainError, notFound } from "../../domain/errors";
import { byArea, maxPhotoBytes, ratings } from "../../domain/inspection";
import { staffOf } from "../auth";
import { idParams } from "../presenters";

const templateItem = z.object({
  area: z.string().trim().min(1, "Name the area.").max(100),
  label: z.string().trim().min(1, "Name the item.").max(200),
});
const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    items: z.array(templateItem),
    isDefault: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: "InspectionTemplate" });

const photoSchema = z.object({
  id: z.string(),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  rejected: z.boolean(),
  rejectionNote: z.string().nullable(),
  createdAt: z.string(),
});
const itemSchema = z.object({
  id: z.string(),
  area: z.string(),
  label: z.string(),
  rating: z.enum(ratings).nullable(),
  note: z.string().nullable(),
  partsNeeded: z.boolean(),
  version: z.number().int(),
  photos: z.array(photoSchema),
});
const inspectionSchema = z
  .object({
    inspection: z
      .object({
        id: z.string(),
        templateName: z.string(),
        status: z.enum(["in_progress", "complete"]),
        completedAt: z.string().nullable(),
        areas: z.array(z.object({ area: z.string(), items: z.array(itemSchema) })),
        counts: z.object({
          ok: z.number().int(),
          attention: z.number().int(),
          urgent: z.number().int(),
          open: z.number().int(),
        }),
      })
      .nullable(),
  })
  .meta({ id: "Inspection" });

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .nullable()
    .describe("The facts the notice names, for saying it in the reader's language"),
  title: z.string().describe("The notice in English"),
  body: z.string().nullable(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});

export const inspectionRoutes: FastifyPluginAsyncZod<{
  db: Db;
  deps: NotifyDeps;
  photos: PhotoStore;
}> = async (app, { db, deps, photos }) => {
  await app.register(multipart, {
    // One photo per request; a larger file is cut off at the limit and refused, never stored.
    limits: { fileSize: maxPhotoBytes, files: 1, fields: 0, parts: 2 },
  });

  const present = async (actor: ReturnType<typeof staffOf>, workOrderId: string) => {
    if (!(await findWorkOrder(db, actor, workOrderId))) throw notFound("Work order");
    const loaded = await loadInspection(db, actor, workOrderId);
    if (!loaded) return { inspection: null };
    const items = loaded.items.map((i) => ({
      id: i.id,
      area: i.area,
      label: i.label,
      rating: i.rating,
      note: i.note,
      partsNeeded: i.partsNeeded,
      version: i.version,
      photos: loaded.photos
        .filter((p) => p.itemId === i.id)
        .map((p) => ({
          id: p.id,
          url: `/api/v1/inspection-photos/${p.id}`,
          width: p.width,
          height: p.height,
          rejected: p.rejectedAt !== null,
          rejectionNote: p.rejectionNote,
          createdAt: p.createdAt.toISOString(),
        })),
    }));
    const countOf = (r: string | null) => items.filter((i) => i.rating === r).length;
    return {
      inspection: {
        id: loaded.inspection.id,
        templateName: loaded.inspection.templateName,
        status: loaded.inspection.status,
        completedAt: loaded.inspection.completedAt?.toISOString() ?? null,
        areas: byArea(items),
        counts: {
          ok: countOf("ok"),
          attention: countOf("attention"),
          urgent: countOf("urgent"),
          open: countOf(null),
        },
      },
    };
  };

  app.get(
    "/inspection-templates",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["inspections"],
        summary:
          "The location's inspection templates (the default first; a sensible default exists from the start)",
        response: { 200: z.object({ items: z.array(templateSchema) }) },
      },
    },
    async (request) => {
      const rows = await templatesOf(db, staffOf(request));
      return {
        items: rows.map((t) => ({
          id: t.id,
          name: t.name,
          items: t.items,
          isDefault: t.isDefault,
          version: t.version,
        })),
      };
    },
  );

  const templateBody = z.object({
    name: z.string().trim().min(1, "Name the template.").max(100),
    items: z.array(templateItem).max(200, "At most 200 items."),
    isDefault: z.boolean().default(false),
  });
  app.post(
    "/inspection-templates",
    {
      config: { access: "staff", permission: "settings:write" },
      schema: {
        tags: ["inspections"],
        summary: "Add a template",
        body: templateBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await saveTemplate(db, staffOf(request), request.body) }),
  );
  app.put(
    "/inspection-templates/:id",
    {
      config: { access: "staff", permission: "settings:write" },
      schema: {
        tags: ["inspections"],
        summary: "Change a template (send the version you loaded); running inspections keep their items",
        params: idParams,
        body: templateBody.extend({ version }),
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request) => ({
      id: await saveTemplate(db, staffOf(request), { ...request.body, id: request.params.id }),
    }),
  );

  app.get(
    "/work-orders/:id/inspection",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: {
        tags: ["inspections"],
        summary: "The work order's inspection, items grouped by area (null before it is started)",
        params: idParams,
        response: { 200: inspectionSchema },
      },
    },
    async (request) => present(staffOf(request), request.params.id),
  );

  app.post(
    "/work-orders/:id/inspection",
    {
      config: { access: "staff", permission: "inspections:write" },
      schema: {
        operationId: "startWorkOrderInspection",
        tags: ["inspections"],
        summary: "Start the inspection from a template (the default when none is named)",
        params: idParams,
        body: z.object({ templateId: z.string().max(64).optional() }).optional(),
        response: { 200: inspectionSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await startInspection(db, actor, request.params.id, request.body?.templateId);
      return present(actor, request.params.id);
    },
  );

  app.post(
    "/work-orders/:id/inspection/complete",
    {
      config: { access: "staff", permission: "inspections:write" },
      schema: {
        tags: ["inspections"],
        summary:
          "Inspection complete: every item rated; notifies the service advisors (and parts when flagged)",
        params: idParams,
        response: { 200: inspectionSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await completeInspection(db, deps, actor, request.params.id);
      return present(actor, request.params.id);
    },
  );

  app.patch(
    "/inspection-items/:id",
    {
      config: { access: "staff", permission: "inspections:write" },
      schema: {
        tags: ["inspections"],
        summary:
          "Rate an item ok / attention / urgent, with a note; flag parts needed (send the item's version)",
        params: idParams,
        body: z.object({
          rating: z.enum(ratings, "Rate ok, attention or urgent.").nullable().optional(),
          note: z.string().trim().max(2000).nullable().optional(),
          partsNeeded: z.boolean().optional(),
          version,
        }),
        response: { 200: inspectionSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return present(actor, await rateItem(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    "/inspection-items/:id/photos",
    {
      config: { access: "staff", permission: "inspections:write" },
      schema: {
        tags: ["inspections"],
        summary: `Add a photo (multipart/form-data, field "photo"; JPEG, PNG, WebP or HEIC up to ${maxPhotoBytes / 1024 / 1024} MB; resized, location data removed)`,
        params: idParams,
        response: { 201: inspectionSchema },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      // Whose item it is comes first: nobody learns anything about another shop's items from the upload rules.
      await itemInScope(db, actor, request.params.id);
      if (!request.isMultipart()) {
        throw new DomainError("unsupported-media-type", "Send the photo as multipart/form-data.", [
          { field: "photo", message: "Choose a photo." },
        ]);
      }
      const file = await request.file();
      if (!file)
        throw new DomainError("validation", "Choose a photo.", [
          { field: "photo", message: "Choose a photo." },
        ]);
      let upload: Buffer;
      try {
        upload = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
        throw error;
      }
      const { workOrderId } = await addPhoto(db, photos, actor, request.params.id, upload);
      return reply.code(201).send(await present(actor, workOrderId));
    },
  );

  app.get(
    "/inspection-photos/:id",
    {
      config: { access: "staff", permission: "work-orders:read" },
      schema: { tags: ["inspections"], summary: "A stored inspection photo (JPEG)", params: idParams },
    },
    async (request, reply) => {
      const { photo } = await photoInScope(db, staffOf(request), request.params.id);
      return reply
        .type("image/jpeg")
        .header("cache-control", "private, max-age=86400, immutable")
        .send(await photos.read(photo.storageKey));
    },
  );

  app.post(
    "/inspection-photos/:id/reject",
    {
      config: { access: "staff", permission: "work-orders:write" },
      schema: {
        tags: ["inspections"],
        summary: "Send a photo back to the technician with a note (it is not shown to the customer)",
        params: idParams,
        body: z.object({ note: z.string().trim().min(1, "Say what is wrong with the photo.").max(500) }),
        response: { 200: inspectionSchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      return present(actor, await rejectPhoto(db, deps, actor, request.params.id, request.body.note));
    },
  );

  // The bell.
  app.get(
    "/notifications",
    {
      config: { access: "staff" },
      schema: {
        tags: ["notifications"],
        summary: `My latest notifications and how many are unread (counted up to ${unreadCap})`,
        response: {
          200: z.object({
            items: z.array(notificationSchema),
            unread: z.number().int(),
            notifyByEmail: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const bell = await latestNotifications(db, staffOf(request).id);
      return {
        ...bell,
        items: bell.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          params: n.params ?? null,
          title: n.title,
          body: n.body,
          link: n.link,
          read: n.readAt !== null,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/notifications/:id/read",
    {
      config: { access: "staff" },
      schema: {
        tags: ["notifications"],
        summary: "Mark one notification read",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      const done = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.id, request.params.id), eq(notifications.recipientId, actor.id)))
        .returning({ id: notifications.id });
      if (done.length === 0) throw notFound("Notification");
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/notifications/read-all",
    {
      config: { access: "staff" },
      schema: {
        tags: ["notifications"],
        summary: "Mark all my notifications read",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = staffOf(request);
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.recipientId, actor.id), isNull(notifications.readAt)));
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/notifications/preferences",
    {
      config: { access: "staff" },
      schema: {
        tags: ["notifications"],
        summary: "Also mail me my notifications (on or off)",
        body: z.object({ notifyByEmail: z.boolean() }),
        response: { 200: z.object({ notifyByEmail: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await db
        .update(staffUsers)
        .set({ notifyByEmail: request.body.notifyByEmail })
        .where(eq(staffUsers.id, actor.id));
      return { notifyByEmail: request.body.notifyByEmail };
    },
  );
};
