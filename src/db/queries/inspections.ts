// Reads of a work order's inspection: its items and the photos taken of them.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { inspectionItems, inspectionPhotos, inspections } from "../schema";

/** The inspection of a work order with its items and photos, or null before it is started. */
export async function loadInspection(db: DbOrTx, scope: Scope, workOrderId: string) {
  const [inspection] = await db
    .select()
    .from(inspections)
    .where(
      and(
        eq(inspections.workOrderId, workOrderId),
        eq(inspections.organisationId, scope.organisationId),
        eq(inspections.locationId, scope.locationId),
      ),
    );
  if (!inspection) return null;
  const items = await db
    .select()
    .from(inspectionItems)
    .where(eq(inspectionItems.inspectionId, inspection.id))
    .orderBy(asc(inspectionItems.position));
  const photos = items.length
    ? await db
        .select()
        .from(inspectionPhotos)
        .where(inspectionArray(items.map((i) => i.id)))
        .orderBy(asc(inspectionPhotos.createdAt))
    : [];
  return { inspection, items, photos };
}

const inspectionArray = (ids: string[]) => inArray(inspectionPhotos.itemId, ids);
