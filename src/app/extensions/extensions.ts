// Qualification and the order extension: inspection findings become recommendations; parts and the
// advisor price them; the chosen ones go to the customer as one offer (frozen, with photos), who
// approves or declines each. Approved ones join the work order as jobs; declined ones stay on the
// unit as declined work; the consent record keeps who decided what, from where, at which price.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findWorkOrder, type WorkOrderView } from "../../db/queries/work-orders";
import {
  customers,
  extensionDecisions,
  inspectionItems,
  inspectionPhotos,
  orderExtensions,
  recommendationParts,
  recommendations,
  staffUsers,
  workItems,
  workOrders,
} from "../../db/schema";
import type { CustomerActor, Scope, StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import {
  checkDecisions,
  checkSendable,
  offerTotals,
  type PartAvailability,
  recommendationAmount,
} from "../../domain/extension";
import { newId } from "../../domain/ids";
import { defaultText, findings } from "../../domain/inspection";
import { acceptsWork } from "../../domain/work-order";
import { recordAudit } from "../audit";
import type { NotifyContext } from "../bookings/notify-booking";
import { issueCustomerLink, spendCustomerLink } from "../links/customer-links";
import { queueMail } from "../mail/queue-mail";
import { notifyUsers } from "../notifications/notify-staff";
import { totalsSchema } from "../totals-schema";
import { insertJob } from "../work-orders/insert-job";
import { publishWorkOrder } from "../work-orders/publish";
import { extensionReadyMail, extensionRecordedMail } from "./extension-mails";

const offerPart = z.object({
  description: z.string(),
  partNumber: z.string().nullable(),
  quantityMilli: z.number().int(),
  unitPrice: z.number().int(),
  taxRateBp: z.number().int(),
  availability: z.enum(["in_stock", "next_day", "on_order"]),
});
export const offerSchema = z.object({
  workOrderNumber: z.string(),
  unitLabel: z.string(),
  plate: z.string().nullable(),
  currency: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      // Offers sent before the field existed have none.
      repairDescription: z.string().nullable().default(null),
      urgency: z.enum(["attention", "urgent"]),
      note: z.string().nullable(),
      pricing: z.enum(["hourly", "flat"]),
      hoursMilli: z.number().int(),
      unitPrice: z.number().int(),
      taxRateBp: z.number().int(),
      parts: z.array(offerPart),
      photoIds: z.array(z.string()),
      net: z.number().int(),
      gross: z.number().int(),
    }),
  ),
  totals: totalsSchema,
});
export type Offer = z.infer<typeof offerSchema>;

/** Yellow and red items of a completed inspection become open recommendations (once each). */
export async function recommendFindings(
  tx: DbOrTx,
  actor: StaffActor,
  workOrderId: string,
  inspectionId: string,
) {
  const items = await tx.select().from(inspectionItems).where(eq(inspectionItems.inspectionId, inspectionId));
  const found = findings(items);
  if (found.length === 0) return;
  // A recommendation is words for the customer: a default checklist item reads in their language.
  const [customer] = await tx
    .select({ language: customers.language })
    .from(workOrders)
    .innerJoin(customers, eq(customers.id, workOrders.customerId))
    .where(eq(workOrders.id, workOrderId));
  const language = customer?.language ?? "en";
  await tx
    .insert(recommendations)
    .values(
      found.map((i) => ({
        id: newId("recommendation"),
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        workOrderId,
        inspectionItemId: i.id,
        description: defaultText(i.label, language),
        urgency: i.rating as "attention" | "urgent",
        note: i.note,
      })),
    )
    .onConflictDoNothing();
}

async function orderInScope(tx: DbOrTx, scope: Scope, workOrderId: string, customerId?: string) {
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

const openForQualification = (status: string) => {
  if (status !== "open") {
    throw new DomainError("conflict", "This recommendation went to the customer; it can no longer change.");
  }
};

export async function updateRecommendation(
  db: Db,
  actor: StaffActor,
  id: string,
  input: {
    description?: string | undefined;
    repairDescription?: string | null | undefined;
    pricing?: "hourly" | "flat" | undefined;
    hoursMilli?: number | undefined;
    unitPrice?: number | null | undefined;
    taxRateBp?: number | undefined;
    selected?: boolean | undefined;
    version: number;
  },
) {
  return db.transaction(async (tx) => {
    const rec = await recommendationInScope(tx, actor, id);
    openForQualification(rec.status);
    const { version, ...changes } = input;
    const [row] = await tx
      .update(recommendations)
      .set({ ...changes, version: sql`${recommendations.version} + 1` })
      .where(and(eq(recommendations.id, id), eq(recommendations.version, version)))
      .returning();
    if (!row) throw staleVersion("recommendation");
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: rec.workOrderId,
      action: "qualify",
      data: { recommendationId: id, ...changes },
    });
    await publishWorkOrder(tx, await orderInScope(tx, actor, rec.workOrderId));
    return rec.workOrderId;
  });
}

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

