// Invoice commands: a draft from a finished work order (the hand-over of its billing lines), or by
// hand; Issue (gapless number per location and year, frozen); a credit note that reverses an issued
// invoice in full or in part. Every command is scoped to the actor's location and audited.
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { locationToday, partiesOf } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { checkEInvoiceReady } from "../../domain/e-invoice/build";
import { DomainError, notFound } from "../../domain/errors";
import { addDays, checkIssuable } from "../../domain/invoice";
import { recordAudit } from "../support/audit";
import { nextNumber } from "../support/numbers";
import { announce } from "./announce-invoice";
import { eInvoiceFormatOf, eInvoiceSourceOf } from "./e-invoice";
import { recordPosition } from "./record-position";

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
  // A customer who gets e-invoices is told at issue, not at the mail, what the invoice still lacks:
  // after issue nothing printed may change.
  const format = await eInvoiceFormatOf(tx, invoice);
  if (format !== "none") {
    const frozen = {
      ...invoice,
      parties: { seller: parties.seller, buyer: parties.buyer, vehicle: parties.vehicle },
    };
    checkEInvoiceReady(await eInvoiceSourceOf(tx, frozen), format);
  }
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
