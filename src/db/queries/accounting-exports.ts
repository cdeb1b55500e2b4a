// The accountant's exports (issue #15): the payments journal, the invoices and payments of a DATEV
// booking batch, and a customer's statement of account. The journals are read by keyset a thousand
// rows at a time, so a year of a dealership's bookings leaves in one batch of memory; each batch is
// a range of the location's entries (payments: `invoice_payments_scope_idx` by created_at).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type AccountingSettings, defaultAccounting } from "../../domain/accounting";
import type { Scope } from "../../domain/actor";
import { addDays } from "../../domain/invoice";
import type { Totals } from "../../domain/money";
import { toInstant } from "../../domain/wall-clock";
import type { DbOrTx } from "../client";
import { customers, invoicePayments, invoices, locations } from "../schema";

/** The location's DATEV numbers and accounts; SKR03's defaults until someone saves them. */
export async function loadAccounting(db: DbOrTx, locationId: string): Promise<AccountingSettings> {
  const [row] = await db
    .select({ accounting: locations.accounting })
    .from(locations)
    .where(eq(locations.id, locationId));
  return row?.accounting ?? defaultAccounting();
}

export async function saveAccounting(db: DbOrTx, scope: Scope, settings: AccountingSettings) {
  await db
    .update(locations)
    .set({ accounting: settings, version: sql`${locations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(locations.id, scope.locationId), eq(locations.organisationId, scope.organisationId)));
}

/** The instants that bound the location's calendar days from … to (inclusive): [start, end). */
export function dayRange(from: string, to: string, timeZone: string) {
  return {
    start: toInstant({ date: from, time: "00:00" }, timeZone),
    end: toInstant({ date: addDays(to, 1), time: "00:00" }, timeZone),
  };
}

export interface ExportedPayment {
  id: string;
  /** The location's calendar day it was recorded (yyyy-mm-dd). */
  date: string;
  invoiceNumber: string;
  customerName: string;
  kind: "payment" | "refund";
  method: string;
  source: string;
  reference: string | null;
  /** Minor units, positive (a refund's sign is the export's to give). */
  amount: number;
  currency: string;
}

/**
 * Every payment and refund of the location recorded on the days from … to, oldest first, a batch at
 * a time by (created_at, id). The cursor's time travels as PostgreSQL's text: a JavaScript Date
 * would drop the microseconds and skip or repeat entries of the same millisecond.
 */
export async function* eachPayment(
  db: DbOrTx,
  scope: Scope,
  range: { from: string; to: string; timeZone: string },
  batch = 1000,
): AsyncGenerator<ExportedPayment[]> {
  const { start, end } = dayRange(range.from, range.to, range.timeZone);
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const cursor: { createdAt: string; id: string } | null = after;
    const rows: (ExportedPayment & { createdAt: string })[] = await db
      .select({
        id: invoicePayments.id,
        createdAt: sql<string>`${invoicePayments.createdAt}::text`,
        date: sql<string>`to_char(${invoicePayments.createdAt} at time zone ${range.timeZone}, 'YYYY-MM-DD')`,
        invoiceNumber: sql<string>`coalesce(${invoices.number}, '')`,
        customerName: customers.displayName,
        kind: invoicePayments.kind,
        method: invoicePayments.method,
        source: invoicePayments.source,
        reference: invoicePayments.reference,
        amount: invoicePayments.amount,
        currency: invoicePayments.currency,
      })
      .from(invoicePayments)
      .innerJoin(invoices, eq(invoices.id, invoicePayments.invoiceId))
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(
        and(
          eq(invoicePayments.organisationId, scope.organisationId),
          eq(invoicePayments.locationId, scope.locationId),
          sql`${invoicePayments.createdAt} >= ${start.toISOString()}::timestamptz`,
          sql`${invoicePayments.createdAt} < ${end.toISOString()}::timestamptz`,
          cursor
            ? sql`(${invoicePayments.createdAt}, ${invoicePayments.id}) > (${cursor.createdAt}::timestamptz, ${cursor.id})`
            : undefined,
        ),
      )
      .orderBy(asc(invoicePayments.createdAt), asc(invoicePayments.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows.map(({ createdAt: _, ...row }) => row);
    if (rows.length < batch) return;
    const last: { createdAt: string; id: string } = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export interface BookedInvoice {
  id: string;
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string;
  currency: string;
  totals: Totals;
  customerName: string;
}

/**
 * Every invoice and credit note of the location issued on the days from … to, by (issue date, id),
 * a batch at a time. Issue dates are the location's calendar days already.
 */
export async function* eachIssuedInvoice(
  db: DbOrTx,
  scope: Scope,
  range: { from: string; to: string },
  batch = 1000,
): AsyncGenerator<BookedInvoice[]> {
  let after: { issueDate: string; id: string } | null = null;
  for (;;) {
    const cursor: { issueDate: string; id: string } | null = after;
    const rows: BookedInvoice[] = await db
      .select({
        id: invoices.id,
        kind: invoices.kind,
        number: sql<string>`coalesce(${invoices.number}, '')`,
        issueDate: sql<string>`${invoices.issueDate}`,
        currency: invoices.currency,
        totals: invoices.totals,
        customerName: customers.displayName,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(
        and(
          eq(invoices.organisationId, scope.organisationId),
          eq(invoices.locationId, scope.locationId),
          sql`${invoices.status} = 'issued'`,
          sql`${invoices.issueDate} >= ${range.from}`,
          sql`${invoices.issueDate} <= ${range.to}`,
          cursor
            ? sql`(${invoices.issueDate}, ${invoices.id}) > (${cursor.issueDate}, ${cursor.id})`
            : undefined,
        ),
      )
      .orderBy(asc(invoices.issueDate), asc(invoices.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    const last: BookedInvoice = rows[rows.length - 1]!;
    after = { issueDate: last.issueDate, id: last.id };
  }
}

export interface StatementInvoice {
  id: string;
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string | null;
  dueDate: string | null;
  gross: number;
  received: number;
  open: number;
  currency: string;
  /** For a credit note: the number of the invoice it credits. */
  creditsNumber: string | null;
}

/**
 * A customer's statement: the issued invoices still open, oldest due date first (no due date last),
 * each followed by the credit notes that reduce it. A customer's open invoices are a bounded set.
 */
export async function statementInvoices(
  db: DbOrTx,
  scope: Scope,
  customerId: string,
): Promise<StatementInvoice[]> {
  const open = await db
    .select({
      id: invoices.id,
      number: sql<string>`coalesce(${invoices.number}, '')`,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      gross: sql<number>`(${invoices.totals}->>'gross')::int`,
      received: invoices.receivedAmount,
      open: invoices.openAmount,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.organisationId, scope.organisationId),
        eq(invoices.locationId, scope.locationId),
        sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued' and ${invoices.openAmount} > 0`,
        eq(invoices.customerId, customerId),
      ),
    )
    .orderBy(sql`${invoices.dueDate} asc nulls last`, asc(invoices.id));
  if (open.length === 0) return [];
  const notes = await db
    .select({
      id: invoices.id,
      number: sql<string>`coalesce(${invoices.number}, '')`,
      issueDate: invoices.issueDate,
      gross: sql<number>`(${invoices.totals}->>'gross')::int`,
      currency: invoices.currency,
      creditedInvoiceId: invoices.creditedInvoiceId,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.organisationId, scope.organisationId),
        eq(invoices.locationId, scope.locationId),
        sql`${invoices.kind} = 'credit_note' and ${invoices.status} = 'issued'`,
        inArray(
          invoices.creditedInvoiceId,
          open.map((i) => i.id),
        ),
      ),
    )
    .orderBy(asc(invoices.issueDate), asc(invoices.id));
  return open.flatMap((invoice) => [
    { ...invoice, kind: "invoice" as const, gross: Number(invoice.gross), creditsNumber: null },
    ...notes
      .filter((n) => n.creditedInvoiceId === invoice.id)
      .map((n) => ({
        id: n.id,
        kind: "credit_note" as const,
        number: n.number,
        issueDate: n.issueDate,
        dueDate: null,
        gross: -Number(n.gross),
        received: 0,
        open: 0,
        currency: n.currency,
        creditsNumber: invoice.number,
      })),
  ]);
}
