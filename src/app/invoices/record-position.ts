// The invoice's payment position is derived from its ledger and credit notes by the domain
// (`ledgerStanding`) and stored on the invoice (its projection) in the same transaction as every
// change to them: a payment or refund, a credit note, the issue, a draft's lines. Everything that
// shows or filters a position reads the stored one (`positionOf`, domain/invoice-position.ts), so
// no list derives it per row.
//
// Concurrency: whoever changes the ledger or the credit notes locks the invoice row first
// (`lockInvoice`, db/queries/invoices.ts) and records the position after its change. Two payments
// for one invoice queue on that lock, and the second one's ledger read — a new statement after the
// lock, so under READ COMMITTED it sees everything committed before — includes the first: no update
// is lost. The lock comes before the ledger insert, not after: the insert's foreign key takes a
// key-share lock on the invoice, and two transactions each holding one and then asking for this lock
// would deadlock.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { creditedGrossOf, ledgerOf, lockInvoice } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import { ledgerStanding } from "../../domain/invoice-case";
import { projection } from "../../domain/invoice-position";

type InvoiceRow = typeof invoices.$inferSelect;

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
        charges: invoice.dunningCharges,
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
