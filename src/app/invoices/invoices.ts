// Invoice commands: a draft from a finished work order (the hand-over of its billing lines), or by
// hand; Issue (gapless number per location and year, frozen); a credit note that reverses an issued
// invoice in full or in part. Every command is scoped to the actor's location and audited.
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { creditedGrossOf } from "../../db/queries/invoices";
import { findUnit, odometerBefore } from "../../db/queries/units";
import { invoices } from "../../db/schema";
import type { PortalActor, Scope, StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { newId } from "../../domain/ids";
import {
  addDays,
  checkCredit,
  checkIssuable,
  checkStorableTotal,
  type InvoiceLine,
  type InvoiceLineInput,
  priceLines,
} from "../../domain/invoice";
import { toInstant, toLocal } from "../../domain/wall-clock";
import { recordAudit } from "../audit";
import { publishLive } from "../live";
import { nextNumber } from "../numbers";
import type { Billing } from "../work-orders/billing";
import { draftPosition, lockInvoice, recordPosition } from "./record-position";

export type InvoiceRow = typeof invoices.$inferSelect;

export async function findInvoice(db: DbOrTx, scope: Scope, id: string, customerId?: string) {
  const conditions = [
    eq(invoices.id, id),
    eq(invoices.organisationId, scope.organisationId),
    eq(invoices.locationId, scope.locationId),
  ];
  if (customerId) conditions.push(eq(invoices.customerId, customerId));
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(...conditions));
  return row ?? null;
}

/** Tells the live dashboards (and the customer's portal) the invoice changed. */
export async function announce(tx: DbOrTx, invoice: InvoiceRow) {
  await publishLive(tx, {
    type: "invoice.changed",
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    customerId: invoice.customerId,
    id: invoice.id,
    status: invoice.status,
  });
}

/** Today in the location's calendar. */
export async function locationToday(tx: DbOrTx, locationId: string, now = new Date()) {
  const location = await loadLocation(tx, locationId);
  return toLocal(now, location.timeZone).date;
}

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
      lines: billing.lines.map(({ kind: _kind, ...line }) => line),
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

export interface InvoiceDraftInput {
  customerId: string;
  unitId?: string | null | undefined;
  lines: InvoiceLineInput[];
  serviceDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  note?: string | null | undefined;
  poNumber?: string | null | undefined;
}

export async function createInvoice(
  db: Db,
  actor: StaffActor,
  input: InvoiceDraftInput,
  source: "manual" | "api",
) {
  return db.transaction(async (tx) => {
    const customer = await findCustomer(tx, actor, input.customerId);
    if (!customer) {
      throw new DomainError("validation", "Choose a customer of this location.", [
        { field: "customerId", message: "Choose a customer." },
      ]);
    }
    if (input.unitId) {
      const unit = await findUnit(tx, actor, input.unitId);
      if (!unit || unit.customerId !== customer.id) {
        throw new DomainError("validation", "Choose one of the customer's units.", [
          { field: "unitId", message: "Choose one of the customer's units." },
        ]);
      }
    }
    const location = await loadLocation(tx, actor.locationId);
    const priced = priceLines(input.lines);
    const id = newId("invoice");
    const [row] = await tx
      .insert(invoices)
      .values({
        id,
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        source,
        customerId: customer.id,
        unitId: input.unitId ?? null,
        currency: location.currency,
        lines: priced.lines,
        totals: priced.totals,
        serviceDate: input.serviceDate ?? null,
        dueDate: input.dueDate ?? null,
        note: input.note ?? null,
        poNumber: input.poNumber ?? null,
        ...draftPosition(priced.totals.gross, location.currency),
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: id,
      action: "create",
      toStatus: "draft",
    });
    await announce(tx, row!);
    return id;
  });
}

