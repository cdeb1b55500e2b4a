import type { DbOrTx } from "../../db/client";
import type { PaymentPosition } from "../../domain/invoice-case";
import type { InvoiceRow } from "../invoices/invoices";
import { locationToday } from "../invoices/invoices";
import { positionOf } from "../invoices/record-position";

/**
 * The invoice's payment position as of today in the location: the stored projection (kept with every
 * ledger change, app/invoices/record-position.ts), so reading it never scans the ledger.
 */
export async function paymentPositionOf(tx: DbOrTx, invoice: InvoiceRow): Promise<PaymentPosition> {
  return positionOf(invoice, await locationToday(tx, invoice.locationId));
}
