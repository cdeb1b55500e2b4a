// How a person's search text becomes a pattern. Substring matches are served by pg_trgm GIN indexes,
// which need three characters to find anything selective: a one- or two-character `%ab%` would read
// every entry of the index. So a location-wide search matches anywhere once it has three
// characters; below that, customers and units match the start of the name, plate or fleet number
// (the trigram indexes serve `ab%` through their word-start trigrams), and the document lists
// (bookings, estimates, work orders) ask for three characters. Within one customer's records the
// customer's index bounds the work, so any length matches anywhere.
//
// A list's own fields are searched in its `search_text` column (schema.ts, searchTextOf): lower
// case, one field per line, one trigram index, one LIKE per row to recheck.
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** Characters a location-wide search needs before it matches anywhere in a field. */
export const minSubstringLength = 3;

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export const containsPattern = (q: string) => `%${escapeLike(q)}%`;
export const prefixPattern = (q: string) => `${escapeLike(q)}%`;

/** The search text, trimmed; undefined when there is nothing to search for. */
export const trimmedSearch = (q: string | undefined) => q?.trim() || undefined;

/**
 * The column is one of these ids: ids another table's search found first through its own trigram
 * index (a customer's name, a unit's plate). Sent as one array parameter, the planner sees them as a
 * constant: it knows how many there are, can OR them as an index condition into a bitmap beside the
 * list's own search, and as a filter it hashes them (an array computed inside the query would be
 * searched element by element for every row). A join could do neither inside an OR.
 */
export const oneOf = (column: AnyPgColumn, ids: readonly string[]): SQL | undefined =>
  ids.length > 0 ? sql`${column} = any(${sql.param([...ids])}::text[])` : undefined;

/** A `search_text` column matches the pattern (lower-cased once, in the database, like the column). */
export const searchTextLike = (column: AnyPgColumn, pattern: string): SQL =>
  sql`${column} like lower(${pattern})`;
