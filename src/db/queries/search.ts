// How a person's search text becomes a pattern for ILIKE. Substring matches are served by pg_trgm GIN
// indexes, which need three characters to find anything selective: a one- or two-character
// `%ab%` would read every entry of the index. So a location-wide search matches anywhere once it
// has three characters; below that, customers and units match the start of a field (the trigram
// indexes serve `ab%` through their word-start trigrams), and the document lists (bookings,
// estimates, work orders) ask for three characters. Within one customer's records the customer's
// index bounds the work, so any length matches anywhere.
/** Characters a location-wide search needs before it matches anywhere in a field. */
export const minSubstringLength = 3;

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export const containsPattern = (q: string) => `%${escapeLike(q)}%`;
export const prefixPattern = (q: string) => `${escapeLike(q)}%`;

/** The search text, trimmed; undefined when there is nothing to search for. */
export const searchText = (q: string | undefined) => q?.trim() || undefined;
