// Invoice cases (DESIGN.md §4–6): an issued invoice never changes; what happens to it afterwards is
// a ledger of payments and refunds (from the provider's webhooks or the counter) plus the handover
// and bookkeeping facts. The payment status is derived from the ledger, never stored by hand, so
// repeated or reordered provider events cannot leave it wrong.

export const paymentStatuses = [
  "draft",
  "invoiced",
  "partially_paid",
  "paid",
  "overdue",
  "credited",
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** What the payment page can offer; card, PayPal and instant transfer go through the provider. */
export const paymentMethods = ["card", "paypal", "instant_transfer", "bank_transfer", "counter"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const providerMethods: readonly PaymentMethod[] = ["card", "paypal", "instant_transfer"];

export interface LedgerEntry {
  kind: "payment" | "refund";
  /** Minor units, always positive; the kind gives the direction. */
  amount: number;
  currency: string;
}

export interface PaymentPosition {
  status: PaymentStatus;
  /** Payments minus refunds. */
  received: number;
  /** What is still to pay (never below zero). */
  open: number;
  /** More came in than was owed: someone must look (refund or credit). */
  overpaid: boolean;
  /** Entries in another currency than the invoice: never counted, always flagged. */
  foreignCurrency: boolean;
}

/** Everything but "overdue", which only the calendar adds. */
export type StandingStatus = Exclude<PaymentStatus, "overdue">;

/**
 * What the ledger alone says: the part of the position that changes only when money, a credit note
 * or the issue changes, so it can be stored beside the invoice (its projection) without going stale.
 */
export interface LedgerStanding extends Omit<PaymentPosition, "status"> {
  status: StandingStatus;
}

export interface InvoiceFacts {
  issued: boolean;
  gross: number;
  currency: string;
  /** Gross of the credit notes against it. */
  credited: number;
  /**
   * Fees and default interest sent reminders charged (issue #15): owed on top of the gross while any
   * of the invoice itself is owed. A credit note that cancels the whole invoice waives them with it.
   */
  charges?: number;
  /** yyyy-mm-dd in the location's zone; `today` is compared in the same terms. */
  dueDate: string | null;
}

export function ledgerStanding(
  invoice: Omit<InvoiceFacts, "dueDate">,
  ledger: readonly LedgerEntry[],
): LedgerStanding {
  const counted = ledger.filter((e) => e.currency === invoice.currency);
  const received = counted.reduce((sum, e) => sum + (e.kind === "payment" ? e.amount : -e.amount), 0);
  const principal = Math.max(0, invoice.gross - invoice.credited);
  const owed = principal > 0 ? principal + Math.max(0, invoice.charges ?? 0) : 0;
  // Never more open than owed: refunds are capped at what their payment brought (refundToRecord),
  // and a ledger from before that cap, with more refunded than paid, must not show an invoice
  // owing more than its gross.
  const open = Math.min(owed, Math.max(0, owed - received));
  const foreignCurrency = counted.length !== ledger.length;
  const overpaid = received > owed;
  let status: StandingStatus;
  if (!invoice.issued) status = "draft";
  else if (invoice.credited >= invoice.gross && received <= 0) status = "credited";
  else if (open === 0) status = "paid";
  else if (received > 0) status = "partially_paid";
  else status = "invoiced";
  return { status, received, open, overpaid, foreignCurrency };
}

/**
 * A provider's refund report, for one of its payments. Providers report the running total refunded
 * on the payment, so an event adds what it reports beyond the highest total already accounted for
 * (an older, lower report arriving late adds nothing).
 */
export interface RefundReport {
  /** The payment's amount, as recorded in the ledger. */
  paid: number;
  /** Refunds of this payment already in the ledger. */
  refunded: number;
  /** The highest running total accounted for so far: recorded, or flagged as excess. */
  reportedBefore: number;
  /** The running total this report gives. */
  reportedTotal: number;
}

export interface RefundToRecord {
  /** What goes into the ledger as a refund: never more than is left of the payment. */
  record: number;
  /** Reported beyond what the payment brought: not money Pitlane can count, flagged for review. */
  excess: number;
}

/**
 * A refund is capped at what its payment brought in. More than that cannot have left the shop for
 * this payment (a provider's error, a report mapped to the wrong payment), and counting it would
 * take the invoice's received amount below zero and its open amount above its gross; the rest is
 * flagged for a person to look at.
 */
export function refundToRecord(report: RefundReport): RefundToRecord {
  const growth = report.reportedTotal - report.reportedBefore;
  if (growth <= 0) return { record: 0, excess: 0 };
  const record = Math.min(growth, Math.max(0, report.paid - report.refunded));
  return { record, excess: growth - record };
}

/** An invoice nobody has paid any of is overdue once its due date has passed. */
export function statusOn(status: StandingStatus, dueDate: string | null, today: string): PaymentStatus {
  return status === "invoiced" && dueDate !== null && today > dueDate ? "overdue" : status;
}

export function paymentPosition(
  invoice: InvoiceFacts,
  ledger: readonly LedgerEntry[],
  today: string,
): PaymentPosition {
  const standing = ledgerStanding(invoice, ledger);
  return { ...standing, status: statusOn(standing.status, invoice.dueDate, today) };
}

export interface CaseFacts {
  status: PaymentStatus;
  deliveredAt: Date | null;
  bookedAt: Date | null;
}

/** A case is closed when it is paid (or fully credited), the vehicle has been handed over, and the payment is booked. */
export function isClosed(c: CaseFacts): boolean {
  const settled = c.status === "paid" || c.status === "credited";
  return settled && c.deliveredAt !== null && c.bookedAt !== null;
}

/**
 * Handing over the keys of an unpaid invoice needs an explicit confirmation, unless the customer is
 * on account (they pay by invoice as agreed).
 */
export function needsDeliveryConfirmation(status: PaymentStatus, payOnAccount: boolean): boolean {
  if (payOnAccount) return false;
  return status !== "paid" && status !== "credited";
}
