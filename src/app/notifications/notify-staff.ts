// In-app notifications (the bell with its unread count), and the same text by mail for users who
// chose so. Written in the caller's transaction: a rolled-back command notifies nobody.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { notifications, staffUsers } from "../../db/schema";
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
  recipients: { id: string; email: string; notifyByEmail: boolean }[],
  notice: StaffNotice,
) {
  if (recipients.length === 0) return;
  // Only the tenancy: callers often pass the acting user, whose own id must not leak in.
  const tenancy = { organisationId: scope.organisationId, locationId: scope.locationId };
  await tx.insert(notifications).values(
    recipients.map((r) => ({
      id: newId("notification"),
      ...tenancy,
      recipientId: r.id,
      kind: notice.kind,
      title: notice.title,
      body: notice.body ?? null,
      link: notice.link ?? null,
    })),
  );
  for (const r of recipients.filter((x) => x.notifyByEmail)) {
    await queueMail(tx, deps.queue, {
      ...tenancy,
      to: r.email,
      subject: notice.title,
      text: `${notice.body ? `${notice.body}\n\n` : ""}${notice.link ? `${deps.publicUrl}${notice.link}\n` : ""}`,
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
