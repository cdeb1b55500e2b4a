// Order extensions as lists show them, each with its decision (one query, not one per extension):
// a work order's (the qualification panel) or a customer's, waiting ones first
// (order_extensions_customer_idx scanned backwards).
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import { recommendationAmount } from "../../domain/extension";
import { offerSchema } from "../../domain/extension-offer";
import type { DbOrTx } from "../client";
import {
  extensionDecisions,
  extensionWaiting,
  inspectionPhotos,
  orderExtensions,
  recommendationParts,
  recommendations,
} from "../schema";

export interface ExtensionFilter {
  workOrderId?: string | undefined;
  customerId?: string | undefined;
  status?: "sent" | "decided" | undefined;
  limit: number;
}

export async function listExtensions(db: DbOrTx, scope: Scope, filter: ExtensionFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(orderExtensions.organisationId, scope.organisationId),
    eq(orderExtensions.locationId, scope.locationId),
    filter.workOrderId ? eq(orderExtensions.workOrderId, filter.workOrderId) : undefined,
    filter.customerId ? eq(orderExtensions.customerId, filter.customerId) : undefined,
    filter.status ? eq(orderExtensions.status, filter.status) : undefined,
  ];
  return db
    .select({ extension: orderExtensions, decision: extensionDecisions })
    .from(orderExtensions)
    .leftJoin(extensionDecisions, eq(extensionDecisions.extensionId, orderExtensions.id))
    .where(and(...conditions))
    .orderBy(
      desc(extensionWaiting(orderExtensions.status)),
      desc(orderExtensions.createdAt),
      desc(orderExtensions.id),
    )
    .limit(filter.limit);
}

/** Recommendations of a work order with their parts and the photos a customer may see. */
export async function loadRecommendations(db: DbOrTx, workOrderId: string) {
  const recs = await db
    .select()
    .from(recommendations)
    .where(eq(recommendations.workOrderId, workOrderId))
    .orderBy(sql`${recommendations.urgency} = 'urgent' desc`, asc(recommendations.createdAt));
  const ids = recs.map((r) => r.id);
  const itemIds = recs.map((r) => r.inspectionItemId).filter((x): x is string => x !== null);
  // Sequential: `db` may be a transaction, one connection that takes one statement at a time.
  const parts = ids.length
    ? await db.select().from(recommendationParts).where(inArray(recommendationParts.recommendationId, ids))
    : [];
  const photos = itemIds.length
    ? await db
        .select()
        .from(inspectionPhotos)
        .where(and(inArray(inspectionPhotos.itemId, itemIds), isNull(inspectionPhotos.rejectedAt)))
        .orderBy(asc(inspectionPhotos.createdAt))
    : [];
  return recs.map((r) => {
    const own = parts.filter((p) => p.recommendationId === r.id);
    return {
      ...r,
      parts: own,
      photoIds: photos.filter((p) => p.itemId === r.inspectionItemId).map((p) => p.id),
      amount: recommendationAmount({ ...r, parts: own }),
    };
  });
}

export async function findExtension(db: DbOrTx, scope: Scope, id: string, customerId?: string) {
  const conditions = [
    eq(orderExtensions.id, id),
    eq(orderExtensions.organisationId, scope.organisationId),
    eq(orderExtensions.locationId, scope.locationId),
  ];
  if (customerId) conditions.push(eq(orderExtensions.customerId, customerId));
  const [row] = await db
    .select()
    .from(orderExtensions)
    .where(and(...conditions));
  return row ? { ...row, offer: offerSchema.parse(row.offer) } : null;
}

export async function decisionOf(db: DbOrTx, extensionId: string) {
  const [row] = await db
    .select()
    .from(extensionDecisions)
    .where(eq(extensionDecisions.extensionId, extensionId));
  return row ?? null;
}
