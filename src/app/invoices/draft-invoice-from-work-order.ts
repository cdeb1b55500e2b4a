import type { DbOrTx } from "../../db/client";
import { locationToday } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import type { Billing } from "../../domain/billing";
import { newId } from "../../domain/ids";
import { checkStorableTotal } from "../../domain/invoice";
import { draftPosition } from "../../domain/invoice-position";
import { recordAudit } from "../support/audit";
import { announce } from "./announce-invoice";

/** The hand-over from a work order: a draft invoice with exactly the order's billing lines. */
export async function draftFromWorkOrder(
  tx: DbOrTx,
  actor: StaffActor | PortalActor,
  order: { id: string; customerId: string; unitId: string; currency: string; poNumber: string | null },
  billing: Billing,
  now = new Date(),
) {
  checkStorableTotal(billing.totals);
  const id = newId("invoice");
  const [row] = await tx
    .insert(invoices)
    .values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      source: "work_order",
      customerId: order.customerId,
      unitId: order.unitId,
      workOrderId: order.id,
      currency: order.currency,
      // Labour is billed in hours, parts in pieces: the units an e-invoice names (UN/ECE Rec 20).
      lines: billing.lines.map(({ kind, ...line }) => ({
        ...line,
        unitCode: kind === "labour" ? "HUR" : "H87",
      })),
      totals: billing.totals,
      serviceDate: await locationToday(tx, actor.locationId, now),
      poNumber: order.poNumber,
      ...draftPosition(billing.totals.gross, order.currency),
    })
    .returning();
  await recordAudit(tx, actor, {
    entityType: "invoice",
    entityId: id,
    action: "create",
    toStatus: "draft",
    data: { workOrderId: order.id },
  });
  await announce(tx, row!);
  return id;
}
