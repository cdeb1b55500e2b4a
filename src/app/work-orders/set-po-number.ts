import type { Db } from "../../db/client";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { bump, lockOrder } from "../support/work-orders/lock-work-order";

/** The customer's purchase order number: the shop or the customer may set it until invoicing. */
export async function setPoNumber(
  db: Db,
  actor: StaffActor | PortalActor,
  id: string,
  poNumber: string | null,
  version?: number,
) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, id);
    if (order.status === "invoiced") {
      throw new DomainError("conflict", "The work order is invoiced; its PO number is on the invoice.", [
        { field: "poNumber", message: "Invoiced work orders keep their PO number." },
      ]);
    }
    await bump(tx, id, version, { poNumber });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: id,
      action: "set-po-number",
      data: { from: order.poNumber, to: poNumber },
    });
    return id;
  });
}
