// Pausing dunning (issue #15): per invoice (the customer disputes it) and per customer (all of their
// invoices). The run leaves a paused invoice alone until the pause is lifted; lifting it does not
// send what was missed at once, the run decides by the dates as on any day.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lockInvoice } from "../../db/queries/invoices";
import { customers, invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { announce } from "../invoices/announce-invoice";
import { recordAudit } from "../support/audit";

export async function pauseInvoiceDunning(db: Db, actor: StaffActor, invoiceId: string, paused: boolean) {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, invoiceId, actor);
    if (!invoice) throw notFound("Invoice");
    if (invoice.kind !== "invoice" || invoice.status !== "issued") {
      throw new DomainError("conflict", "Only an issued invoice is chased, so only it can be paused.");
    }
    if (paused === (invoice.dunningPausedAt !== null)) return invoice;
    const [updated] = await tx
      .update(invoices)
      .set({ dunningPausedAt: paused ? new Date() : null, updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: paused ? "dunning-pause" : "dunning-resume",
    });
    await announce(tx, updated!);
    return updated!;
  });
}

export async function pauseCustomerDunning(db: Db, actor: StaffActor, customerId: string, paused: boolean) {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.id, customerId),
          eq(customers.organisationId, actor.organisationId),
          eq(customers.locationId, actor.locationId),
        ),
      )
      .for("update");
    if (!customer) throw notFound("Customer");
    if (paused === (customer.dunningPausedAt !== null)) return customer;
    const [updated] = await tx
      .update(customers)
      .set({ dunningPausedAt: paused ? new Date() : null, updatedAt: new Date() })
      .where(eq(customers.id, customerId))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "customer",
      entityId: customerId,
      action: paused ? "dunning-pause" : "dunning-resume",
    });
    return updated!;
  });
}
