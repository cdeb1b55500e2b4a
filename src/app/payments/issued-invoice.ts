// The case around an issued invoice: Paid POS (money at the counter), Delivered (the keys handed
// over) and Booked (the payment is in the bookkeeping). A case is closed when it is paid,
// delivered and booked.
import type { DbOrTx } from "../../db/client";
import { findInvoice, lockInvoice } from "../../db/queries/invoices";
import type { Scope } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";

export async function issuedInvoice(db: DbOrTx, actor: Scope, id: string, lock = false) {
  const invoice = lock ? await lockInvoice(db, id, actor) : await findInvoice(db, actor, id);
  if (!invoice) throw notFound("Invoice");
  if (invoice.status !== "issued" || invoice.kind !== "invoice") {
    throw new DomainError("conflict", "Only an issued invoice has payments, a handover and a booking.");
  }
  return invoice;
}
