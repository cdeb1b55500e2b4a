import type { Db } from "../../db/client";
import type { PortalActor } from "../../domain/actor";
import { nextWorkOrderStatus } from "../../domain/work-order";
import { draftFromWorkOrder } from "../invoices/draft-invoice-from-work-order";
import { issueIn } from "../invoices/issue-invoice";
import { recordAudit } from "../support/audit";
import { bump, handOver, lockOrder } from "../support/work-orders/lock-work-order";

/**
 * Authorize Invoice (portal): the fleet customer accepts the work order, optionally with their PO,
 * and the invoice is issued with it, so what the portal calls invoiced has a number and a PDF. An
 * order that bills nothing (all work free) cannot be issued and stays a draft for the shop.
 */
export async function authorizeInvoice(
  db: Db,
  actor: PortalActor,
  id: string,
  input: { poNumber?: string | null | undefined; ip: string; userAgent: string | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, id);
    const to = nextWorkOrderStatus(order.status, "authorize");
    const billing = await handOver(tx, id, now);
    const poNumber = input.poNumber === undefined ? order.poNumber : input.poNumber;
    const invoiceId = await draftFromWorkOrder(tx, actor, { ...order, poNumber }, billing.billing, now);
    if (billing.billing.totals.gross > 0) await issueIn(tx, actor, invoiceId, now);
    await bump(tx, id, undefined, { status: to, poNumber, ...billing });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: id,
      action: "authorize",
      fromStatus: order.status,
      toStatus: to,
      // The consent: what they authorised, from where.
      data: {
        poNumber,
        gross: billing.billing.totals.gross,
        ip: input.ip,
        userAgent: input.userAgent ?? null,
      },
    });
    return id;
  });
}
