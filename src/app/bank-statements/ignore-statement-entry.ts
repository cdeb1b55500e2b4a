// An unmatched credit that is no invoice's payment (a refund from a supplier, a transfer between
// accounts): the accountant takes it out of the queue; nothing is booked.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { bankStatementEntries } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { recordAudit } from "../support/audit";
import { lockedUnmatched } from "../support/bank-statements/locked-entry";

export async function ignoreStatementEntry(db: Db, actor: StaffActor, id: string) {
  return db.transaction(async (tx) => {
    const { entry } = await lockedUnmatched(tx, actor, id);
    await tx
      .update(bankStatementEntries)
      .set({ status: "ignored", resolvedById: actor.id, resolvedAt: new Date(), version: entry.version + 1 })
      .where(eq(bankStatementEntries.id, id));
    await recordAudit(tx, actor, {
      entityType: "bank_statement_entry",
      entityId: id,
      action: "ignore",
      data: { amount: entry.amount },
    });
  });
}
