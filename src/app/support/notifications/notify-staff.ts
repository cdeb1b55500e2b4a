// In-app notifications (the bell with its unread count), and the same text by mail for users who
// chose so. Written in the caller's transaction: a rolled-back command notifies nobody.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { notifications, staffUsers } from "../../../db/schema";
import type { Language } from "../../../domain/customer";
import { newId } from "../../../domain/ids";
import { type NoticeParams, noticeText } from "../../../domain/notices";
import type { StaffRole } from "../../../domain/permissions";
import type { JobQueue } from "../jobs";
import { publishLive } from "../live";
import { queueMail } from "../queue-mail";

export interface StaffNotice {
  /** One of domain/notices' kinds: the bell and the mail say it in the reader's language. */
  kind: string;
  /** The facts the text names (order number, who, counts). */
  params: NoticeParams;
  /** Path in the shop app, e.g. /work-orders/wko_… */
  link?: string | null;
}

/** A notice written out per language by its caller (alerts whose wording has no kind in domain/notices). */
export interface WrittenNotice {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

/** Facts the bell words in the reader's language, or a text the caller writes for each language. */
export type Notice = StaffNotice | ((language: Language) => WrittenNotice);

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
  notice: Notice,
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
  recipients: { id: string; email: string; notifyByEmail: boolean; language?: Language }[],
  notice: Notice,
) {
  if (recipients.length === 0) return;
  const english = typeof notice === "function" ? notice("en") : notice;
  const link = english.link ?? null;
  const say = (language: Language): { title: string; body: string | null } => {
    if (typeof notice === "function") {
      const written = notice(language);
      return { title: written.title, body: written.body ?? null };
    }
    return noticeText(notice.kind, notice.params, language) ?? { title: notice.kind, body: null };
  };
  // Facts are stored with the English sentence beside them, for readers that do not render them (an
  // API client); a written notice is stored in its reader's language, as there are no facts to render.
  const storedFor = (language: Language) => (typeof notice === "function" ? say(language) : say("en"));
  // Only the tenancy: callers often pass the acting user, whose own id must not leak in.
  const tenancy = { organisationId: scope.organisationId, locationId: scope.locationId };
  await tx.insert(notifications).values(
    recipients.map((r) => {
      const stored = storedFor(r.language ?? "en");
      return {
        id: newId("notification"),
        ...tenancy,
        recipientId: r.id,
        kind: english.kind,
        params: typeof notice === "function" ? null : notice.params,
        title: stored.title,
        body: stored.body,
        link,
      };
    }),
  );
  for (const r of recipients.filter((x) => x.notifyByEmail)) {
    const { title, body } = say(r.language ?? "en");
    await queueMail(tx, deps.queue, {
      ...tenancy,
      to: r.email,
      subject: title,
      text: `${body ? `${body}\n\n` : ""}${link ? `${deps.publicUrl}${link}\n` : ""}`,
    });
  }
  // Staff-only: no customer id, so no portal account receives it.
  await publishLive(tx, {
    type: "notification.created",
    ...tenancy,
    customerId: "",
    id: english.kind,
    status: "unread",
  });
}
