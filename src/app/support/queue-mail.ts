import type { DbOrTx } from "../../db/client";
import { type MailAttachment, mailMessages } from "../../db/schema";
import { newId } from "../../domain/ids";
import { mailedTokensIn } from "../../domain/link-tokens";
import { hashToken } from "./auth/tokens";
import type { JobQueue } from "./jobs";

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
  // Found in the text rather than passed by each sender, so no mail with a link can miss it.
  const [token] = mailedTokensIn(mail.text);
  await tx.insert(mailMessages).values({
    id,
    ...mail,
    html: mail.html ?? null,
    attachments: mail.attachments ?? null,
    linkTokenHash: token ? hashToken(token) : null,
  });
  await queue.enqueue(tx, "mail.send", { messageId: id });
  return id;
}
