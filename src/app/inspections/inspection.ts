// The inspection of a work order: started from a template, items rated with notes and photos,
// completed with notifications to the service advisors (and the parts department when parts are
// flagged). Photos the advisor rejects go back to the technician.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { findWorkOrder } from "../../db/queries/work-orders";
import {
  inspectionItems,
  inspectionPhotos,
  inspections,
  inspectionTemplates,
  staffUsers,
} from "../../db/schema";
import type { Scope, StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { newId } from "../../domain/ids";
import {
  checkComplete,
  checkTemplate,
  defaultTemplate,
  type Rating,
  type TemplateItem,
} from "../../domain/inspection";
import { recordAudit } from "../audit";
import { recommendFindings } from "../extensions/extensions";
import { type NotifyDeps, notifyRoles, notifyUsers } from "../notifications/notify-staff";
import { publishWorkOrder } from "../work-orders/publish";
import type { PhotoStore } from "./photo-store";

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

async function orderInScope(tx: DbOrTx, actor: StaffActor, workOrderId: string) {
  const order = await findWorkOrder(tx, actor, workOrderId);
  if (!order) throw notFound("Work order");
  return order;
}

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

export async function itemInScope(tx: DbOrTx, actor: StaffActor, itemId: string) {
  const [row] = await tx
    .select({ item: inspectionItems, inspection: inspections })
    .from(inspectionItems)
    .innerJoin(inspections, eq(inspections.id, inspectionItems.inspectionId))
    .where(
      and(
        eq(inspectionItems.id, itemId),
        eq(inspectionItems.organisationId, actor.organisationId),
        eq(inspectionItems.locationId, actor.locationId),
      ),
    );
  if (!row) throw notFound("Inspection item");
  return row;
}

export async function rateItem(
  db: Db,
  actor: StaffActor,
  itemId: string,
  input: {
    rating?: Rating | null | undefined;
    note?: string | null | undefined;
    partsNeeded?: boolean | undefined;
    version: number;
  },
) {
  return db.transaction(async (tx) => {
    const { item, inspection } = await itemInScope(tx, actor, itemId);
    if (inspection.status === "complete") {
      throw new DomainError(
        "conflict",
        "The inspection is complete; its findings are with the service advisor.",
      );
    }
    const { version, ...changes } = input;
    const [row] = await tx
      .update(inspectionItems)
      .set({
        ...changes,
        ratedById: actor.id,
        ratedAt: new Date(),
        version: sql`${inspectionItems.version} + 1`,
      })
      .where(and(eq(inspectionItems.id, itemId), eq(inspectionItems.version, version)))
      .returning({ id: inspectionItems.id });
    if (!row) throw staleVersion("inspection item");
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: inspection.workOrderId,
      action: "rate-item",
      data: { itemId, label: item.label, ...changes },
    });
    const order = await orderInScope(tx, actor, inspection.workOrderId);
    await publishWorkOrder(tx, order);
    return inspection.workOrderId;
  });
}

export async function addPhoto(db: Db, store: PhotoStore, actor: StaffActor, itemId: string, upload: Buffer) {
  // Checked before the file is processed, so nobody can fill the disk through someone else's item.
  const { inspection } = await itemInScope(db, actor, itemId);
  const stored = await store.store(actor.organisationId, upload);
  return db.transaction(async (tx) => {
    const id = newId("photo");
    await tx.insert(inspectionPhotos).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      itemId,
      ...stored,
      uploadedById: actor.id,
    });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: inspection.workOrderId,
      action: "add-photo",
      data: { itemId, photoId: id, bytes: stored.bytes },
    });
    await publishWorkOrder(tx, (await orderInScope(tx, actor, inspection.workOrderId))!);
    return { workOrderId: inspection.workOrderId, photoId: id };
  });
}

export async function photoInScope(db: DbOrTx, scope: Scope, photoId: string) {
  const [row] = await db
    .select({ photo: inspectionPhotos, workOrderId: inspections.workOrderId })
    .from(inspectionPhotos)
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPhotos.itemId))
    .innerJoin(inspections, eq(inspections.id, inspectionItems.inspectionId))
    .where(
      and(
        eq(inspectionPhotos.id, photoId),
        eq(inspectionPhotos.organisationId, scope.organisationId),
        eq(inspectionPhotos.locationId, scope.locationId),
      ),
    );
  if (!row) throw notFound("Photo");
  return row;
}

/** The advisor sends a photo back: it is hidden from the customer and its technician is told. */
export async function rejectPhoto(
  db: Db,
  deps: NotifyDeps,
  actor: StaffActor,
  photoId: string,
  note: string,
) {
  return db.transaction(async (tx) => {
    const { photo, workOrderId } = await photoInScope(tx, actor, photoId);
    if (photo.rejectedAt) throw new DomainError("conflict", "This photo was already sent back.");
    await tx
      .update(inspectionPhotos)
      .set({ rejectedAt: new Date(), rejectedById: actor.id, rejectionNote: note })
      .where(eq(inspectionPhotos.id, photoId));
    const order = await orderInScope(tx, actor, workOrderId);
    const [uploader] = await tx.select().from(staffUsers).where(eq(staffUsers.id, photo.uploadedById));
    if (uploader && uploader.id !== actor.id) {
      await notifyUsers(tx, deps, actor, [uploader], {
        kind: "photo-rejected",
        params: { number: order.number, by: actor.name, note },
        link: `/work-orders/${workOrderId}`,
      });
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "reject-photo",
      note,
      data: { photoId },
    });
    await publishWorkOrder(tx, order);
    return workOrderId;
  });
}

/** Inspection complete: every item rated; the advisors hear, and the parts department when parts are flagged. */
export async function completeInspection(db: Db, deps: NotifyDeps, actor: StaffActor, workOrderId: string) {
  return db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, workOrderId);
    const [inspection] = await tx
      .select()
      .from(inspections)
      .where(eq(inspections.workOrderId, workOrderId))
      .for("update");
    if (!inspection) throw new DomainError("conflict", "Start the inspection first.");
    if (inspection.status === "complete")
      throw new DomainError("conflict", "The inspection is already complete.");
    const items = await tx
      .select()
      .from(inspectionItems)
      .where(eq(inspectionItems.inspectionId, inspection.id));
    checkComplete(items);
    await tx
      .update(inspections)
      .set({ status: "complete", completedById: actor.id, completedAt: new Date() })
      .where(eq(inspections.id, inspection.id));
    // Yellow and red items become recommendations for the advisor to qualify.
    await recommendFindings(tx, actor, workOrderId, inspection.id);
    const urgent = items.filter((i) => i.rating === "urgent").length;
    const attention = items.filter((i) => i.rating === "attention").length;
    const unit = `${order.unitLabel}${order.plate ? ` (${order.plate})` : ""}`;
    await notifyRoles(
      tx,
      deps,
      actor,
      ["service_advisor"],
      {
        kind: "inspection-complete",
        params: { number: order.number, unit, urgent, attention, by: actor.name },
        link: `/work-orders/${workOrderId}`,
      },
      actor.id,
    );
    const needParts = items.filter((i) => i.partsNeeded);
    if (needParts.length > 0) {
      await notifyRoles(
        tx,
        deps,
        actor,
        ["parts"],
        {
          kind: "parts-needed",
          params: { number: order.number, unit, items: needParts.map((i) => i.label) },
          link: `/work-orders/${workOrderId}`,
        },
        actor.id,
      );
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "complete-inspection",
      data: { urgent, attention, partsNeeded: needParts.length },
    });
    await publishWorkOrder(tx, order);
    return workOrderId;
  });
}

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
