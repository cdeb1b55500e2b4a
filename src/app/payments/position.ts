import type { DbOrTx } from "../../db/client";
import { type InvoiceRow, locationToday } from "../../db/queries/invoices";
import type { PaymentPosition } from "../../domain/invoice-case";
import { positionOf } from "../../domain/invoice-position";

/**
 * The invoice's payment position as of today in the location: the stored projection (kept with every
 * ledger change, app/invoices/record-position.ts), so reading it never scans the ledger.
 */
export async function paymentPositionOf(tx: DbOrTx, invoice: InvoiceRow): Promise<PaymentPosition> {
  return positionOf(invoice, await locationToday(tx, invoice.locationId));
}
