// Reads of invoices: the dashboard's list, count and totals, one invoice as the list shows it, and
// what an invoice's payment position is derived from (its ledger and credit notes). The list, its
// filters, order and totals read the stored position (columns on invoices, written with every
// change: app/invoices/record-position.ts), each through an index of its own (schema.ts), so a page
// costs the same at 100,000 invoices as at 100.
import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import { addDays } from "../../domain/invoice";
import type { StandingStatus } from "../../domain/invoice-case";
import { toInstant, toLocal } from "../../domain/wall-clock";
import type { DbOrTx } from "../client";
import {
  customerLinks,
  customers,
  invoicePayments,
  invoices,
  type locations,
  staffUsers,
  units,
} from "../schema";
import { loadLocation } from "./bookings";
import { findCustomer, likePattern } from "./customers";
import {
  cappedTotal,
  invoiceBuckets,
  type ListCountKey,
  listCount,
  listCountSql,
  openInvoiceTotalSql,
} from "./list-counts";
import { cappedCount } from "./paging";
import { findUnit, odometerBefore } from "./units";

export const invoiceFilters = ["paid_ready", "delivered_unpaid", "open", "closed"] as const;
export type InvoiceFilter = (typeof invoiceFilters)[number];

// Literals, not parameters: the planner matches these to the partial indexes' predicates.
const issuedInvoice = sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued'`;
const filterSql: Record<InvoiceFilter, SQL> = {
  // Paid – ready for pick-up: nothing open, the vehicle still here.
  paid_ready: sql`${issuedInvoice} and ${invoices.openAmount} = 0 and ${invoices.deliveredAt} is null`,
  delivered_unpaid: sql`${issuedInvoice} and ${invoices.openAmount} > 0 and ${invoices.deliveredAt} is not null`,
  open: sql`${issuedInvoice} and ${invoices.openAmount} > 0`,
  closed: sql`${issuedInvoice} and ${invoices.openAmount} = 0 and ${invoices.deliveredAt} is not null and ${invoices.bookedAt} is not null`,
};

const inScope = (scope: Scope) =>
  and(eq(invoices.organisationId, scope.organisationId), eq(invoices.locationId, scope.locationId));

// A list row is what the dashboard shows: not the lines or the frozen parties (JSON that 50 rows
// would read, parse and send only for the list to drop; one invoice's own read has them).
const { lines: _lines, parties: _parties, ...summaryColumns } = getTableColumns(invoices);
const joined = {
  customerName: customers.displayName,
  make: units.make,
  model: units.model,
  plate: units.plate,
};

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceSummaryRow = Omit<InvoiceRow, "lines" | "parties">;
export interface ListedInvoice<Invoice extends InvoiceSummaryRow = InvoiceRow> {
  invoice: Invoice;
  customerName: string;
  make: string | null;
  model: string | null;
  plate: string | null;
}

