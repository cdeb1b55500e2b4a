import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { findWorkOrder } from "../../../db/queries/work-orders";
import { recommendations } from "../../../db/schema";
import type { Scope, StaffActor } from "../../../domain/actor";
import { notFound } from "../../../domain/errors";

export async function orderInScope(tx: DbOrTx, scope: Scope, workOrderId: string, customerId?: string) {
  const order = await findWorkOrder(tx, scope, workOrderId, customerId);
  if (!order) throw notFound("Work order");
  return order;
}

export async function recommendationInScope(tx: DbOrTx, actor: StaffActor, id: string) {
  const [row] = await tx
    .select()
    .from(recommendations)
    .where(
      and(
        eq(recommendations.id, id),
        eq(recommendations.organisationId, actor.organisationId),
        eq(recommendations.locationId, actor.locationId),
      ),
    );
  if (!row) throw notFound("Recommendation");
  return row;
}