/** Send order extension: the selected, priced recommendations go to the customer as one offer. */
export async function sendExtension(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  workOrderId: string,
  input: { note?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, workOrderId);
    if (!acceptsWork(order.status)) {
      throw new DomainError("conflict", "Extensions go out while the unit is in the workshop.");
    }
    const [pending] = await tx
      .select({ id: orderExtensions.id })
      .from(orderExtensions)
      .where(and(eq(orderExtensions.workOrderId, workOrderId), eq(orderExtensions.status, "sent")));
    if (pending) throw new DomainError("conflict", "An extension is already waiting for the customer.");
    const chosen = (await loadRecommendations(tx, workOrderId)).filter(
      (r) => r.status === "open" && r.selected,
    );
    checkSendable(chosen);
    const offer: Offer = {
      workOrderNumber: order.number,
      unitLabel: order.unitLabel,
      plate: order.plate,
      currency: order.currency,
      items: chosen.map((r) => ({
        id: r.id,
        description: r.description,
        repairDescription: r.repairDescription,
        urgency: r.urgency,
        note: r.note,
        pricing: r.pricing,
        hoursMilli: r.hoursMilli,
        unitPrice: r.unitPrice!,
        taxRateBp: r.taxRateBp,
        parts: r.parts.map((p) => ({
          description: p.description,
          partNumber: p.partNumber,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
          availability: p.availability,
        })),
        photoIds: r.photoIds,
        net: r.amount.net,
        gross: r.amount.gross,
      })),
      totals: offerTotals(chosen),
    };
    const id = newId("extension");
    await tx.insert(orderExtensions).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      workOrderId,
      customerId: order.customerId,
      offer,
      note: input.note ?? null,
      sentById: actor.id,
      sentByName: actor.name,
    });
    await tx
      .update(recommendations)
      .set({ status: "sent", extensionId: id })
      .where(
        inArray(
          recommendations.id,
          chosen.map((r) => r.id),
        ),
      );
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: workOrderId,
      action: "send-extension",
      note: input.note ?? null,
      data: { extensionId: id, items: offer.items.length, gross: offer.totals.gross },
    });
    await mailCustomer(tx, ctx, order, id, offer, input.note ?? null);
    await publishWorkOrder(tx, order);
    return id;
  });
}

