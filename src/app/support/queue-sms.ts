// Text-to-pay (issue #15): a payment request or reminder also goes out as a text message where the
// customer's phone is known and they agreed to texts. Written like mail, in the caller's transaction
// (a `mail_messages` row of channel "sms" and an `sms.send` job), so the Outbox lists it beside the
// mails and it exists exactly when the change that caused it committed.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { customers, locations, mailMessages } from "../../db/schema";
import { newId } from "../../domain/ids";
import { mailedTokensIn } from "../../domain/link-tokens";
import { toE164 } from "../../domain/phone";
import { hashToken } from "./auth/tokens";
import type { JobQueue } from "./jobs";

/** Long enough for a sentence and a link; beyond it a text is split into costly parts. */
export const maxSmsLength = 320;

export async function queueSms(
  tx: DbOrTx,
  queue: JobQueue,
  message: { customerId: string; text: { en: string; de: string } },
): Promise<string | null> {
  const [customer] = await tx
    .select({
      organisationId: customers.organisationId,
      locationId: customers.locationId,
      phone: customers.phone,
      language: customers.language,
      consentAt: customers.smsConsentAt,
      country: locations.country,
    })
    .from(customers)
    .innerJoin(locations, eq(locations.id, customers.locationId))
    .where(eq(customers.id, message.customerId));
  if (!customer?.consentAt) return null;
  const to = toE164(customer.phone, customer.country);
  if (!to) return null;
  const text = message.text[customer.language].slice(0, maxSmsLength);
  const [token] = mailedTokensIn(text);
  const id = newId("mail");
  await tx.insert(mailMessages).values({
    id,
    organisationId: customer.organisationId,
    locationId: customer.locationId,
    channel: "sms",
    to,
    subject: "SMS",
    text,
    linkTokenHash: token ? hashToken(token) : null,
  });
  await queue.enqueue(tx, "sms.send", { messageId: id });
  return id;
}
