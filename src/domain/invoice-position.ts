// An invoice's payment position as stored on the invoice (its projection, written by
// app/invoices/record-position.ts) and as read back from it.
import {
  type LedgerStanding,
  ledgerStanding,
  type PaymentPosition,
  type StandingStatus,
  statusOn,
} from "./invoice-case";

/** The projection's columns an invoice row carries. */
export interface StoredPosition {
  paymentStatus: StandingStatus;
  dueDate: string | null;
  receivedAmount: number;
  openAmount: number;
  overpaid: boolean;
  foreignCurrency: boolean;
}

/** The projection's columns for a standing. */
export function projection(standing: LedgerStanding, credited: number) {
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
export function positionOf(invoice: StoredPosition, today: string): PaymentPosition {
  return {
    status: statusOn(invoice.paymentStatus, invoice.dueDate, today),
    received: invoice.receivedAmount,
    open: invoice.openAmount,
    overpaid: invoice.overpaid,
    foreignCurrency: invoice.foreignCurrency,
  };
}