async function mailCustomer(
  tx: DbOrTx,
  ctx: NotifyContext,
  order: WorkOrderView,
  extensionId: string,
  offer: Offer,
  note: string | null,
) {
  const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
  if (!customer?.email) return;
  const location = await loadLocation(tx, order.locationId);
  // Everyone gets the phone page; fleet accounts also find the extension in their portal.
  const token = await issueCustomerLink(
    tx,
    {
      organisationId: order.organisationId,
      locationId: order.locationId,
      customerId: customer.id,
      purpose: "extension-response",
      subjectId: extensionId,
    },
    ctx.linkTtlDays,
  );
  await queueMail(tx, ctx.queue, {
    organisationId: order.organisationId,
    locationId: order.locationId,
    to: customer.email,
    ...extensionReadyMail(customer.language, {
      workOrderNumber: offer.workOrderNumber,
      unitLabel: offer.plate ? `${offer.unitLabel} (${offer.plate})` : offer.unitLabel,
      customerName: customer.displayName,
      shopName: location.name,
      items: offer.items,
      currency: offer.currency,
      note,
      url: `${ctx.publicUrl}/x/${token}`,
    }),
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

export interface ExtensionDecisionInput {
  decisions: { recommendationId: string; approve: boolean }[];
  /** Staff recording a decision the customer gave by phone: who gave it. */
  decidedBy?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  /** A decision through a mailed link spends the link. */
  linkTokenHash?: string | undefined;
}

/**
 * The customer's decision on every item: approved recommendations become jobs on the work order
 * (with their parts), declined ones declined work on the unit; the shop hears at once.
 */
export async function decideExtension(
  db: Db,
  ctx: NotifyContext,
  actor: CustomerActor | StaffActor,
  extensionId: string,
  input: ExtensionDecisionInput,
) {
  return db.transaction(async (tx) => {
    const customerId = actor.kind === "staff" ? undefined : actor.customerId;
    const extension = await findExtension(tx, actor, extensionId, customerId);
    if (!extension) throw notFound("Order extension");
    const [locked] = await tx
      .select({ status: orderExtensions.status })
      .from(orderExtensions)
      .where(eq(orderExtensions.id, extensionId))
      .for("update");
    if (locked?.status !== "sent")
      throw new DomainError("conflict", "This extension has already been decided.");
    if (input.linkTokenHash) await spendCustomerLink(tx, input.linkTokenHash);
    const { approved, declined } = checkDecisions(
      extension.offer.items.map((i) => i.id),
      input.decisions,
    );
    const order = await orderInScope(tx, actor, extension.workOrderId);
    const onBehalf = actor.kind === "staff";
    const actorName = onBehalf ? `${input.decidedBy} (by phone, recorded by ${actor.name})` : actor.name;

    const approvedItems = extension.offer.items.filter((i) => approved.includes(i.id));
    const declinedItems = extension.offer.items.filter((i) => declined.includes(i.id));
    await tx.insert(extensionDecisions).values({
      id: newId("extensionDecision"),
      organisationId: extension.organisationId,
      locationId: extension.locationId,
      extensionId,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName,
      onBehalf,
      approvedIds: approved,
      declinedIds: declined,
      amountsSeen: {
        items: extension.offer.items.map((i) => ({ id: i.id, gross: i.gross })),
        approvedGross: approvedItems.reduce((s, i) => s + i.gross, 0),
        currency: extension.offer.currency,
      },
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
    });
    await tx
      .update(orderExtensions)
      .set({ status: "decided", decidedAt: new Date() })
      .where(eq(orderExtensions.id, extensionId));

    // Approved: new jobs at the prices the customer saw. They can join only an order in the workshop.
    if (approvedItems.length > 0) {
      if (!acceptsWork(order.status)) {
        throw new DomainError("conflict", `Work order ${order.number} has left the workshop; call the shop.`);
      }
      for (const item of approvedItems) {
        const jobId = await insertJob(tx, order, {
          description: item.description,
          pricing: item.pricing,
          estimatedHoursMilli: item.hoursMilli,
          unitPrice: item.unitPrice,
          taxRateBp: item.taxRateBp,
          parts: item.parts.map(({ availability: _availability, ...p }) => p),
        });
        await tx
          .update(recommendations)
          .set({ status: "approved", jobId })
          .where(eq(recommendations.id, item.id));
      }
    }
    if (declinedItems.length > 0) {
      await tx
        .update(recommendations)
        .set({ status: "declined" })
        .where(
          inArray(
            recommendations.id,
            declinedItems.map((i) => i.id),
          ),
        );
      await tx.insert(workItems).values(
        declinedItems.map((i) => ({
          id: newId("workItem"),
          organisationId: order.organisationId,
          locationId: order.locationId,
          unitId: order.unitId,
          recommendationId: i.id,
          description: i.description,
          net: i.net,
          status: "declined" as const,
        })),
      );
    }
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "decide-extension",
      note: onBehalf ? `Decided by ${input.decidedBy} by phone` : null,
      data: { extensionId, approved, declined },
    });

    // The advisor who sent it hears at once; a decision by phone is confirmed to the customer in writing.
    const [sender] = await tx.select().from(staffUsers).where(eq(staffUsers.id, extension.sentById));
    if (sender && sender.id !== actor.id) {
      await notifyUsers(tx, ctx, order, [sender], {
        kind: "extension-decided",
        params: {
          number: order.number,
          customer: order.customerName,
          approved: approvedItems.length,
          declined: declinedItems.length,
        },
        link: `/work-orders/${order.id}`,
      });
    }
    if (onBehalf) {
      const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
      if (customer?.email) {
        const location = await loadLocation(tx, order.locationId);
        await queueMail(tx, ctx.queue, {
          organisationId: order.organisationId,
          locationId: order.locationId,
          to: customer.email,
          ...extensionRecordedMail(customer.language, {
            workOrderNumber: order.number,
            unitLabel: order.unitLabel,
            customerName: customer.displayName,
            shopName: location.name,
            items: extension.offer.items,
            currency: extension.offer.currency,
            note: null,
            url: "",
            approved: approvedItems.map((i) => i.description),
            declined: declinedItems.map((i) => i.description),
            approvedBy: input.decidedBy ?? "",
            recordedBy: actor.name,
          }),
        });
      }
    }
    await publishWorkOrder(tx, order);
    return { workOrderId: order.id, approved, declined };
  });
}
