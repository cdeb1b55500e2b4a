// In-app notifications (the bell with its unread count), and the same text by mail for users who
// chose so. Written in the caller's transaction: a rolled-back command notifies nobody.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { notifications, staffUsers } from "../../db/schema";
import type { Language } from "../../domain/customer";
import { newId } from "../../domain/ids";
import type { StaffRole } from "../../domain/permissions";
import type { JobQueue } from "../jobs";
import { publishLive } from "../live";
import { queueMail } from "../mail/queue-mail";

export interface StaffNotice {
  kind: string;
  title: string;
  body?: string | null;
  /** Path in the shop app, e.g. /work-orders/wko_… */
  link?: string | null;
}

/** A notice in each reader's own language (the text is stored as written, so it is chosen per recipient). */
export type Notice = StaffNotice | ((language: Language) => StaffNotice);

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
  // Only the tenancy: callers often pass the acting user, whose own id must not leak in.
  const tenancy = { organisationId: scope.organisationId, locationId: scope.locationId };
  const addressed = recipients.map((r) => ({
    recipient: r,
    notice: typeof notice === "function" ? notice(r.language ?? "en") : notice,
  }));
  await tx.insert(notifications).values(
    addressed.map(({ recipient, notice: n }) => ({
      id: newId("notification"),
      ...tenancy,
      recipientId: recipient.id,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
    })),
  );
  for (const { recipient, notice: n } of addressed.filter((x) => x.recipient.notifyByEmail)) {
    await queueMail(tx, deps.queue, {
      ...tenancy,
      to: recipient.email,
      subject: n.title,
      text: `${n.body ? `${n.body}\n\n` : ""}${n.link ? `${deps.publicUrl}${n.link}\n` : ""}`,
    });
  }
  // Staff-only: no customer id, so no portal account receives it.
  await publishLive(tx, {
    type: "notification.created",
    ...tenancy,
    customerId: "",
    id: addressed[0]!.notice.kind,
    status: "unread",
  });
}
