// The invoice's payment position is derived from its ledger and credit notes by the domain
// (`ledgerStanding`) and stored on the invoice (its projection) in the same transaction as every
// change to them: a payment or refund, a credit note, the issue, a draft's lines. Everything that
// shows or filters a position reads the stored one (`positionOf`), so no list derives it per row.
//
// Concurrency: whoever changes the ledger or the credit notes locks the invoice row first
// (`lockInvoice`) and records the position after its change. Two payments for one invoice queue on
// that lock, and the second one's ledger read — a new statement after the lock, so under READ
// COMMITTED it sees everything committed before — includes the first: no update is lost. The lock
// comes before the ledger insert, not after: the insert's foreign key takes a key-share lock on the
// invoice, and two transactions each holding one and then asking for this lock would deadlock.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { creditedGrossOf, ledgerOf } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { Scope } from "../../domain/actor";
import {
  type LedgerStanding,
  ledgerStanding,
  type PaymentPosition,
  statusOn,
} from "../../domain/invoice-case";

type InvoiceRow = typeof invoices.$inferSelect;

/** The projection's columns for a standing. */
function projection(standing: LedgerStanding, credited: number) {
  return {
    paymentStatus: standing.status,
    receivedAmount: standing.received,
    creditedAmount: credited,
    openAmount: standing.open,
    overpaid: standing.overpaid,
    foreignCurrency: standing.foreignCurrency,
  };
}

/** A new draft's projection: nothing received, nothing credited, everything open. */
export function draftPosition(gross: number, currency: string) {
  return projection(ledgerStanding({ issued: false, gross, currency, credited: 0 }, []), 0);
}

/** The stored position as of `today` (yyyy-mm-dd in the location), which adds "overdue". */
export function positionOf(
  invoice: Pick<
    InvoiceRow,
    "paymentStatus" | "dueDate" | "receivedAmount" | "openAmount" | "overpaid" | "foreignCurrency"
  >,
  today: string,
): PaymentPosition {
  return {
    status: statusOn(invoice.paymentStatus, invoice.dueDate, today),
    received: invoice.receivedAmount,
    open: invoice.openAmount,
    overpaid: invoice.overpaid,
    foreignCurrency: invoice.foreignCurrency,
  };
}

/** The invoice row, locked until the transaction ends; undefined when missing (or outside the scope). */
export async function lockInvoice(tx: DbOrTx, id: string, scope?: Scope): Promise<InvoiceRow | undefined> {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.id, id),
        scope ? eq(invoices.organisationId, scope.organisationId) : undefined,
        scope ? eq(invoices.locationId, scope.locationId) : undefined,
      ),
    )
    // Not "for update": inserts that merely reference the invoice (a checkout, a ledger entry) take
    // a key-share lock that must not queue behind this one; lockers still queue on each other.
    .for("no key update");
  return row;
}

/**
 * Derives the invoice's position from its ledger and credit notes and stores it; returns the row as
 * it now is. Call it after the change, in its transaction.
 */
export async function recordPosition(tx: DbOrTx, invoiceId: string): Promise<InvoiceRow> {
  const invoice = await lockInvoice(tx, invoiceId);
  if (!invoice) throw new Error(`invoice ${invoiceId} is missing`);
  // One after the other: a transaction is one connection, which runs one statement at a time anyway.
  const ledger = await ledgerOf(tx, invoiceId);
  const credited = await creditedGrossOf(tx, invoiceId);
  const values = projection(
    ledgerStanding(
      {
        issued: invoice.status === "issued",
        gross: invoice.totals.gross,
        currency: invoice.currency,
        credited,
      },
      ledger,
    ),
    credited,
  );
  const unchanged = (Object.keys(values) as (keyof typeof values)[]).every((k) => invoice[k] === values[k]);
  if (unchanged) return invoice;
  const [row] = await tx.update(invoices).set(values).where(eq(invoices.id, invoiceId)).returning();
  return row!;
}
