// The Outbox: mail Pitlane sent or keeps, newest first (mail_messages_list_idx scanned backwards).
// Each mail comes with the customer link it carries (joined by its primary key), so the Outbox can
// say whether the link still works and offer Resend without anyone seeing the token.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { customerLinks, mailMessages } from "../schema";
import { listCount } from "./list-counts";

const inScope = (scope: Scope) =>
  and(eq(mailMessages.organisationId, scope.organisationId), eq(mailMessages.locationId, scope.locationId));

const link = {
  tokenHash: customerLinks.tokenHash,
  purpose: customerLinks.purpose,
  subjectId: customerLinks.subjectId,
  customerId: customerLinks.customerId,
  expiresAt: customerLinks.expiresAt,
  usedAt: customerLinks.usedAt,
  revokedAt: customerLinks.revokedAt,
};
const linkOfMail = and(
  eq(customerLinks.tokenHash, mailMessages.linkTokenHash),
  eq(customerLinks.organisationId, mailMessages.organisationId),
);

/** What the list shows; bodies and attachments (PDFs) stay in the table until one mail is opened. */
const summaryColumns = {
  id: mailMessages.id,
  channel: mailMessages.channel,
  to: mailMessages.to,
  subject: mailMessages.subject,
  status: mailMessages.status,
  attempts: mailMessages.attempts,
  error: mailMessages.error,
  createdAt: mailMessages.createdAt,
  sentAt: mailMessages.sentAt,
  link,
};

const summaries = (db: DbOrTx) =>
  db.select(summaryColumns).from(mailMessages).leftJoin(customerLinks, linkOfMail);
export type MailSummaryRow = Awaited<ReturnType<typeof summaries>>[number];

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
    summaries(db)
      .where(inArray(mailMessages.id, ids))
      .orderBy(...order),
    listCount(db, scope.locationId, { list: "mail_messages" }),
  ]);
  return { items, ...counted };
}

export async function findMail(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select({ mail: mailMessages, link })
    .from(mailMessages)
    .leftJoin(customerLinks, linkOfMail)
    .where(and(eq(mailMessages.id, id), inScope(scope)));
  return row ? { ...row.mail, link: row.link } : undefined;
}
export type MailRow = NonNullable<Awaited<ReturnType<typeof findMail>>>;
