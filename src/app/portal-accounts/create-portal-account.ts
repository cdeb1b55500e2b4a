import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { findCustomer } from "../../db/queries/customers";
import { locations, portalAccounts } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { hashPassword } from "../support/auth/passwords";
import type { JobQueue } from "../support/jobs";
import { queueMail } from "../support/queue-mail";
import { portalWelcomeMail } from "./portal-welcome-mail";

export interface CreatePortalAccountInput {
  name: string;
  email: string;
  password: string;
}

const duplicateEmail = () =>
  new DomainError("duplicate-email", "A portal login with this email already exists.", [
    { field: "email", message: "A portal login with this email already exists." },
  ]);

/** Gives a customer's employee a portal login and tells them by email where to sign in. */
export async function createPortalAccount(
  db: Db,
  queue: JobQueue,
  actor: StaffActor,
  customerId: string,
  input: CreatePortalAccountInput,
  portalUrl: string,
) {
  const passwordHash = await hashPassword(input.password);
  const id = newId("portalAccount");
  try {
    return await db.transaction(async (tx) => {
      const customer = await findCustomer(tx, actor, customerId);
      if (!customer) throw notFound("Customer");
      const [account] = await tx
        .insert(portalAccounts)
        .values({
          id,
          organisationId: actor.organisationId,
          locationId: actor.locationId,
          customerId,
          email: input.email,
          name: input.name,
          passwordHash,
          language: customer.language,
        })
        .returning();
      const [location] = await tx
        .select({ name: locations.name })
        .from(locations)
        .where(eq(locations.id, actor.locationId));
      await queueMail(tx, queue, {
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        to: input.email,
        ...portalWelcomeMail(customer.language, { name: input.name, shop: location?.name ?? "", portalUrl }),
      });
      await recordAudit(tx, actor, {
        entityType: "customer",
        entityId: customerId,
        action: "portal-account-created",
        data: { portalAccountId: id, email: input.email },
      });
      return account!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}
