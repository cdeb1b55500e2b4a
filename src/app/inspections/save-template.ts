import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inspectionTemplates } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { notFound, staleVersion } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { checkTemplate, type TemplateItem } from "../../domain/inspection";
import { recordAudit } from "../support/audit";
import { templatesOf } from "./templates-of";

export async function saveTemplate(
  db: Db,
  actor: StaffActor,
  input: {
    id?: string | undefined;
    name: string;
    items: TemplateItem[];
    isDefault: boolean;
    version?: number | undefined;
  },
) {
  checkTemplate(input.items);
  return db.transaction(async (tx) => {
    const scope = { organisationId: actor.organisationId, locationId: actor.locationId };
    await templatesOf(tx, scope);
    if (input.isDefault) {
      await tx
        .update(inspectionTemplates)
        .set({ isDefault: false })
        .where(
          and(eq(inspectionTemplates.locationId, actor.locationId), eq(inspectionTemplates.isDefault, true)),
        );
    }
    let id = input.id;
    if (id) {
      const [row] = await tx
        .update(inspectionTemplates)
        .set({
          name: input.name,
          items: input.items,
          isDefault: input.isDefault,
          version: sql`${inspectionTemplates.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(inspectionTemplates.id, id),
            eq(inspectionTemplates.organisationId, actor.organisationId),
            eq(inspectionTemplates.locationId, actor.locationId),
            input.version === undefined ? undefined : eq(inspectionTemplates.version, input.version),
          ),
        )
        .returning({ id: inspectionTemplates.id });
      if (!row) {
        const [exists] = await tx
          .select({ id: inspectionTemplates.id })
          .from(inspectionTemplates)
          .where(and(eq(inspectionTemplates.id, id), eq(inspectionTemplates.locationId, actor.locationId)));
        throw exists ? staleVersion("template") : notFound("Template");
      }
    } else {
      id = newId("inspectionTemplate");
      await tx
        .insert(inspectionTemplates)
        .values({ id, ...scope, name: input.name, items: input.items, isDefault: input.isDefault });
    }
    // There is always a default: if the change took it away, the first template becomes it.
    const [hasDefault] = await tx
      .select({ id: inspectionTemplates.id })
      .from(inspectionTemplates)
      .where(
        and(eq(inspectionTemplates.locationId, actor.locationId), eq(inspectionTemplates.isDefault, true)),
      );
    if (!hasDefault)
      await tx.update(inspectionTemplates).set({ isDefault: true }).where(eq(inspectionTemplates.id, id));
    await recordAudit(tx, actor, {
      entityType: "inspection-template",
      entityId: id,
      action: input.id ? "update" : "create",
    });
    return id;
  });
}
