// In-app notifications (the bell with its unread count), and the same text by mail for users who
// chose so. Written in the caller's transaction: a rolled-back command notifies nobody.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { notifications, staffUsers } from "../../db/schema";
import type { Language } from "../../domain/customer";
import { newId } from "../../domain/ids";
import { type NoticeParams, noticeText } from "../../domain/notices";
import type { StaffRole } from "../../domain/permissions";
import type { JobQueue } from "../jobs";
import { publishLive } from "../live";
import { queueMail } from "../mail/queue-mail";

export interface StaffNotice {
  /** One of domain/notices' kinds: the bell and the mail say it in the reader's language. */
  kind: string;
  /** The facts the text names (order number, who, counts). */
  params: NoticeParams;
  /** Path in the shop app, e.g. /work-orders/wko_… */
  link?: string | null;
}

export interface NotifyDeps {
  queue: JobQueue;
  publicUrl: string;
}

/** Notifies the active staff of a location with one of the roles (never the person who acted). */
export async function notifyRoles(
  tx: DbOrTx,
  deps: NotifyDeps,
  scope: { organisationId: string; locationId: string },
  roles: StaffRole[],
  notice: StaffNotice,
  exceptId?: string,
) {
  const recipients = await tx
    .select()
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.organisationId, scope.organisationId),
        eq(staffUsers.locationId, scope.locationId),
        eq(staffUsers.active, true),
        inArray(staffUsers.role, roles),
      ),
    );
  return notifyUsers(
    tx,
    deps,
    scope,
    recipients.filter((r) => r.id !== exceptId),
    notice,
  );
}

export async function notifyUsers(
  tx: DbOrTx,
  deps: NotifyDeps,
  scope: { organisationId: string; locationId: string },
  recipients: { id: string; email: string; notifyByEmail: boolean; language: Language }[],
  notice: StaffNotice,
) {
  if (recipients.length === 0) return;
  const say = (language: Language) =>
    noticeText(notice.kind, notice.params, language) ?? { title: notice.kind, body: null };
  // The English sentence is kept beside the facts for readers that do not render them (an API client).
  const stored = say("en");
  // Only the tenancy: callers often pass the acting user, whose own id must not leak in.
  const tenancy = { organisationId: scope.organisationId, locationId: scope.locationId };
  await tx.insert(notifications).values(
    recipients.map((r) => ({
      id: newId("notification"),
      ...tenancy,
      recipientId: r.id,
      kind: notice.kind,
      params: notice.params,
      title: stored.title,
      body: stored.body,
      link: notice.link ?? null,
    })),
  );
  for (const r of recipients.filter((x) => x.notifyByEmail)) {
    const { title, body } = say(r.language);
    await queueMail(tx, deps.queue, {
      ...tenancy,
      to: r.email,
      subject: title,
      text: `${body ? `${body}\n\n` : ""}${notice.link ? `${deps.publicUrl}${notice.link}\n` : ""}`,
    });
  }
  // Staff-only: no customer id, so no portal account receives it.
  await publishLive(tx, {
    type: "notification.created",
    ...tenancy,
    customerId: "",
    id: notice.kind,
    status: "unread",
  });
}
