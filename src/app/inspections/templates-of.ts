import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { inspectionTemplates } from "../../db/schema";
import type { Scope } from "../../domain/actor";
import { newId } from "../../domain/ids";
import { defaultTemplate } from "../../domain/inspection";

/** The location's templates; a location that has none gets the default one on first use. */
export async function templatesOf(db: DbOrTx, scope: Scope) {
  const list = () =>
    db
      .select()
      .from(inspectionTemplates)
      .where(
        and(
          eq(inspectionTemplates.organisationId, scope.organisationId),
          eq(inspectionTemplates.locationId, scope.locationId),
        ),
      )
      .orderBy(sql`${inspectionTemplates.isDefault} desc`, asc(inspectionTemplates.name));
  const existing = await list();
  if (existing.length > 0) return existing;
  await db
    .insert(inspectionTemplates)
    .values({
      ...defaultTemplate,
      // Only the scope's tenancy: an actor passed as the scope carries its own `id`.
      organisationId: scope.organisationId,
      locationId: scope.locationId,
      id: newId("inspectionTemplate"),
      isDefault: true,
    })
    .onConflictDoNothing();
  return list();
}
