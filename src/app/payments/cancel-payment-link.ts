import type { Db } from "../../db/client";
import { findInvoice } from "../../db/queries/invoices";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { revokeLinks } from "../support/payments/pay-links";

export async function cancelPaymentLink(db: Db, actor: StaffActor, invoiceId: string) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, invoiceId);
    if (!invoice) throw notFound("Invoice");
    // Only a link that still works can be cancelled: a cancelled or expired one answers 409.
    const revoked = await revokeLinks(tx, invoiceId, actor.id, true);
    if (revoked.length === 0) {
      throw new DomainError(
        "conflict",
        "There is no payment link to cancel: it was cancelled or has expired.",
      );
    }
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoiceId,
      action: "cancel-payment-link",
    });
  });
}