export interface InvoiceSearch {
  /** Number, PO number, customer name or plate (a part of any). */
  q?: string | undefined;
  filter?: InvoiceFilter | undefined;
  workOrderId?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * A part of the number, PO number, customer name or plate. Every number of a year starts with the
 * same `INV-2025-`, whose trigrams every invoice of that year has: asking the trigram index for them
 * reads all those invoices' entries (tens of milliseconds at 100,000). So the index is asked for the
 * rest of what was typed, and the whole of it is checked on what the index finds.
 */
export function invoiceSearchCondition(q: string): SQL {
  const typed = sql`${invoices.searchText} like lower(${likePattern(q)})`;
  const rest = q.replace(/^(?:inv|cn)(?=-|$)(?:-(?:19|20)\d{2}(?=-|$))?-?/i, "");
  // Nothing left to narrow by (e.g. "INV-2025"): the planner sees from its statistics that much
  // matches and reads the list's own index in order, which carries the search column.
  if (rest === q || rest.length < 3) return typed;
  // `|| ''` keeps the whole pattern off the trigram index (with it, the index would read the common
  // trigrams after all); it checks the few rows the rest found.
  return sql`${invoices.searchText} like lower(${likePattern(rest)}) and (${invoices.searchText} || '') like lower(${likePattern(q)})`;
}

/** The dashboard's list: newest first, a page of it, and the matches counted up to the cap. */
export async function listInvoices(
  db: DbOrTx,
  scope: Scope,
  search: InvoiceSearch,
  /** With it, the dashboard's totals (since that instant) come in the same statement. */
  totalsSince?: Date,
) {
  const q = search.q?.trim();
  const where = and(
    inScope(scope),
    // The work order's invoice, through the unique index on (work order) of invoices.
    search.workOrderId
      ? and(eq(invoices.workOrderId, search.workOrderId), sql`${invoices.kind} = 'invoice'`)
      : undefined,
    search.filter ? filterSql[search.filter] : undefined,
    q ? invoiceSearchCondition(q) : undefined,
  );
  // The page's ids first (from the index alone), then only those rows are read and joined, so a
  // deep offset walks index entries, not rows with their customer and unit.
  const page = db
    .select({ id: invoices.id, createdAt: invoices.createdAt })
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(search.limit)
    .offset(search.offset)
    .as("page");
  // Without a search the total is the kept count, and it and the totals ride along with the rows:
  // one statement for the dashboard. A search counts its matches beside it.
  const countKey: ListCountKey | undefined =
    q || search.workOrderId ? undefined : { list: "invoices", buckets: invoiceBuckets(search.filter) };
  const kept = countKey ? listCountSql(scope.locationId, countKey) : null;
  const sums = totalsSince ? totalsSql(scope, totalsSince) : undefined;
  const [rows, searched] = await Promise.all([
    db
      .select({
        invoice: summaryColumns,
        ...joined,
        kept: kept ? sql<number>`(${kept})` : sql<null>`null`,
        openTotal: sums ? sums.openTotal : sql<null>`null`,
        paidToday: sums ? sums.paidToday : sql<null>`null`,
      })
      .from(page)
      .innerJoin(invoices, eq(invoices.id, page.id))
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .leftJoin(units, eq(units.id, invoices.unitId))
      .orderBy(desc(page.createdAt), desc(page.id)),
    // No joins: every invoice has its customer (a foreign key), and the search is on invoices.
    countKey ? undefined : cappedCount(db, db.select({ id: invoices.id }).from(invoices).where(where)),
  ]);
  const first = rows[0];
  // A page past the end has no row to carry the count and totals: only then are they read alone.
  const counted =
    searched ?? (first ? cappedTotal(Number(first.kept)) : await listCount(db, scope.locationId, countKey!));
  const totals = totalsSince
    ? first
      ? { openTotal: Number(first.openTotal), paidToday: Number(first.paidToday) }
      : await invoiceTotals(db, scope, totalsSince)
    : undefined;
  const items = rows.map(({ kept: _kept, openTotal: _open, paidToday: _paid, ...row }) => row);
  return { items: items as ListedInvoice<InvoiceSummaryRow>[], ...counted, totals };
}

/**
 * The invoice a work order was handed to (at most one: invoices_work_order_key), or undefined.
 * Without a customer the shop sees drafts too; a customer sees it only once issued.
 */
export async function workOrderInvoice(db: DbOrTx, scope: Scope, workOrderId: string, customerId?: string) {
  const [row] = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      currency: invoices.currency,
      totals: invoices.totals,
      openAmount: invoices.openAmount,
      paymentStatus: invoices.paymentStatus,
      dueDate: invoices.dueDate,
    })
    .from(invoices)
    .where(
      and(
        inScope(scope),
        eq(invoices.workOrderId, workOrderId),
        sql`${invoices.kind} = 'invoice'`,
        customerId ? and(eq(invoices.customerId, customerId), sql`${invoices.status} = 'issued'`) : undefined,
      ),
    );
  return row;
}

