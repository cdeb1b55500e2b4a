import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inspectionItems, inspections } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { orderInScope } from "../support/inspections/in-scope";
import { publishWorkOrder } from "../work-orders/publish";
import { templatesOf } from "./templates-of";

export async function startInspection(db: Db, actor: StaffActor, workOrderId: string, templateId?: string) {
  return db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, workOrderId);
    if (order.status !== "in_progress")
      throw new DomainError("conflict", "Inspect while the unit is in the workshop.");
    const templates = await templatesOf(tx, actor);
    const template = templateId
      ? templates.find((t) => t.id === templateId)
      : templates.find((t) => t.isDefault);
    if (!template) {
      throw new DomainError("validation", "Choose a template of this location.", [
        { field: "templateId", message: "Choose a template." },
      ]);
    }
    const [existing] = await tx.select().from(inspections).where(eq(inspections.workOrderId, workOrderId));
    if (existing) return existing.id;
    const id = newId("inspection");
    await tx.insert(inspections).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      workOrderId,
      templateName: template.name,
      startedById: actor.id,
    });
    await tx.insert(inspectionItems).values(
      template.items.map((item, i) => ({
        id: newId("inspectionItem"),
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        inspectionId: id,
        position: i + 1,
        area: item.area,
        label: item.label,
      })),
    );
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "start-inspection",
      data: { template: template.name },
    });
    await publishWorkOrder(tx, order);
    return id;
  });
}
