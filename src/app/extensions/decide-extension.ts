import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findExtension } from "../../db/queries/extensions";
import {
  customers,
  extensionDecisions,
  orderExtensions,
  recommendations,
  staffUsers,
  workItems,
} from "../../db/schema";
import type { CustomerActor, StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { checkDecisions } from "../../domain/extension";
import { newId } from "../../domain/ids";
import { acceptsWork } from "../../domain/work-order";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import { extensionRecordedMail } from "../support/extensions/extension-mails";
import { orderInScope } from "../support/extensions/in-scope";
import { spendCustomerLink } from "../support/links/customer-links";
import { notifyUsers } from "../support/notifications/notify-staff";
import { queueMail } from "../support/queue-mail";
import { insertJob } from "../work-orders/insert-job";
import { publishWorkOrder } from "../work-orders/publish";

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
