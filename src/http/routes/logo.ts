// The shop's logo: uploaded in Settings (admins), shown on the customer's payment page.
import multipart from "@fastify/multipart";
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type PhotoStore, tooLarge } from "../../app/inspections/photo-store";
import { recordAudit } from "../../app/support/audit";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { locations } from "../../db/schema";
import { DomainError, notFound } from "../../domain/errors";
import { maxPhotoBytes } from "../../domain/inspection";
import { staffOf } from "../auth";

export const logoRoutes: FastifyPluginAsyncZod<{ db: Db; photos: PhotoStore }> = async (
  app,
  { db, photos },
) => {
  await app.register(multipart, { limits: { fileSize: maxPhotoBytes, files: 1, fields: 0, parts: 2 } });

  app.put(
    "/settings/logo",
    {
      config: { access: "staff", permission: "settings:write" },
      schema: {
        tags: ["settings"],
        summary:
          'Upload the shop\'s logo (multipart/form-data, field "logo"; PNG, JPEG, WebP or SVG; fitted into 480 × 160)',
        response: { 200: z.object({ width: z.number().int(), height: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      if (!request.isMultipart()) {
        throw new DomainError("unsupported-media-type", "Send the logo as multipart/form-data.", [
          { field: "logo", message: "Choose an image." },
        ]);
      }
      const file = await request.file();
      if (!file)
        throw new DomainError("validation", "Choose an image.", [
          { field: "logo", message: "Choose an image." },
        ]);
      let upload: Buffer;
      try {
        upload = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
        throw error;
      }
      const stored = await photos.storeLogo(actor.organisationId, upload);
      await db.transaction(async (tx) => {
        await tx
          .update(locations)
          .set({ logoKey: stored.storageKey, updatedAt: new Date() })
          .where(eq(locations.id, actor.locationId));
        await recordAudit(tx, actor, {
          entityType: "location",
          entityId: actor.locationId,
          action: "upload-logo",
        });
      });
      return { width: stored.width, height: stored.height };
    },
  );

  app.get(
    "/settings/logo",
    {
      config: { access: "staff", problems: [404] },
      schema: { tags: ["settings"], summary: "The shop's logo (PNG), 404 when there is none" },
    },
    async (request, reply) => {
      const location = await loadLocation(db, staffOf(request).locationId);
      if (!location.logoKey) throw notFound("Logo");
      return reply
        .type("image/png")
        .header("cache-control", "private, no-cache")
        .send(await photos.read(location.logoKey));
    },
  );
};
