// The large-shop seed writes its rows with set-based SQL (INSERT … SELECT over generate_series and
// work tables), never through the app's commands one row at a time: that is what makes 100,000
// invoices a matter of minutes. These helpers keep that SQL tied to the app's schema: column names
// come from the drizzle tables, so a renamed column breaks the type check, not the seed.
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import { type IdKind, idPrefixes } from "../../domain/ids";

type InsertRow<T extends Table> = T["$inferInsert"];
type RequiredKeys<R> = { [K in keyof R]-?: Record<never, never> extends Pick<R, K> ? never : K }[keyof R];

/**
 * One SQL expression per column, keyed by the drizzle property name. Every column the table requires
 * (not null, no default) must be given, so a new required column fails the type check here.
 */
export type SqlRow<T extends Table> = { [K in RequiredKeys<InsertRow<T>>]: string } & {
  [K in keyof InsertRow<T>]?: string;
};

/** `insert into <table> (<columns>) select <expressions> <rest>`. */
export function insertSelect<T extends Table>(table: T, row: SqlRow<T>, rest: string): string {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const entries = Object.entries(row as Record<string, string | undefined>).filter(
    (e): e is [string, string] => e[1] !== undefined,
  );
  const names = entries.map(([key]) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return `"${column.name}"`;
  });
  return `insert into "${getTableName(table)}" (${names.join(", ")})\nselect ${entries
    .map(([, expression]) => expression)
    .join(",\n  ")}\n${rest}`;
}

/** A string as an SQL literal (standard_conforming_strings is on in every supported PostgreSQL). */
export const lit = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A JSON value as a jsonb literal. */
export const jsonLit = (value: unknown): string => `${lit(JSON.stringify(value))}::jsonb`;

/** A text[] literal. */
export const textArray = (values: readonly string[]): string =>
  `array[${values.map(lit).join(", ")}]::text[]`;

/** An id expression: the app's prefix for the kind, a 24-character body derived from `key` (SQL). */
export const idOf = (kind: IdKind, key: string): string => `pg_temp.sid('${idPrefixes[kind]}', ${key})`;

/**
 * Helper functions for one seeding session, in pg_temp (gone when the session ends).
 *
 * - `sid(prefix, key)`: an id shaped like the app's (domain/ids.ts: prefix, `_`, 24 characters of the
 *   lower-case Crockford alphabet), derived from the seed and a key instead of random bytes, so the same
 *   seed gives the same ids. SHA-256 → base64, lower-cased, with the four letters Crockford leaves out
 *   (i l o u) and `+` `/` mapped onto letters it has. That keeps 100+ bits per id and runs at SQL speed,
 *   where calling newId() per row would need a round trip per row.
 * - `h(key)`, `u(key)`, `pick(key, n)`: deterministic pseudo-randomness from the seed: a 64-bit hash, a
 *   uniform number in [0, 1), an integer in [0, n).
 */
export function sessionFunctions(seed: string): string[] {
  const salt = lit(`${seed}:`);
  return [
    `create or replace function pg_temp.sid(prefix text, k text) returns text language sql immutable as $$
      select prefix || '_' || translate(lower(substr(encode(sha256(convert_to(${salt} || k, 'UTF8')), 'base64'), 1, 24)), 'ilou+/', 'jkmnpq')
    $$`,
    `create or replace function pg_temp.h(k text) returns bigint language sql immutable as $$
      select hashtextextended(${salt} || k, 0)
    $$`,
    `create or replace function pg_temp.u(k text) returns double precision language sql immutable as $$
      select (pg_temp.h(k) & 9007199254740991)::double precision / 9007199254740992
    $$`,
    `create or replace function pg_temp.pick(k text, n integer) returns integer language sql immutable as $$
      select floor(pg_temp.u(k) * n)::integer
    $$`,
    // Money as the app's mails print it (Intl, de-DE and en-GB): 1.234,56 € and €1,234.56.
    `create or replace function pg_temp.money(cents bigint, language text) returns text language sql immutable as $$
      select case when language = 'de'
        then translate(to_char(cents / 100.0, 'FM999,999,999,990.00'), ',.', '.,') || chr(160) || '€'
        else '€' || to_char(cents / 100.0, 'FM999,999,999,990.00') end
    $$`,
    // A calendar day as domain/locale-format writes it (Intl, de-DE and en-GB): 15.12.2026 and 15 Dec 2026.
    `create or replace function pg_temp.day(d date, language text) returns text language sql immutable as $$
      select case when language = 'de' then to_char(d, 'DD.MM.YYYY')
        else replace(to_char(d, 'FMDD Mon YYYY'), ' Sep ', ' Sept ') end
    $$`,
  ];
}

/** The rows of db.execute on either driver (node-postgres and PGlite both answer with `rows`). */
export function rowsOf<R>(result: unknown): R[] {
  return (result as { rows?: R[] }).rows ?? [];
}
