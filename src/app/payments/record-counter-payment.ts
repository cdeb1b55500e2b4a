import type { Db } from "../../db/client";
import { invoicePayments } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordPosition } from "../invoices/record-position";
import { recordAudit } from "../support/audit";
import { recordPaymentEvents } from "../support/integrations/record-integration-event";
import { afterPayment } from "../support/payments/after-payment";
import { issuedInvoice } from "./issued-invoice";
import { paymentPositionOf } from "./position";

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
    const paymentId = newId("payment");
    await tx.insert(invoicePayments).values({
      id: paymentId,
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
    await recordPaymentEvents(tx, id, {
      paymentId,
      amount: input.amount,
      currency: invoice.currency,
      method: input.method,
      source: "pos",
      reference: input.reference ?? null,
    });
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: id,
      action: "paid-pos",
      data: { amount: input.amount, method: input.method, reference: input.reference ?? null },
    });
    await afterPayment(tx, ctx, id);
  });
}
