// Consent to text messages (issue #15): given or withdrawn by the customer, recorded with the time,
// where (told the shop, or in the portal) and who recorded it, in the audit trail too. Without it no
// payment request or reminder goes out by text, whatever phone number is known.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { customers } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { toE164 } from "../../domain/phone";
import { recordAudit } from "../support/audit";

export async function recordSmsConsent(
  db: Db,
  actor: StaffActor | PortalActor,
  customerId: string,
  consent: boolean,
) {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.id, customerId),
          eq(customers.organisationId, actor.organisationId),
          eq(customers.locationId, actor.locationId),
        ),
      )
      .for("update");
    if (!customer) throw notFound("Customer");
    if (consent && !toE164(customer.phone, customer.country)) {
      throw new DomainError("validation", "Texts need a mobile number the shop can write to.", [
        {
          field: "consent",
          message:
            actor.kind === "portal"
              ? "Ask the shop to add your mobile number first."
              : "Add the customer's mobile number (e.g. 0171 1234567) first.",
        },
      ]);
    }
    if (consent === (customer.smsConsentAt !== null)) return customer;
    const [updated] = await tx
      .update(customers)
      .set(
        consent
          ? {
              smsConsentAt: new Date(),
              smsConsentSource: actor.kind === "portal" ? "portal" : "shop",
              smsConsentById: actor.id,
            }
          : { smsConsentAt: null, smsConsentSource: null, smsConsentById: null },
      )
      .where(eq(customers.id, customerId))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "customer",
      entityId: customerId,
      action: consent ? "sms-consent" : "sms-consent-withdrawn",
    });
    return updated!;
  });
}
