// Order extensions as lists show them, each with its decision (one query, not one per extension):
// a work order's (the qualification panel) or a customer's, waiting ones first
// (order_extensions_customer_idx scanned backwards).
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { extensionDecisions, extensionWaiting, orderExtensions } from "../schema";

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