/** One invoice as the list shows it, or undefined outside the scope. */
export async function findListedInvoice(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<ListedInvoice | undefined> {
  const [row] = await db
    .select({ invoice: invoices, ...joined })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(units, eq(units.id, invoices.unitId))
    .where(and(inScope(scope), eq(invoices.id, id)));
  return row;
}

/**
 * The dashboard's totals: what is open on issued invoices (summed from the open invoices' partial
 * index, which carries the open amount) and what came in since `since` net of refunds (a range of
 * the ledger's index by location and time).
 */
export async function invoiceTotals(db: DbOrTx, scope: Scope, since: Date) {
  // One round trip for both (each a scalar subquery on its own index): on a loaded machine every
  // trip to the database costs more than these sums.
  const sums = totalsSql(scope, since);
  const [row] = await db
    .select({ openTotal: sums.openTotal, paidToday: sums.paidToday })
    .from(sql`(select 1) as one`);
  return { openTotal: Number(row?.openTotal ?? 0), paidToday: Number(row?.paidToday ?? 0) };
}

/** The dashboard's totals as scalar subqueries, for a statement that reads more besides. */
function totalsSql(scope: Scope, since: Date) {
  return {
    openTotal: sql<string>`(${openInvoiceTotalSql(scope.locationId)})`,
    paidToday: sql<string>`(
        select coalesce(sum(case ${invoicePayments.kind} when 'payment' then ${invoicePayments.amount} else -${invoicePayments.amount} end), 0)::bigint
        from ${invoicePayments}
        where ${invoicePayments.organisationId} = ${scope.organisationId}
          and ${invoicePayments.locationId} = ${scope.locationId}
          and ${invoicePayments.createdAt} >= ${since})`,
  };
}

/** The invoice's ledger: its payments and refunds. */
export async function ledgerOf(db: DbOrTx, invoiceId: string) {
  return db
    .select({
      kind: invoicePayments.kind,
      amount: invoicePayments.amount,
      currency: invoicePayments.currency,
    })
    .from(invoicePayments)
    .where(eq(invoicePayments.invoiceId, invoiceId));
}

/**
 * Every payment and refund of an invoice, oldest first, for its page: method, when, the provider's
 * or terminal's reference and who recorded it (a staff member at the counter; none for a
 * provider's event). One invoice's entries, from invoice_payments_invoice_idx.
 */
export async function paymentHistory(db: DbOrTx, scope: Scope, invoiceId: string) {
  return db
    .select({
      id: invoicePayments.id,
      kind: invoicePayments.kind,
      amount: invoicePayments.amount,
      currency: invoicePayments.currency,
      method: invoicePayments.method,
      source: invoicePayments.source,
      reference: invoicePayments.reference,
      recordedBy: staffUsers.name,
      at: invoicePayments.createdAt,
    })
    .from(invoicePayments)
    .leftJoin(staffUsers, eq(staffUsers.id, invoicePayments.recordedById))
    .where(
      and(
        eq(invoicePayments.invoiceId, invoiceId),
        eq(invoicePayments.organisationId, scope.organisationId),
        eq(invoicePayments.locationId, scope.locationId),
      ),
    )
    .orderBy(asc(invoicePayments.createdAt), asc(invoicePayments.id));
}

/** The credit notes against an invoice, oldest first, for its page (from invoices_credited_idx). */
export async function creditNotesOf(db: DbOrTx, scope: Scope, invoiceId: string) {
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      issueDate: invoices.issueDate,
      gross: sql<number>`(${invoices.totals}->>'gross')::int`,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(and(eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.status, "issued"), inScope(scope)))
    .orderBy(asc(invoices.issuedAt), asc(invoices.id));
}

/**
 * The invoice's latest payment link (sending again replaces it) with who cancelled it, for the
 * state the invoice page shows; null when it was never sent. From customer_links_subject_idx.
 */
export async function latestPayLink(db: DbOrTx, scope: Scope, invoiceId: string) {
  const [row] = await db
    .select({
      createdAt: customerLinks.createdAt,
      expiresAt: customerLinks.expiresAt,
      openedAt: customerLinks.openedAt,
      revokedAt: customerLinks.revokedAt,
      revokedBy: staffUsers.name,
    })
    .from(customerLinks)
    .leftJoin(staffUsers, eq(staffUsers.id, customerLinks.revokedById))
    .where(
      and(
        eq(customerLinks.subjectId, invoiceId),
        eq(customerLinks.purpose, "invoice-payment"),
        eq(customerLinks.organisationId, scope.organisationId),
        eq(customerLinks.locationId, scope.locationId),
      ),
    )
    .orderBy(desc(customerLinks.createdAt))
    .limit(1);
  return row ?? null;
}

