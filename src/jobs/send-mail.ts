import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { mailMessages } from "../db/schema";
import type { Mailer } from "../integrations/mail/mailer";

/**
 * Sends one queued message. A failure is recorded on the message and rethrown so the job queue retries
 * with back-off; a message already sent is not sent again when a job is delivered twice.
 */
export async function sendMailJob(
  db: Db,
  mailer: Mailer,
  from: string,
  messageId: string,
  finalAttempt: boolean,
) {
  const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, messageId));
  if (!message || message.status === "sent" || message.status === "stored") return;
  try {
    const status = await mailer.send({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments,
    });
    await db
      .update(mailMessages)
      // Only a mail the SMTP server took was sent; one kept in the Outbox was not.
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
