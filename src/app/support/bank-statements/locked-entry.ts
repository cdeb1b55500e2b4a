// An unmatched statement entry, locked, for the accountant's decision (assign or ignore); anything
// else is 404 (another location's) or 409 (already decided).
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { bankStatementEntries, bankStatements } from "../../../db/schema";
import type { StaffActor } from "../../../domain/actor";
import { DomainError, notFound } from "../../../domain/errors";

export async function lockedUnmatched(tx: DbOrTx, actor: StaffActor, id: string) {
  const [entry] = await tx
    .select({ entry: bankStatementEntries, statementReference: bankStatements.reference })
    .from(bankStatementEntries)
    .innerJoin(bankStatements, eq(bankStatements.id, bankStatementEntries.statementId))
    .where(
      and(
        eq(bankStatementEntries.id, id),
        eq(bankStatementEntries.organisationId, actor.organisationId),
        eq(bankStatementEntries.locationId, actor.locationId),
      ),
    )
    .for("update", { of: bankStatementEntries });
  if (!entry) throw notFound("Statement entry");
  if (entry.entry.status !== "unmatched") {
    throw new DomainError("conflict", "This entry was already decided.");
  }
  return entry;
}
