// A fleet customer's invoices in the portal (issue #15): their issued invoices and credit notes,
// newest first, open or paid, each with the reminders sent for it. A page is a range of
// `invoices_portal_idx` (the customer's issued documents by issue date), whatever the shop's size.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Scope } from "../../domain/actor";
import type { DbOrTx } from "../client";
import { dunningNotices, invoices, units } from "../schema";
import { cappedCount } from "./paging";

export const portalInvoiceStates = ["open", "paid", "all"] as const;
export type PortalInvoiceState = (typeof portalInvoiceStates)[number];

const stateSql: Record<PortalInvoiceState, ReturnType<typeof sql> | undefined> = {
  open: sql`${invoices.kind} = 'invoice' and ${invoices.openAmount} > 0`,
  paid: sql`not (${invoices.kind} = 'invoice' and ${invoices.openAmount} > 0)`,
  all: undefined,
};

export async function listPortalInvoices(
  db: DbOrTx,
  scope: Scope,
  customerId: string,
  search: { state: PortalInvoiceState; limit: number; offset: number },
) {
  const where = and(
    eq(invoices.organisationId, scope.organisationId),
    eq(invoices.locationId, scope.locationId),
    eq(invoices.customerId, customerId),
    // Literal, so the planner matches the partial index: a draft is the shop's, not the customer's.
    sql`${invoices.status} = 'issued'`,
    stateSql[search.state],
  );
  const page = db
    .select({ id: invoices.id, issueDate: invoices.issueDate })
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.issueDate), desc(invoices.id))
    .limit(search.limit)
    .offset(search.offset)
    .as("page");
  const [rows, counted] = await Promise.all([
    db
      .select({
        id: invoices.id,
        kind: invoices.kind,
        number: invoices.number,
        issueDate: invoices.issueDate,
        dueDate: invoices.dueDate,
        currency: invoices.currency,
        totals: invoices.totals,
        openAmount: invoices.openAmount,
        paymentStatus: invoices.paymentStatus,
        dunningLevel: invoices.dunningLevel,
        poNumber: invoices.poNumber,
        plate: units.plate,
      })
      .from(page)
      .innerJoin(invoices, eq(invoices.id, page.id))
      .leftJoin(units, eq(units.id, invoices.unitId))
      .orderBy(desc(invoices.issueDate), desc(invoices.id)),
    cappedCount(db, db.select({ id: invoices.id }).from(invoices).where(where)),
  ]);
  // The page's reminders in one read (by the unique index on invoice and level).
  const sent =
    rows.length === 0
      ? []
      : await db
          .select({
            id: dunningNotices.id,
            invoiceId: dunningNotices.invoiceId,
            level: dunningNotices.level,
            dueOn: dunningNotices.dueOn,
            total: dunningNotices.total,
          })
          .from(dunningNotices)
          .where(
            and(
              inArray(
                dunningNotices.invoiceId,
                rows.map((r) => r.id),
              ),
              eq(dunningNotices.status, "sent"),
            ),
          )
          .orderBy(dunningNotices.level);
  return {
    items: rows.map((r) => ({ ...r, reminders: sent.filter((n) => n.invoiceId === r.id) })),
    ...counted,
  };
}
