// The accountant decides an unmatched credit: it pays this invoice, booked as a bank transfer, and
// leaves the queue.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { bankStatementEntries } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import { bookTransfer } from "../support/bank-statements/book-transfer";
import { lockedUnmatched } from "../support/bank-statements/locked-entry";

export async function assignStatementEntry(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  id: string,
  invoiceId: string,
) {
  return db.transaction(async (tx) => {
    const { entry, statementReference } = await lockedUnmatched(tx, actor, id);
    const paymentId = await bookTransfer(tx, ctx, actor, invoiceId, {
      amount: entry.amount,
      currency: entry.currency,
      entryKey: entry.entryKey,
      payerName: entry.payerName,
      statementReference,
    });
    await tx
      .update(bankStatementEntries)
      .set({
        status: "assigned",
        matchRule: "manual",
        invoiceId,
        paymentId,
        resolvedById: actor.id,
        resolvedAt: new Date(),
        version: entry.version + 1,
      })
      .where(eq(bankStatementEntries.id, id));
    await recordAudit(tx, actor, {
      entityType: "bank_statement_entry",
      entityId: id,
      action: "assign",
      data: { invoiceId, amount: entry.amount },
    });
  });
}
