import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers, invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { needsDeliveryConfirmation } from "../../domain/invoice-case";
import { announce } from "../invoices/announce-invoice";
import { recordAudit } from "../support/audit";
import { recordClosedIfSo, recordIntegrationEvent } from "../support/integrations/record-integration-event";
import { issuedInvoice } from "./issued-invoice";
import { paymentPositionOf } from "./position";

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
    await recordIntegrationEvent(tx, "invoice.delivered", row!, { deliveredTo: input.deliveredTo });
    await recordClosedIfSo(tx, id);
    await announce(tx, row!);
  });
}
