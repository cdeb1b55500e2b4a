// Refresh the stored payment positions from the ledger, set-based: for bulk loads (the volume
// seeder inserts invoices and payments directly, then calls this) and repairs. The derivation is the
// SQL function `invoice_positions` of drizzle/0011 (capped in 0014), which the migrations backfilled
// with, and test/api/invoice-projection.test.ts proves it equal to domain/invoice-case.ts. After a
// bulk load and refresh, `VACUUM (ANALYZE) invoices, invoice_payments`: the dashboard's reads are
// index-only scans, which need the pages marked all-visible, and the planner needs the new numbers.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function refreshInvoiceProjections(
  db: Db,
  options: { locationId?: string } = {},
): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    // Writers wait for the refresh (and it for them), so no payment lands between its read of the
    // ledger and its write: the app's own writes keep positions current one invoice at a time, and
    // this lock is only for the seconds a bulk refresh takes.
    await tx.execute(sql`lock table invoices, invoice_payments in share mode`);
    const result = await tx.execute(
      sql`select refresh_invoice_projections(${options.locationId ?? null}::text) as changed`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: { changed: number }[] }).rows) as {
      changed: number | string;
    }[];
    return { changed: Number(rows[0]?.changed ?? 0) };
  });
}
