// How lists count their matches. An exact count costs a scan of every match, so at a dealership's
// volume a list counts at most `countCap` + 1 rows and says "10,000+" beyond that: a person pages
// or narrows the search long before then, and page 400 costs what page 1 costs.
import { type Subquery, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

export const countCap = 10_000;

export interface Counted {
  /** The number of matches, at most `countCap`. */
  total: number;
  /** More than `countCap` rows match; `total` is the cap. */
  totalCapped: boolean;
}

/** Anything drizzle can select from once limited, e.g. `db.select({ id: t.id }).from(t).where(…)`. */
interface Limitable {
  limit(n: number): { as(alias: string): Subquery };
}

export async function cappedCount(db: DbOrTx, matching: Limitable): Promise<Counted> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(matching.limit(countCap + 1).as("matching"));
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, countCap), totalCapped: n > countCap };
}
