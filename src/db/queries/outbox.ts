// The Outbox: mail Pitlane sent or keeps, newest first (mail_messages_list_idx scanned backwards).
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Scope } from "../../app/actor";
import type { DbOrTx } from "../client";
import { mailMessages } from "../schema";
import { listCount } from "./list-counts";

const inScope = (scope: Scope) =>
  and(eq(mailMessages.organisationId, scope.organisationId), eq(mailMessages.locationId, scope.locationId));

/** What the list shows; bodies and attachments (PDFs) stay in the table until one mail is opened. */
const summaryColumns = {
  id: mailMessages.id,
  to: mailMessages.to,
  subject: mailMessages.subject,
  status: mailMessages.status,
  attempts: mailMessages.attempts,
  error: mailMessages.error,
  createdAt: mailMessages.createdAt,
  sentAt: mailMessages.sentAt,
};
export type MailSummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof mailMessages.$inferSelect)[K];
};

export async function listMail(db: DbOrTx, scope: Scope, page: { limit: number; offset: number }) {
  const order = [desc(mailMessages.createdAt), desc(mailMessages.id)];
  const ids = db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(inScope(scope))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [items, counted] = await Promise.all([
    db
      .select(summaryColumns)
      .from(mailMessages)
      .where(inArray(mailMessages.id, ids))
      .orderBy(...order) as Promise<MailSummaryRow[]>,
    listCount(db, scope.locationId, { list: "mail_messages" }),
  ]);
  return { items, ...counted };
}

export async function findMail(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.id, id), inScope(scope)));
  return row;
}