/** Gross of the issued credit notes against the invoice. */
export async function creditedGrossOf(db: DbOrTx, invoiceId: string): Promise<number> {
  const [row] = await db
    .select({ gross: sql<string>`coalesce(sum((${invoices.totals}->>'gross')::int), 0)::bigint` })
    .from(invoices)
    .where(and(eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.status, "issued")));
  return Number(row?.gross ?? 0);
}

export interface DerivedPosition {
  invoiceId: string;
  paymentStatus: StandingStatus;
  receivedAmount: number;
  creditedAmount: number;
  openAmount: number;
  overpaid: boolean;
  foreignCurrency: boolean;
}

/**
 * The position of every invoice of the location as the database derives it in one pass (the SQL
 * function `invoice_positions` of drizzle/0011, capped in 0014): what a refresh would write.
 */
export async function derivedPositions(db: DbOrTx, locationId: string): Promise<DerivedPosition[]> {
  return db
    .select({
      invoiceId: sql<string>`d.invoice_id`,
      paymentStatus: sql<StandingStatus>`d.payment_status`,
      receivedAmount: sql<number>`d.received_amount`,
      creditedAmount: sql<number>`d.credited_amount`,
      openAmount: sql<number>`d.open_amount`,
      overpaid: sql<boolean>`d.overpaid`,
      foreignCurrency: sql<boolean>`d.foreign_currency`,
    })
    .from(sql`invoice_positions(${locationId}) d`);
}

export async function findInvoice(db: DbOrTx, scope: Scope, id: string, customerId?: string) {
  const conditions = [
    eq(invoices.id, id),
    eq(invoices.organisationId, scope.organisationId),
    eq(invoices.locationId, scope.locationId),
  ];
  if (customerId) conditions.push(eq(invoices.customerId, customerId));
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(...conditions));
  return row ?? null;
}

/** Today in the location's calendar. */
export async function locationToday(tx: DbOrTx, locationId: string, now = new Date()) {
  const location = await loadLocation(tx, locationId);
  return toLocal(now, location.timeZone).date;
}

/**
 * The vehicle the work was done on, as the invoice prints it: make, model, plate, VIN and the
 * odometer at the service (the last reading up to the end of the service day), so the customer and
 * a warranty claim can tell which car and at what mileage.
 */
export async function vehicleOf(
  tx: DbOrTx,
  scope: Scope,
  invoice: Pick<InvoiceRow, "unitId" | "serviceDate">,
) {
  if (!invoice.unitId) return null;
  const unit = await findUnit(tx, scope, invoice.unitId);
  if (!unit) return null;
  const location = await loadLocation(tx, scope.locationId);
  const until = invoice.serviceDate
    ? toInstant({ date: addDays(invoice.serviceDate, 1), time: "00:00" }, location.timeZone)
    : new Date();
  return vehicleFacts(unit, await odometerBefore(tx, unit, until));
}

/** The vehicle as an issued invoice freezes it; a pushed or uploaded invoice knows no odometer. */
export function vehicleFacts(
  unit: Pick<typeof units.$inferSelect, "make" | "model" | "year" | "plate" | "vin">,
  odometerKm: number | null,
) {
  return {
    make: unit.make,
    model: unit.model,
    year: unit.year,
    plate: unit.plate,
    vin: unit.vin,
    odometerKm,
  };
}

/** The seller as an issued invoice freezes it (printed, and in the e-invoice). */
export function sellerOf(location: typeof locations.$inferSelect) {
  return {
    legalName: location.legalName,
    street: location.street,
    postalCode: location.postalCode,
    city: location.city,
    country: location.country,
    vatId: location.vatId,
    taxNumber: location.taxNumber,
    registerCourt: location.registerCourt,
    registerNumber: location.registerNumber,
    managingDirectors: location.managingDirectors,
    iban: location.iban,
    bic: location.bic,
    email: location.email,
    phone: location.phone,
    eInvoiceAddress: location.eInvoiceAddress,
  };
}

