import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findCustomer } from "../../db/queries/customers";
import { customers } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { customerDisplayName, missingNameFields } from "../../domain/customer";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import type { CustomerFields } from "./customer-input";

export async function updateCustomer(
  db: Db,
  actor: StaffActor,
  id: string,
  input: Partial<CustomerFields> & { version: number },
) {
  return db.transaction(async (tx) => {
    const current = await findCustomer(tx, actor, id);
    if (!current) throw notFound("Customer");
    const { version, ...changes } = input;
    const next = { ...current, ...changes };
    const missing = missingNameFields(next);
    if (missing.length) throw new DomainError("validation", "The customer needs a name.", missing);
    if (next.type !== "business") {
      next.payOnAccount = false;
      next.vatId = null;
    }
    // Optimistic concurrency: the row changes only if nobody saved since the editor loaded it.
    const updated = await tx
      .update(customers)
      .set({
        type: next.type,
        firstName: next.firstName,
        lastName: next.lastName,
        companyName: next.companyName,
        displayName: customerDisplayName(next),
        email: next.email,
        phone: next.phone,
        street: next.street,
        postalCode: next.postalCode,
        city: next.city,
        country: next.country,
        vatId: next.vatId,
        language: next.language,
        requiresInvoiceAuthorisation: next.requiresInvoiceAuthorisation,
        paymentTermsDays: next.paymentTermsDays,
        payOnAccount: next.payOnAccount,
        notes: next.notes,
        eInvoiceFormat: next.eInvoiceFormat,
        buyerReference: next.buyerReference,
        eInvoiceAddress: next.eInvoiceAddress,
        version: sql`${customers.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(customers.id, id),
          eq(customers.organisationId, actor.organisationId),
          eq(customers.version, version),
        ),
      )
      .returning({ id: customers.id });
    if (updated.length === 0) throw staleVersion("customer");
    const changed = Object.keys(changes).filter(
      (k) => current[k as keyof typeof current] !== next[k as keyof typeof next],
    );
    await recordAudit(tx, actor, {
      entityType: "customer",
      entityId: id,
      action: "update",
      data: { changed },
    });
    return (await findCustomer(tx, actor, id))!;
  });
}
