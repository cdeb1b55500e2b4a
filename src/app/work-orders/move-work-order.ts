// Commands on a work order and its jobs. Each one reads the row under a lock, checks the move
// against the lifecycle tables, writes the change and its audit entry in one transaction, and tells
// the Service Board.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findWorkOrder, type WorkOrderView } from "../../db/queries/work-orders";
import { customers, jobParts, jobs, timeEntries, workOrders } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { formatMoney } from "../../domain/locale-format";
import {
  acceptsWork,
  checkInvoicingRoute,
  checkUnitReady,
  nextJobStatus,
  nextWorkOrderStatus,
  type ShopWorkOrderEvent,
} from "../../domain/work-order";
import type { NotifyContext } from "../bookings/notify-booking";
import { draftFromWorkOrder } from "../invoices/draft-invoice-from-work-order";
import { issueIn } from "../invoices/issue-invoice";
import { recordAudit } from "../support/audit";
import { queueMail } from "../support/queue-mail";
import { billingSchema, currentBilling } from "./billing";
import { endEntry, jobInScope } from "./clock";
import { publishWorkOrder } from "./publish";

async function lockOrder(tx: DbOrTx, actor: StaffActor | PortalActor, id: string) {
  const order = await findWorkOrder(tx, actor, id, actor.kind === "portal" ? actor.customerId : undefined);
  if (!order) throw notFound("Work order");
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for("update");
  return { ...order, ...row! };
}

async function bump(
  tx: DbOrTx,
  id: string,
  version: number | undefined,
  changes: Partial<typeof workOrders.$inferInsert>,
) {
  const [row] = await tx
    .update(workOrders)
    .set({ ...changes, version: sql`${workOrders.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workOrders.id, id), version === undefined ? undefined : eq(workOrders.version, version)))
    .returning();
  if (!row) throw staleVersion("work order");
  await publishWorkOrder(tx, row);
  return row;
}

/** Finish a job: whoever is still clocked on to it is clocked off. Finishing twice is refused. */
export async function finishJob(db: Db, actor: StaffActor, jobId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status))
      throw new DomainError("conflict", "This work order is not in the workshop.");
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
    const to = nextJobStatus(current!.status, "finish");
    const running = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.jobId, jobId), isNull(timeEntries.endedAt)));
    for (const entry of running) {
      await endEntry(
        tx,
        actor,
        entry,
        now,
        entry.technicianId === actor.id ? null : `job finished by ${actor.name}`,
      );
    }
    await tx
      .update(jobs)
      .set({ status: to, finishedById: actor.id, finishedAt: now })
      .where(eq(jobs.id, jobId));
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "finish-job",
      fromStatus: current!.status,
      toStatus: to,
      data: { jobId, job: job.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
  });
}

export async function reopenJob(db: Db, actor: StaffActor, jobId: string) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status)) {
      throw new DomainError("conflict", "Reopen the work order first: it has left the workshop.");
    }
    const to = nextJobStatus(job.status, "reopen");
    await tx.update(jobs).set({ status: to, finishedById: null, finishedAt: null }).where(eq(jobs.id, jobId));
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "reopen-job",
      fromStatus: job.status,
      toStatus: to,
      data: { jobId, job: job.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
  });
}

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

async function handOver(tx: DbOrTx, id: string, now: Date) {
  const billing = billingSchema.parse(await currentBilling(tx, id, now));
  return { billing, invoicedAt: now };
}

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

export async function setWaitingForParts(db: Db, actor: StaffActor, id: string, waiting: boolean) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor, id);
    if (!acceptsWork(order.status)) {
      throw new DomainError("conflict", "Only a work order in the workshop waits for parts.");
    }
    await bump(tx, id, undefined, { waitingForParts: waiting });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: id,
      action: waiting ? "waiting-for-parts" : "parts-arrived",
    });
    return id;
  });
}

/** Parts used on a job (the parts department or the advisor), while the order is in the workshop. */
export async function addJobPart(
  db: Db,
  actor: StaffActor,
  jobId: string,
  part: {
    description: string;
    partNumber?: string | null;
    quantityMilli: number;
    unitPrice: number;
    taxRateBp: number;
  },
) {
  return db.transaction(async (tx) => {
    const job = await jobInScope(tx, actor, jobId);
    const order = await lockOrder(tx, actor, job.workOrderId);
    if (!acceptsWork(order.status))
      throw new DomainError("conflict", "This work order is not in the workshop.");
    const id = newId("jobPart");
    await tx.insert(jobParts).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      jobId,
      description: part.description,
      partNumber: part.partNumber ?? null,
      quantityMilli: part.quantityMilli,
      unitPrice: part.unitPrice,
      taxRateBp: part.taxRateBp,
    });
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: order.id,
      action: "add-part",
      data: { jobId, partId: id, description: part.description },
    });
    await bump(tx, order.id, undefined, {});
    return order.id;
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
