import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { mailMessages } from "../db/schema";
import type { SmsSender } from "../integrations/sms/sms-sender";

/**
 * Sends one queued text message, like a mail (send-mail.ts): a failure is recorded and rethrown for
 * the queue's retry, and one already sent or stored is not sent again when its job comes twice.
 */
export async function sendSmsJob(db: Db, sender: SmsSender, messageId: string, finalAttempt: boolean) {
  const [message] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.id, messageId), eq(mailMessages.channel, "sms")));
  if (!message || message.status === "sent" || message.status === "stored") return;
  try {
    const { status } = await sender.send({ to: message.to, text: message.text });
    await db
      .update(mailMessages)
      .set({
        status,
        sentAt: status === "sent" ? new Date() : null,
        error: null,
        attempts: sql`${mailMessages.attempts} + 1`,
      })
      .where(eq(mailMessages.id, messageId));
  } catch (error) {
    await db
      .update(mailMessages)
      .set({
        status: finalAttempt ? "failed" : "queued",
        error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
        attempts: sql`${mailMessages.attempts} + 1`,
      })
      .where(eq(mailMessages.id, messageId));
    throw error;
  }
}
