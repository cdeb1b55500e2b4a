// The case around an issued invoice: Paid POS (money at the counter), Delivered (the keys handed
// over) and Booked (the payment is in the bookkeeping). A case is closed when it is paid,
// delivered and booked.
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { findInvoice } from "../../db/queries/invoices";
import { customers, invoicePayments, invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { needsDeliveryConfirmation } from "../../domain/invoice-case";
import type { NotifyContext } from "../bookings/notify-booking";
import { announce } from "../invoices/announce-invoice";
import { lockInvoice, recordPosition } from "../invoices/record-position";
import { recordAudit } from "../support/audit";
import { paymentPositionOf } from "./position";
import { afterPayment } from "./process-event";

async function issuedInvoice(db: DbOrTx, actor: StaffActor, id: string, lock = false) {
  const invoice = lock ? await lockInvoice(db, id, actor) : await findInvoice(db, actor, id);
  if (!invoice) throw notFound("Invoice");
  if (invoice.status !== "issued" || invoice.kind !== "invoice") {
    throw new DomainError("conflict", "Only an issued invoice has payments, a handover and a booking.");
  }
  return invoice;
}

export async function recordCounterPayment(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  id: string,
  input: { amount: number; method: "cash" | "card_terminal"; reference?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    // Locked first: a second payment at once waits, then sees this one in what is open.
    const invoice = await issuedInvoice(tx, actor, id, true);
    const position = await paymentPositionOf(tx, invoice);
    if (input.amount > position.open) {
      throw new DomainError("validation", "That is more than is open on the invoice.", [
        { field: "amount", message: "At most the open amount." },
      ]);
    }
    await tx.insert(invoicePayments).values({
      id: newId("payment"),
      organisationId: invoice.organisationId,
      locationId: invoice.locationId,
      invoiceId: id,
      kind: "payment",
      amount: input.amount,
      currency: invoice.currency,
      method: input.method,
      source: "pos",
      reference: input.reference ?? null,
      recordedById: actor.id,
    });
    await recordPosition(tx, id);
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: id,
      action: "paid-pos",
      data: { amount: input.amount, method: input.method, reference: input.reference ?? null },
    });
    await afterPayment(tx, ctx, id);
  });
}

export async function deliver(
  db: Db,
  actor: StaffActor,
  id: string,
  input: { deliveredTo: string; confirmUnpaid?: boolean | undefined },
) {
  return db.transaction(async (tx) => {
    const invoice = await issuedInvoice(tx, actor, id);
    if (invoice.deliveredAt) throw new DomainError("conflict", "The vehicle has already been handed over.");
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
    const position = await paymentPositionOf(tx, invoice);
    if (needsDeliveryConfirmation(position.status, customer?.payOnAccount ?? false) && !input.confirmUnpaid) {
      throw new DomainError(
        "conflict",
        "The invoice is not paid and the customer is not on account. Confirm to hand over the vehicle anyway.",
        [{ field: "confirmUnpaid", message: "Confirm the handover of an unpaid vehicle." }],
      );
    }
    const [row] = await tx
      .update(invoices)
      .set({
        deliveredAt: new Date(),
        deliveredById: actor.id,
        deliveredTo: input.deliveredTo,
        updatedAt: new Date(),
      })
      .where(eq(invoices.id, id))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: id,
      action: "deliver",
      note: position.status === "paid" ? null : `Handed over unpaid (${position.status})`,
      data: { deliveredTo: input.deliveredTo },
    });
    await announce(tx, row!);
  });
}

export async function book(db: Db, actor: StaffActor, id: string) {
  return db.transaction(async (tx) => {
    const invoice = await issuedInvoice(tx, actor, id);
    if (invoice.bookedAt) throw new DomainError("conflict", "The payment is already booked.");
    const position = await paymentPositionOf(tx, invoice);
    if (position.received <= 0 && position.status !== "credited") {
      throw new DomainError("conflict", "Nothing has been paid yet, so there is nothing to book.");
    }
    const [row] = await tx
      .update(invoices)
      .set({ bookedAt: new Date(), bookedById: actor.id, updatedAt: sql`now()` })
      .where(eq(invoices.id, id))
      .returning();
    await recordAudit(tx, actor, { entityType: "invoice", entityId: id, action: "book" });
    await announce(tx, row!);
  });
}