/** The buyer as an issued invoice freezes it; the buyer reference (BT-10) is the invoice's. */
export function buyerOf(customer: typeof customers.$inferSelect) {
  return {
    name: customer.displayName,
    street: customer.street,
    postalCode: customer.postalCode,
    city: customer.city,
    country: customer.country,
    vatId: customer.vatId,
    email: customer.email,
    language: customer.language,
    eInvoiceAddress: customer.eInvoiceAddress,
    buyerReference: customer.buyerReference,
  };
}

/** Seller, buyer and vehicle exactly as printed, so a later change never rewrites an issued invoice. */
export async function partiesOf(tx: DbOrTx, actor: Scope, invoice: InvoiceRow) {
  const location = await loadLocation(tx, actor.locationId);
  const customer = await findCustomer(tx, actor, invoice.customerId);
  return {
    seller: sellerOf(location),
    buyer: buyerOf(customer!),
    vehicle: await vehicleOf(tx, actor, invoice),
    paymentTermsDays: customer!.paymentTermsDays,
  };
}

/** The invoice row, locked until the transaction ends; undefined when missing (or outside the scope). */
export async function lockInvoice(
  tx: DbOrTx,
  id: string,
  scope?: Scope,
): Promise<typeof invoices.$inferSelect | undefined> {
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

/** The invoice a DMS pushed under its own id (at most one per location: invoices_external_id_key). */
export async function invoiceByExternalId(db: DbOrTx, scope: Scope, externalId: string) {
  const [row] = await db
    .select({ invoice: invoices, ...joined })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(units, eq(units.id, invoices.unitId))
    .where(and(inScope(scope), eq(invoices.externalId, externalId)));
  return row;
}

/** An invoice as the export writes it: the dashboard's columns. */
export interface ExportedInvoice {
  id: string;
  number: string | null;
  kind: "invoice" | "credit_note";
  status: "draft" | "issued";
  customerName: string;
  issueDate: string | null;
  dueDate: string | null;
  serviceDate: string | null;
  net: number;
  tax: number;
  gross: number;
  openAmount: number;
  currency: string;
  paymentStatus: string;
  poNumber: string | null;
  createdAt: Date;
}

/**
 * Every invoice the dashboard's filter and search match, newest first, a batch at a time by keyset
 * on (created_at, id) — a range of the list's index per batch, so the 100th batch costs what the
 * first does and the export holds one batch in memory.
 */
export async function* eachInvoice(
  db: DbOrTx,
  scope: Scope,
  search: { q?: string | undefined; filter?: InvoiceFilter | undefined },
  batch = 1000,
): AsyncGenerator<ExportedInvoice[]> {
  const q = search.q?.trim();
  // The cursor's time as PostgreSQL's text: a JavaScript Date would drop the microseconds and skip or
  // repeat rows created within the same millisecond.
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const cursor: { createdAt: string; id: string } | null = after;
    const ids: { id: string; createdAt: string }[] = await db
      .select({ id: invoices.id, createdAt: sql<string>`${invoices.createdAt}::text` })
      .from(invoices)
      .where(
        and(
          inScope(scope),
          search.filter ? filterSql[search.filter] : undefined,
          q ? invoiceSearchCondition(q) : undefined,
          cursor
            ? sql`(${invoices.createdAt}, ${invoices.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`
            : undefined,
        ),
      )
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(batch);
    if (ids.length === 0) return;
    const rows = await db
      .select({
        id: invoices.id,
        number: invoices.number,
        kind: invoices.kind,
        status: invoices.status,
        customerName: customers.displayName,
        issueDate: invoices.issueDate,
        dueDate: invoices.dueDate,
        serviceDate: invoices.serviceDate,
        net: sql<number>`(${invoices.totals}->>'net')::int`,
        tax: sql<number>`(${invoices.totals}->>'tax')::int`,
        gross: sql<number>`(${invoices.totals}->>'gross')::int`,
        openAmount: invoices.openAmount,
        currency: invoices.currency,
        paymentStatus: invoices.paymentStatus,
        poNumber: invoices.poNumber,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(
        sql`${invoices.id} in (${sql.join(
          ids.map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
      )
      .orderBy(desc(invoices.createdAt), desc(invoices.id));
    yield rows.map((r) => ({ ...r, net: Number(r.net), tax: Number(r.tax), gross: Number(r.gross) }));
    if (ids.length < batch) return;
    const last: { id: string; createdAt: string } = ids[ids.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
