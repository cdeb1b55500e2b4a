// A bank transfer entering an invoice's payment ledger: as Paid POS does, with the statement entry's
// key as the payment's reference (unique per source, so the same transfer is never booked twice).
import type { DbOrTx } from "../../../db/client";
import { invoicePayments } from "../../../db/schema";
import type { StaffActor } from "../../../domain/actor";
import { DomainError } from "../../../domain/errors";
import { newId } from "../../../domain/ids";
import type { NotifyContext } from "../../bookings/notify-booking";
import { recordPosition } from "../../invoices/record-position";
import { issuedInvoice } from "../../payments/issued-invoice";
import { paymentPositionOf } from "../../payments/position";
import { recordAudit } from "../audit";
import { recordPaymentEvents } from "../integrations/record-integration-event";
import { afterPayment } from "../payments/after-payment";

export interface Transfer {
  amount: number;
  currency: string;
  entryKey: string;
  payerName: string | null;
  statementReference: string;
}

/** Books the transfer on the invoice; the payment's id. Refuses more than is open, or another currency. */
export async function bookTransfer(
  tx: DbOrTx,
  ctx: NotifyContext,
  actor: StaffActor,
  invoiceId: string,
  transfer: Transfer,
): Promise<string> {
  // Locked and re-read: what is open now, not what it was when the statement was matched.
  const invoice = await issuedInvoice(tx, actor, invoiceId, true);
  if (invoice.currency !== transfer.currency) {
    throw new DomainError(
      "conflict",
      `The invoice is in ${invoice.currency}, the transfer in ${transfer.currency}.`,
    );
  }
  const position = await paymentPositionOf(tx, invoice);
  if (transfer.amount > position.open) {
    throw new DomainError("conflict", "The transfer is more than is open on the invoice.", [
      { field: "invoiceId", message: "Pick an invoice with at least this much open." },
    ]);
  }
  const paymentId = newId("payment");
  await tx.insert(invoicePayments).values({
    id: paymentId,
    organisationId: invoice.organisationId,
    locationId: invoice.locationId,
    invoiceId,
    kind: "payment",
    amount: transfer.amount,
    currency: transfer.currency,
    method: "bank_transfer",
    source: "bank",
    reference: transfer.entryKey,
    recordedById: actor.id,
  });
  await recordPosition(tx, invoiceId);
  await recordPaymentEvents(tx, invoiceId, {
    paymentId,
    amount: transfer.amount,
    currency: transfer.currency,
    method: "bank_transfer",
    source: "bank",
    reference: transfer.statementReference,
  });
  await recordAudit(tx, actor, {
    entityType: "invoice",
    entityId: invoiceId,
    action: "paid-bank-transfer",
    data: { amount: transfer.amount, payer: transfer.payerName, statement: transfer.statementReference },
  });
  await afterPayment(tx, ctx, invoiceId);
  return paymentId;
}
