// How lists count their matches. An exact count costs a scan of every match, so at a dealership's
// volume a list counts at most `countCap` + 1 rows and says "10,000+" beyond that: a person pages
// or narrows the search long before then, and page 400 costs what page 1 costs.
//
// How lists read a page (every list in db/queries does the same): first the page's ids, then only
// those rows in full, joined to what the list shows. Without a search the ids come from the list's
// index in order, an index-only range, so offset 9,975 skips index entries rather than reading
// 10,000 rows and their joins. With a search the matches come from trigram bitmaps and are sorted
// (a top-N sort of the matches): the planner cannot tell how many rows a trigram pattern matches,
// and guessing "many" it walks the whole list index filtering every row, for a term that may match a
// handful (120 ms at 50,000 estimates). A search that matches in several ways (its own fields, the
// customer's name, the unit) is the union of one branch per way, each through its own index: ORed
// into one condition the planner picks one plan for all, and beside an array of a few hundred
// customer ids it picks a scan of the whole table.
import { type SQL, type SQLWrapper, type Subquery, sql } from "drizzle-orm";
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

export interface Page {
  limit: number;
  offset: number;
}

/**
 * The matches of a search: each branch selects the same columns (the id and the sort's columns).
 * A lone branch ends in OFFSET 0, which keeps the planner from flattening it into the ordered,
 * limited query (and walking the list index); a union is planned on its own anyway.
 */
const matchesOf = (branches: readonly SQLWrapper[]) =>
  branches.length === 1
    ? sql`(${branches[0]} offset 0) as matching`
    : sql`(${sql.join(
        branches.map((b) => sql`(${b})`),
        sql` union `,
      )}) as matching`;

/**
 * One page of a search's matching ids, in `order` (written over `matching.<column>`, the branches'
 * snake_case column names).
 */
export function pageOfMatches(db: DbOrTx, branches: readonly SQLWrapper[], order: SQL, page: Page) {
  return db
    .select({ id: sql<string>`matching.id` })
    .from(matchesOf(branches))
    .orderBy(order)
    .limit(page.limit)
    .offset(page.offset);
}

/** cappedCount over a search's matches. */
export async function cappedCountOfMatches(db: DbOrTx, branches: readonly SQLWrapper[]): Promise<Counted> {
  return cappedCount(db, db.select({ id: sql<string>`matching.id` }).from(matchesOf(branches)));
}

/**
 * A search matching more than `countCap` rows (a half-typed "EST-" matches every estimate) would sort
 * all of them for a page. Such matches are dense, so the page is found by reading the list index in
 * order and filtering: at worst as many rows as sorting would read, and for the first pages a few.
 */
export interface Search {
  /** One select per way to match (see matchesOf). */
  branches: readonly SQLWrapper[];
  /** The list's order over `matching.<column>`. */
  order: SQL;
  /** The same page read in list order from the list's index, the match conditions ORed. */
  inListOrder: () => SQLWrapper;
}

/** The page's ids of a search, and how many match. */
export async function pageOfSearch(db: DbOrTx, search: Search, page: Page) {
  const counted = await cappedCountOfMatches(db, search.branches);
  const ids = counted.totalCapped
    ? search.inListOrder()
    : pageOfMatches(db, search.branches, search.order, page);
  return { ids, counted };
}
