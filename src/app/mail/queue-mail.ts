import type { DbOrTx } from "../../db/client";
import { type MailAttachment, mailMessages } from "../../db/schema";
import { newId } from "../../domain/ids";
import type { JobQueue } from "../jobs";

export interface MailToQueue {
  organisationId: string;
  locationId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
}

/** Writes the message and its send job in the caller's transaction; the worker sends after commit. */
export async function queueMail(tx: DbOrTx, queue: JobQueue, mail: MailToQueue): Promise<string> {
  const id = newId("mail");
  await tx
    .insert(mailMessages)
    .values({ id, ...mail, html: mail.html ?? null, attachments: mail.attachments ?? null });
  await queue.enqueue(tx, "mail.send", { messageId: id });
  return id;
}
