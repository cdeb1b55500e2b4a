// Lists' totals are kept as deltas by triggers (db/queries/list-counts.ts); a bulk load starts them
// over instead of folding deltas (compact-list-counts.ts).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";

/** Counts every listed table afresh: after a bulk load that wrote rows by the hundred thousand. */
export async function rebuildListCounts(db: DbOrTx): Promise<void> {
  await db.execute(sql`select rebuild_list_counts()`);
}
