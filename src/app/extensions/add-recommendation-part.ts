import type { Db } from "../../db/client";
import { recommendationParts } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { openForQualification, type PartAvailability } from "../../domain/extension";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { orderInScope, recommendationInScope } from "../support/extensions/in-scope";
import { publishWorkOrder } from "../work-orders/publish";

export async function addRecommendationPart(
  db: Db,
  actor: StaffActor,
  recommendationId: string,
  part: {
    description: string;
    partNumber?: string | null | undefined;
    quantityMilli: number;
    unitPrice: number;
    taxRateBp: number;
    availability: PartAvailability;
  },
) {
  return db.transaction(async (tx) => {
    const rec = await recommendationInScope(tx, actor, recommendationId);
    openForQualification(rec.status);
    const id = newId("recommendationPart");
    await tx.insert(recommendationParts).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      recommendationId,
      description: part.description,
      partNumber: part.partNumber ?? null,
      quantityMilli: part.quantityMilli,
      unitPrice: part.unitPrice,
      taxRateBp: part.taxRateBp,
      availability: part.availability,
    });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: rec.workOrderId,
      action: "price-part",
      data: { recommendationId, partId: id, description: part.description, availability: part.availability },
    });
    await publishWorkOrder(tx, await orderInScope(tx, actor, rec.workOrderId));
    return rec.workOrderId;
  });
}
