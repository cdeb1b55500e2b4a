// The bell: a staff user's latest notifications (notifications_recipient_idx, backwards) and how many
// are unread, counted through the partial notifications_unread_idx up to what the bell can show.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notifications, staffUsers } from "../schema";

/** The bell shows "99+" beyond 99, so counting stops at 100: a user who never reads costs the same. */
export const unreadCap = 100;

export async function latestNotifications(db: DbOrTx, recipientId: string, limit = 30) {
  const mine = eq(notifications.recipientId, recipientId);
  const [items, [unread], [me]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    db.select({ n: count() }).from(
      db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)))
        .limit(unreadCap)
        .as("unread"),
    ),
    db
      .select({ notifyByEmail: staffUsers.notifyByEmail })
      .from(staffUsers)
      .where(eq(staffUsers.id, recipientId)),
  ]);
  return { items, unread: Number(unread?.n ?? 0), notifyByEmail: me?.notifyByEmail ?? false };
}
