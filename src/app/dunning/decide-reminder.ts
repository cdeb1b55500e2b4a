// The accountant's review queue (issue #15): a level that does not go out by itself waits as a
// notice in review until someone sends it (charged and mailed as the run would have), skips it (the
// invoice counts as past that level, so the run goes on with the next one in time) or pauses the
// invoice (the customer disputes it; the notice is skipped and the run leaves the invoice alone).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findNotice, loadSchedule } from "../../db/queries/dunning";
import { locationToday, lockInvoice } from "../../db/queries/invoices";
import { dunningNotices, invoices } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import type { NotifyContext } from "../bookings/notify-booking";
import { announce } from "../invoices/announce-invoice";
import { recordAudit } from "../support/audit";
import { sendReminder } from "./send-reminder";

export type ReminderDecision = "send" | "skip" | "pause";

export async function decideReminder(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  noticeId: string,
  decision: ReminderDecision,
) {
  return db.transaction(async (tx) => {
    const found = await findNotice(tx, actor, noticeId);
    if (!found) throw notFound("Reminder");
    // The invoice first, then the notice again: the run locks in the same order.
    const invoice = await lockInvoice(tx, found.invoiceId, actor);
    if (!invoice) throw notFound("Invoice");
    const [notice] = await tx
      .select()
      .from(dunningNotices)
      .where(eq(dunningNotices.id, noticeId))
      .for("update");
    if (notice!.status !== "review") {
      throw new DomainError("conflict", "This reminder was already decided. Reload to see how.");
    }
    const now = new Date();
    if (decision === "send") {
      if (invoice.openAmount <= 0) {
        throw new DomainError("conflict", "The invoice is paid in the meantime: skip this reminder.");
      }
      const schedule = await loadSchedule(tx, actor.locationId);
      if (!schedule.levels[notice!.level - 1]) {
        throw new DomainError("conflict", "The schedule no longer has this level: skip this reminder.");
      }
      const today = await locationToday(tx, actor.locationId, now);
      return sendReminder(tx, ctx, actor, invoice, notice!, schedule, today, now);
    }
    const [skipped] = await tx
      .update(dunningNotices)
      .set({ status: "skipped", decidedById: actor.id, decidedAt: now })
      .where(eq(dunningNotices.id, noticeId))
      .returning();
    const [updated] = await tx
      .update(invoices)
      .set({
        dunningLevel: Math.max(invoice.dunningLevel, notice!.level),
        ...(decision === "pause" ? { dunningPausedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await recordAudit(tx, actor, {
      entityType: "invoice",
      entityId: invoice.id,
      action: decision === "pause" ? "dunning-pause" : "dunning-skip",
      data: { level: notice!.level },
    });
    await announce(tx, updated!);
    return skipped!;
  });
}
