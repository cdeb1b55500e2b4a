import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invoices } from "../../db/schema";
import type { ShopActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { announce } from "../invoices/announce-invoice";
import { recordAudit } from "../support/audit";
import { recordClosedIfSo, recordIntegrationEvent } from "../support/integrations/record-integration-event";
import { issuedInvoice } from "./issued-invoice";
import { paymentPositionOf } from "./position";

export async function book(db: Db, actor: ShopActor, id: string) {
  return db.transaction(async (tx) => {
    const invoice = await issuedInvoice(tx, actor, id);
    if (invoice.bookedAt) throw new DomainError("conflict", "The payment is already booked.");
    const position = await paymentPositionOf(tx, invoice);
    if (position.received <= 0 && position.status !== "credited") {
      throw new DomainError("conflict", "Nothing has been paid yet, so there is nothing to book.");
    }
    const [row] = await tx
      .update(invoices)
      .set({
        bookedAt: new Date(), // A DMS booking over the API has no staff member; the audit event names the key.
        bookedById: actor.kind === "staff" ? actor.id : null,
        updatedAt: sql`now()`,
      })
      .where(eq(invoices.id, id))
      .returning();
    await recordAudit(tx, actor, { entityType: "invoice", entityId: id, action: "book" });
    await recordIntegrationEvent(tx, "invoice.booked", row!);
    await recordClosedIfSo(tx, id);
    await announce(tx, row!);
  });
}
