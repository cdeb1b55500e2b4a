import type { Db } from "../../db/client";
import { findCustomer } from "../../db/queries/customers";
import { customers } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { customerDisplayName, missingNameFields } from "../../domain/customer";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import type { CustomerFields } from "./customer-input";

export async function createCustomer(db: Db, actor: StaffActor, input: CustomerFields) {
  const missing = missingNameFields(input);
  if (missing.length) throw new DomainError("validation", "The customer needs a name.", missing);
  // Pay on account is credit extended to a business; private customers pay before pick-up.
  const payOnAccount = input.type === "business" && input.payOnAccount;
  const id = newId("customer");
  return db.transaction(async (tx) => {
    await tx.insert(customers).values({
      ...input,
      payOnAccount,
      vatId: input.type === "business" ? input.vatId : null,
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      displayName: customerDisplayName(input),
    });
    await recordAudit(tx, actor, { entityType: "customer", entityId: id, action: "create" });
    const created = await findCustomer(tx, actor, id);
    if (!created) throw new Error("customer vanished inside its own transaction");
    return created;
  });
}
