import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { currentBilling } from "../../db/queries/billing";
import { loadLocation } from "../../db/queries/bookings";
import type { WorkOrderView } from "../../db/queries/work-orders";
import { customers, jobs, timeEntries, type workOrders } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { billingSchema } from "../../domain/billing";
import { formatMoney } from "../../domain/locale-format";
import {
  checkInvoicingRoute,
  checkUnitReady,
  nextWorkOrderStatus,
  type ShopWorkOrderEvent,
} from "../../domain/work-order";
import type { NotifyContext } from "../bookings/notify-booking";
import { draftFromWorkOrder } from "../invoices/draft-invoice-from-work-order";
import { recordAudit } from "../support/audit";
import { queueMail } from "../support/queue-mail";
import { bump, handOver, lockOrder } from "../support/work-orders/lock-work-order";

export type StaffWorkOrderMove = ShopWorkOrderEvent;

export async function moveWorkOrder(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  id: string,
  event: StaffWorkOrderMove,
  input: { version?: number | undefined; note?: string | null | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, id);
    const to = nextWorkOrderStatus(order.status, event);
    const changes: Partial<typeof workOrders.$inferInsert> = { status: to };
    if (event === "unit_ready") {
      const jobRows = await tx.select().from(jobs).where(eq(jobs.workOrderId, id));
      const [clocked] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(timeEntries)
        .where(and(eq(timeEntries.workOrderId, id), isNull(timeEntries.endedAt)));
      checkUnitReady(jobRows, clocked?.n ?? 0);
      changes.unitReadyAt = now;
      changes.waitingForParts = false;
    }
    if (event === "ready_to_submit") changes.readyToSubmitAt = now;
    if (event === "reopen") {
      changes.unitReadyAt = null;
      changes.readyToSubmitAt = null;
    }
    if (event === "submit" || event === "invoice") checkInvoicingRoute(event, order.requiresAuthorisation);
    if (event === "invoice") {
      const handed = await handOver(tx, id, now);
      Object.assign(changes, handed);
      await draftFromWorkOrder(tx, actor, order, handed.billing, now);
    }
    await bump(tx, id, input.version, changes);
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: id,
      action: event,
      fromStatus: order.status,
      toStatus: to,
      note: input.note ?? null,
    });
    if (event === "submit") await mailAuthorisationRequest(tx, ctx, order, input.note ?? null);
    return id;
  });
}

/** Submit: the fleet customer is asked (by mail, and in the portal's Awaiting Authorization) to authorise. */
async function mailAuthorisationRequest(
  tx: DbOrTx,
  ctx: NotifyContext,
  order: WorkOrderView,
  note: string | null,
) {
  const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
  if (!customer?.email) return;
  const location = await loadLocation(tx, order.locationId);
  const gross = billingSchema.parse(await currentBilling(tx, order.id)).totals.gross;
  const amount = formatMoney(gross, order.currency, customer.language);
  const unit = order.plate ? `${order.unitLabel} (${order.plate})` : order.unitLabel;
  const url = `${ctx.publicUrl}/portal/repair-orders/${order.id}`;
  const de = customer.language === "de";
  await queueMail(tx, ctx.queue, {
    organisationId: order.organisationId,
    locationId: order.locationId,
    to: customer.email,
    subject: de
      ? `Auftrag ${order.number} wartet auf Ihre Rechnungsfreigabe`
      : `Work order ${order.number} is waiting for your authorisation`,
    text: de
      ? `Guten Tag ${customer.displayName},\n\ndie Arbeiten an Ihrem ${unit} sind abgeschlossen (${amount} brutto). Bitte prüfen Sie den Auftrag, ergänzen Sie bei Bedarf Ihre Bestellnummer und geben Sie die Rechnung frei:\n${url}\n${note ? `\n${note}\n` : ""}\n${location.name}\n`
      : `Hello ${customer.displayName},\n\nthe work on your ${unit} is done (${amount} gross). Please review the work order, add your PO number if needed, and authorise the invoice:\n${url}\n${note ? `\n${note}\n` : ""}\n${location.name}\n`,
  });
}
