// Reads of bank statements (issue #15): the open invoices a statement's credits are matched against,
// the imports, and the entries by status (the accountant's queue of unmatched credits), each page a
// range of its own index.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { OpenInvoice } from "../../domain/bank-statements/match";
import type { DbOrTx } from "../client";
import { bankStatementEntries, bankStatements, customers, invoices } from "../schema";
import { cappedCount } from "./paging";

/** Every open issued invoice of the location (the open-items index), with its customer's name. */
export async function openInvoicesToMatch(db: DbOrTx, scope: Scope): Promise<OpenInvoice[]> {
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      openAmount: invoices.openAmount,
      currency: invoices.currency,
      customerName: customers.displayName,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(
      and(
        eq(invoices.organisationId, scope.organisationId),
        eq(invoices.locationId, scope.locationId),
        sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued' and ${invoices.openAmount} > 0`,
      ),
    );
  return rows.map((r) => ({ ...r, number: r.number ?? "" }));
}

export type EntryStatus = (typeof bankStatementEntries.$inferSelect)["status"];

const entryColumns = {
  id: bankStatementEntries.id,
  statementId: bankStatementEntries.statementId,
  bookingDate: bankStatementEntries.bookingDate,
  amount: bankStatementEntries.amount,
  currency: bankStatementEntries.currency,
  direction: bankStatementEntries.direction,
  payerName: bankStatementEntries.payerName,
  payerIban: bankStatementEntries.payerIban,
  remittance: bankStatementEntries.remittance,
  status: bankStatementEntries.status,
  matchRule: bankStatementEntries.matchRule,
  reason: bankStatementEntries.reason,
  invoiceId: bankStatementEntries.invoiceId,
  invoiceNumber: invoices.number,
};

/** Entries of one status, newest booking first (the queue: unmatched). */
export async function listStatementEntries(
  db: DbOrTx,
  scope: Scope,
  search: { status: EntryStatus; statementId?: string | undefined; limit: number; offset: number },
) {
  const where = and(
    eq(bankStatementEntries.organisationId, scope.organisationId),
    eq(bankStatementEntries.locationId, scope.locationId),
    eq(bankStatementEntries.status, search.status),
    search.statementId ? eq(bankStatementEntries.statementId, search.statementId) : undefined,
  );
  const page = db
    .select({ id: bankStatementEntries.id, bookingDate: bankStatementEntries.bookingDate })
    .from(bankStatementEntries)
    .where(where)
    .orderBy(desc(bankStatementEntries.bookingDate), desc(bankStatementEntries.id))
    .limit(search.limit)
    .offset(search.offset)
    .as("page");
  const [items, counted] = await Promise.all([
    db
      .select(entryColumns)
      .from(page)
      .innerJoin(bankStatementEntries, eq(bankStatementEntries.id, page.id))
      .leftJoin(invoices, eq(invoices.id, bankStatementEntries.invoiceId))
      .orderBy(desc(page.bookingDate), desc(page.id)),
    cappedCount(db, db.select({ id: bankStatementEntries.id }).from(bankStatementEntries).where(where)),
  ]);
  return { items, ...counted };
}

/** The imports, newest first. */
export async function listBankStatements(db: DbOrTx, scope: Scope, page: { limit: number; offset: number }) {
  const where = and(
    eq(bankStatements.organisationId, scope.organisationId),
    eq(bankStatements.locationId, scope.locationId),
  );
  const [items, counted] = await Promise.all([
    db
      .select()
      .from(bankStatements)
      .where(where)
      .orderBy(desc(bankStatements.createdAt), desc(bankStatements.id))
      .limit(page.limit)
      .offset(page.offset),
    cappedCount(db, db.select({ id: bankStatements.id }).from(bankStatements).where(where)),
  ]);
  return { items, ...counted };
}

export async function findBankStatement(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(bankStatements)
    .where(
      and(
        eq(bankStatements.id, id),
        eq(bankStatements.organisationId, scope.organisationId),
        eq(bankStatements.locationId, scope.locationId),
      ),
    );
  return row;
}
