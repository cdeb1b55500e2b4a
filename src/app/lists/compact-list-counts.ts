// Lists' totals are kept as deltas by triggers (db/queries/list-counts.ts). Folding each key's deltas
// into one row keeps a total a sum over a handful of index entries however busy the shop was.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

/** Folds the deltas written since the last run; returns how many keys were folded. */
export async function compactListCounts(db: DbOrTx): Promise<number> {
  const result = await db.execute(sql`select compact_list_counts() as folded`);
  const rows = (result as unknown as { rows: { folded: number }[] }).rows;
  return Number(rows[0]?.folded ?? 0);
}