export async function updateDraft(
  db: Db,
  actor: StaffActor,
  id: string,
  input: Partial<Omit<InvoiceDraftInput, "customerId">> & { version: number },
) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, id);
    if (!invoice) throw notFound("Invoice");
    if (invoice.status !== "draft") {
      throw new DomainError("conflict", "An issued invoice never changes: correct it with a credit note.");
    }
    const { version, lines, ...rest } = input;
    const priced = lines ? priceLines(lines) : null;
    const [row] = await tx
      .update(invoices)
      .set({
        ...rest,
        ...(priced ? { lines: priced.lines, totals: priced.totals } : {}),
        version: sql`${invoices.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(invoices.id, id), eq(invoices.version, version)))
      .returning();
    if (!row) throw staleVersion("invoice");
    // New lines, a new gross: what is open on the draft changes with it.
    if (priced) await recordPosition(tx, id);
    await recordAudit(tx, actor, { entityType: "invoice", entityId: id, action: "update" });
    await announce(tx, row);
    return id;
  });
}

/**
 * The vehicle the work was done on, as the invoice prints it: make, model, plate, VIN and the
 * odometer at the service (the last reading up to the end of the service day), so the customer and
 * a warranty claim can tell which car and at what mileage.
 */
export async function vehicleOf(
  tx: DbOrTx,
  scope: Scope,
  invoice: Pick<InvoiceRow, "unitId" | "serviceDate">,
) {
  if (!invoice.unitId) return null;
  const unit = await findUnit(tx, scope, invoice.unitId);
  if (!unit) return null;
  const location = await loadLocation(tx, scope.locationId);
  const until = invoice.serviceDate
    ? toInstant({ date: addDays(invoice.serviceDate, 1), time: "00:00" }, location.timeZone)
    : new Date();
  return {
    make: unit.make,
    model: unit.model,
    year: unit.year,
    plate: unit.plate,
    vin: unit.vin,
    odometerKm: await odometerBefore(tx, unit, until),
  };
}

/** Seller, buyer and vehicle exactly as printed, so a later change never rewrites an issued invoice. */
async function partiesOf(tx: DbOrTx, actor: Scope, invoice: InvoiceRow) {
  const location = await loadLocation(tx, actor.locationId);
  const customer = await findCustomer(tx, actor, invoice.customerId);
  return {
    seller: {
      legalName: location.legalName,
      street: location.street,
      postalCode: location.postalCode,
      city: location.city,
      country: location.country,
      vatId: location.vatId,
      registerCourt: location.registerCourt,
      registerNumber: location.registerNumber,
      managingDirectors: location.managingDirectors,
      iban: location.iban,
      bic: location.bic,
      email: location.email,
      phone: location.phone,
    },
    buyer: {
      name: customer!.displayName,
      street: customer!.street,
      postalCode: customer!.postalCode,
      city: customer!.city,
      country: customer!.country,
      vatId: customer!.vatId,
      email: customer!.email,
      language: customer!.language,
    },
    vehicle: await vehicleOf(tx, actor, invoice),
    paymentTermsDays: customer!.paymentTermsDays,
  };
}

/**
 * Issue: the next number of the location's year, taken in this transaction (a rollback gives it
 * back; concurrent issues queue on the counter row), and everything printed is frozen.
 */
export async function issueInvoice(db: Db, actor: StaffActor, id: string, now = new Date()) {
  return db.transaction((tx) => issueIn(tx, actor, id, now));
}

/**
 * Issue inside a command's transaction. A fleet customer's Authorize Invoice issues too (the portal
 * guide: authorising "generates a Work Order Invoice"), so the actor may be a portal account; the
 * invoice then has no issuing employee.
 */
export async function issueIn(tx: DbOrTx, actor: StaffActor | PortalActor, id: string, now: Date) {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.id, id),
        eq(invoices.organisationId, actor.organisationId),
        eq(invoices.locationId, actor.locationId),
      ),
    )
    .for("update");
  if (!invoice) throw notFound("Invoice");
  if (invoice.status === "issued")
    throw new DomainError("conflict", `Invoice ${invoice.number} is already issued.`);
  checkIssuable(invoice);
  const issueDate = await locationToday(tx, actor.locationId, now);
  const parties = await partiesOf(tx, actor, invoice);
  const number = await nextNumber(
    tx,
    actor.locationId,
    invoice.kind === "credit_note" ? "CN" : "INV",
    Number(issueDate.slice(0, 4)),
  );
  await tx
    .update(invoices)
    .set({
      status: "issued",
      number,
      issueDate,
      // A credit note owes nothing: it has no due date (its refund follows the credited invoice).
      dueDate:
        invoice.kind === "credit_note"
          ? null
          : (invoice.dueDate ?? addDays(issueDate, parties.paymentTermsDays)),
      parties: { seller: parties.seller, buyer: parties.buyer, vehicle: parties.vehicle },
      issuedAt: now,
      issuedById: actor.kind === "staff" ? actor.id : null,
      version: sql`${invoices.version} + 1`,
      updatedAt: now,
    })
    .where(eq(invoices.id, id));
  // Issued, it is owed (and has a due date): its position changes from draft.
  const recorded = await recordPosition(tx, id);
  await recordAudit(tx, actor, {
    entityType: "invoice",
    entityId: id,
    action: "issue",
    fromStatus: "draft",
    toStatus: "issued",
    data: { number },
  });
  await announce(tx, recorded);
  return recorded;
}

/** A credit note against an issued invoice: all of it, or the given lines. Issued at once. */
export async function creditInvoice(
  db: Db,
  actor: StaffActor,
  invoiceId: string,
  input: { lines?: InvoiceLineInput[] | undefined; note?: string | null | undefined },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    // Locked: two credit notes at once queue here, so neither credits what the other already has,
    // and the invoice's position is recorded with both.
    const invoice = await lockInvoice(tx, invoiceId, actor);
    if (!invoice) throw notFound("Invoice");
    if (invoice.kind !== "invoice" || invoice.status !== "issued") {
      throw new DomainError("conflict", "Only an issued invoice can be credited.");
    }
    const credited = await creditedGrossOf(tx, invoiceId);
    const priced = input.lines
      ? priceLines(input.lines)
      : { lines: invoice.lines as InvoiceLine[], totals: invoice.totals };
    checkCredit(invoice.totals.gross, credited, priced.totals.gross);
    const id = newId("invoice");
    await tx.insert(invoices).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      kind: "credit_note",
      source: "manual",
      customerId: invoice.customerId,
      unitId: invoice.unitId,
      creditedInvoiceId: invoiceId,
      currency: invoice.currency,
      lines: priced.lines,
      totals: priced.totals,
      serviceDate: invoice.serviceDate,
      note: input.note ?? null,
      poNumber: invoice.poNumber,
      ...draftPosition(priced.totals.gross, invoice.currency),
    });
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "credit",
      note: input.note ?? null,
      data: { creditNoteId: id, gross: priced.totals.gross },
    });
    // Issued in the same transaction: a credit note never lingers as a draft.
    await issueIn(tx, actor, id, now);
    // Less is owed on the credited invoice from now on.
    await recordPosition(tx, invoiceId);
    return id;
  });
}
