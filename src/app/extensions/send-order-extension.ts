// Qualification and the order extension: inspection findings become recommendations; parts and the
// advisor price them; the chosen ones go to the customer as one offer (frozen, with photos), who
// approves or declines each. Approved ones join the work order as jobs; declined ones stay on the
// unit as declined work; the consent record keeps who decided what, from where, at which price.
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { loadRecommendations } from "../../db/queries/extensions";
import type { WorkOrderView } from "../../db/queries/work-orders";
import { customers, orderExtensions, recommendations } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { checkSendable, offerTotals } from "../../domain/extension";
import type { Offer } from "../../domain/extension-offer";
import { newId } from "../../domain/ids";
import { acceptsWork } from "../../domain/work-order";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import { extensionReadyMail } from "../support/extensions/extension-mails";
import { orderInScope } from "../support/extensions/in-scope";
import { issueCustomerLink } from "../support/links/customer-links";
import { queueMail } from "../support/queue-mail";
import { publishWorkOrder } from "../work-orders/publish";

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
