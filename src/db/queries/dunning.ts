// Reads for dunning (issue #15): the location's schedule, the invoices a run looks at, the review
// queue and sent reminders (a range of their queue index), and one invoice's reminders.
import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import { type DunningSchedule, defaultSchedule } from "../../domain/dunning";
import type { DbOrTx } from "../client";
import { customers, dunningNotices, dunningSchedules, invoices } from "../schema";
import { cappedCount } from "./paging";

export type NoticeRow = typeof dunningNotices.$inferSelect;
export type NoticeStatus = NoticeRow["status"];

/** The location's schedule, or the default (off) when it never saved one. */
export async function loadSchedule(
  db: DbOrTx,
  locationId: string,
): Promise<DunningSchedule & { version: number; saved: boolean }> {
  const [row] = await db.select().from(dunningSchedules).where(eq(dunningSchedules.locationId, locationId));
  if (!row) return { ...defaultSchedule(), version: 0, saved: false };
  return {
    enabled: row.enabled,
    interestEnabled: row.interestEnabled,
    minDaysBetween: row.minDaysBetween,
    levels: row.levels,
    version: row.version,
    saved: true,
  };
}

/** Locations whose dunning is on: the run goes through these. */
export async function locationsDunning(db: DbOrTx) {
  return db
    .select({ organisationId: dunningSchedules.organisationId, locationId: dunningSchedules.locationId })
    .from(dunningSchedules)
    .where(eq(dunningSchedules.enabled, true));
}

/**
 * Open invoices of the location due on or before `latestDue`, not paused, below the last level: a
 * range of the open-items index (due date order), in batches after `after` (due date, id).
 */
export async function dunningCandidates(
  db: DbOrTx,
  scope: Scope,
  latestDue: string,
  maxLevel: number,
  after: { dueDate: string; id: string } | null,
  limit = 200,
) {
  return db
    .select({ id: invoices.id, dueDate: invoices.dueDate })
    .from(invoices)
    .where(
      and(
        eq(invoices.organisationId, scope.organisationId),
        eq(invoices.locationId, scope.locationId),
        sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued' and ${invoices.openAmount} > 0`,
        lte(invoices.dueDate, latestDue),
        after ? sql`(${invoices.dueDate}, ${invoices.id}) > (${after.dueDate}, ${after.id})` : undefined,
        sql`${invoices.dunningLevel} < ${maxLevel}`,
        isNull(invoices.dunningPausedAt),
      ),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.id))
    .limit(limit);
}

/** The invoice's reminders, first level first (its page's history). */
export async function noticesOfInvoice(db: DbOrTx, scope: Scope, invoiceId: string) {
  return db
    .select()
    .from(dunningNotices)
    .where(
      and(
        eq(dunningNotices.organisationId, scope.organisationId),
        eq(dunningNotices.locationId, scope.locationId),
        eq(dunningNotices.invoiceId, invoiceId),
      ),
    )
    .orderBy(asc(dunningNotices.level));
}

export async function findNotice(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(dunningNotices)
    .where(
      and(
        eq(dunningNotices.id, id),
        eq(dunningNotices.organisationId, scope.organisationId),
        eq(dunningNotices.locationId, scope.locationId),
      ),
    );
  return row;
}

/** Reminders of one status, newest first, with the invoice's number and the customer's name. */
export async function listNotices(
  db: DbOrTx,
  scope: Scope,
  search: { status: NoticeStatus; limit: number; offset: number },
) {
  const where = and(
    eq(dunningNotices.organisationId, scope.organisationId),
    eq(dunningNotices.locationId, scope.locationId),
    eq(dunningNotices.status, search.status),
  );
  const page = db
    .select({ id: dunningNotices.id })
    .from(dunningNotices)
    .where(where)
    .orderBy(desc(dunningNotices.createdAt), desc(dunningNotices.id))
    .limit(search.limit)
    .offset(search.offset)
    .as("page");
  const items = await db
    .select({
      notice: dunningNotices,
      invoiceNumber: invoices.number,
      dueDate: invoices.dueDate,
      invoicePausedAt: invoices.dunningPausedAt,
      customerName: customers.displayName,
      customerEmail: customers.email,
    })
    .from(page)
    .innerJoin(dunningNotices, eq(dunningNotices.id, page.id))
    .innerJoin(invoices, eq(invoices.id, dunningNotices.invoiceId))
    .innerJoin(customers, eq(customers.id, dunningNotices.customerId))
    .orderBy(desc(dunningNotices.createdAt), desc(dunningNotices.id));
  const counted = await cappedCount(
    db,
    db.select({ id: dunningNotices.id }).from(dunningNotices).where(where),
  );
  return { items, ...counted };
}
