import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { invoicePayments, invoices } from "../../db/schema";
import { paymentPosition } from "../../domain/invoice-case";
import type { InvoiceRow } from "../invoices/invoices";
import { locationToday } from "../invoices/invoices";

/** The invoice's payment position from its ledger and credit notes, as of today in the location. */
export async function paymentPositionOf(tx: DbOrTx, invoice: InvoiceRow) {
  const [ledger, credits, today] = await Promise.all([
    tx.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id)),
    tx
      .select({ totals: invoices.totals })
      .from(invoices)
      .where(and(eq(invoices.creditedInvoiceId, invoice.id), eq(invoices.status, "issued"))),
    locationToday(tx, invoice.locationId),
  ]);
  return paymentPosition(
    {
      issued: invoice.status === "issued",
      gross: invoice.totals.gross,
      currency: invoice.currency,
      credited: credits.reduce((s, c) => s + c.totals.gross, 0),
      dueDate: invoice.dueDate,
    },
    ledger,
    today,
  );
}
