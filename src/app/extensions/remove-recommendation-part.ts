import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recommendationParts } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { openForQualification } from "../../domain/extension";
import { recordAudit } from "../support/audit";
import { orderInScope, recommendationInScope } from "../support/extensions/in-scope";
import { publishWorkOrder } from "../work-orders/publish";

export async function removeRecommendationPart(db: Db, actor: StaffActor, partId: string) {
  return db.transaction(async (tx) => {
    const [part] = await tx
      .select()
      .from(recommendationParts)
      .where(
        and(
          eq(recommendationParts.id, partId),
          eq(recommendationParts.organisationId, actor.organisationId),
          eq(recommendationParts.locationId, actor.locationId),
        ),
      );
    if (!part) throw notFound("Part");
    const rec = await recommendationInScope(tx, actor, part.recommendationId);
    openForQualification(rec.status);
    await tx.delete(recommendationParts).where(eq(recommendationParts.id, partId));
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: rec.workOrderId,
      action: "remove-part",
      data: { recommendationId: rec.id, partId },
    });
    await publishWorkOrder(tx, await orderInScope(tx, actor, rec.workOrderId));
    return rec.workOrderId;
  });
}
