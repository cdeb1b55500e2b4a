// Import a bank statement (issue #15): each credit is matched to an open invoice (domain
// bank-statements/match.ts) and booked as a bank transfer in the same transaction; what matches
// nothing waits in the accountant's queue. The same file twice records nothing (its hash), and an
// entry an overlapping statement already brought is skipped (its key).
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { openInvoicesToMatch } from "../../db/queries/bank-statements";
import { bankStatementEntries, bankStatements } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { CreditMatcher } from "../../domain/bank-statements/match";
import { parseStatement } from "../../domain/bank-statements/parse";
import type { StatementEntry } from "../../domain/bank-statements/statement";
import { newId } from "../../domain/ids";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import { bookTransfer } from "../support/bank-statements/book-transfer";

/** UTF-8, else ISO-8859-1 (what many banks still write MT940 in). */
function decode(content: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return new TextDecoder("latin1").decode(content);
  }
}

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

/** What identifies a booked entry across statements of the same account. */
function entryKeyOf(account: string, e: StatementEntry) {
  return sha256(
    [
      account,
      e.bankReference ?? "",
      e.bookingDate,
      e.amount,
      e.currency,
      e.direction,
      e.remittance,
      e.payerIban ?? "",
    ].join("\u001f"),
  );
}

export async function importBankStatement(
  db: Db,
  ctx: NotifyContext,
  actor: StaffActor,
  file: { content: Buffer; fileName: string },
) {
  // Parsed before anything is written: a file at fault is refused whole.
  const statement = parseStatement(decode(file.content));
  const hash = sha256(file.content);
  return db.transaction(async (tx) => {
    // Two imports of the same file at once: the second waits here, then finds the first.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`bank-statement:${actor.locationId}`}, 0))`,
    );
    const [earlier] = await tx
      .select({ id: bankStatements.id })
      .from(bankStatements)
      .where(and(eq(bankStatements.locationId, actor.locationId), eq(bankStatements.sha256, hash)));
    if (earlier) return { id: earlier.id, alreadyImported: true };
    const id = newId("bankStatement");
    await tx.insert(bankStatements).values({
      id,
      organisationId: actor.organisationId,
      locationId: actor.locationId,
      format: statement.format,
      fileName: file.fileName.slice(0, 200),
      sha256: hash,
      reference: statement.reference,
      account: statement.account,
      fromDate: statement.fromDate,
      toDate: statement.toDate,
      entryCount: statement.entries.length,
      matchedCount: 0,
      unmatchedCount: 0,
      skippedCount: 0,
      importedById: actor.id,
    });
    const matcher = new CreditMatcher(await openInvoicesToMatch(tx, actor));
    const counts = { matched: 0, unmatched: 0, skipped: 0 };
    for (const entry of statement.entries) {
      const entryKey = entryKeyOf(statement.account, entry);
      const match = entry.direction === "credit" ? matcher.match(entry) : null;
      const entryId = newId("bankStatementEntry");
      const inserted = await tx
        .insert(bankStatementEntries)
        .values({
          id: entryId,
          organisationId: actor.organisationId,
          locationId: actor.locationId,
          statementId: id,
          entryKey,
          bookingDate: entry.bookingDate,
          valueDate: entry.valueDate,
          amount: entry.amount,
          currency: entry.currency,
          direction: entry.direction,
          payerName: entry.payerName,
          payerIban: entry.payerIban,
          remittance: entry.remittance.slice(0, 1000),
          bankReference: entry.bankReference,
          status: !match ? "skipped" : match.matched ? "matched" : "unmatched",
          matchRule: match?.matched ? match.rule : null,
          reason: match && !match.matched ? match.reason : null,
          invoiceId: match?.invoiceId ?? null,
        })
        .onConflictDoNothing({ target: [bankStatementEntries.locationId, bankStatementEntries.entryKey] })
        .returning({ id: bankStatementEntries.id });
      if (inserted.length === 0 || !match) {
        counts.skipped++;
        continue;
      }
      if (!match.matched) {
        counts.unmatched++;
        continue;
      }
      const paymentId = await bookTransfer(tx, ctx, actor, match.invoiceId, {
        amount: entry.amount,
        currency: entry.currency,
        entryKey,
        payerName: entry.payerName,
        statementReference: statement.reference,
      });
      await tx.update(bankStatementEntries).set({ paymentId }).where(eq(bankStatementEntries.id, entryId));
      counts.matched++;
    }
    await tx
      .update(bankStatements)
      .set({ matchedCount: counts.matched, unmatchedCount: counts.unmatched, skippedCount: counts.skipped })
      .where(eq(bankStatements.id, id));
    await recordAudit(tx, actor, {
      entityType: "bank_statement",
      entityId: id,
      action: "import",
      data: {
        format: statement.format,
        reference: statement.reference,
        entries: statement.entries.length,
        ...counts,
      },
    });
    return { id, alreadyImported: false };
  });
}
