import { useDebouncedValue } from "@mantine/hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

export const PAGE_SIZE = 25;

/**
 * List state kept in the URL (?q=&offset=&…): a debounced search box (250 ms),
 * extra filters and the pagination offset. With `minSearch`, text shorter than that is not searched
 * for (the URL's q stays empty) — the document lists need three characters (the API says why).
 */
export function useListParams(filterKeys: readonly string[] = [], options: { minSearch?: number } = {}) {
  const minSearch = options.minSearch ?? 1;
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get("q") ?? "";
  const offset = Math.max(0, Number.parseInt(searchParams.get("offset") ?? "0", 10) || 0);
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 250);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === "") next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  // Push the debounced search into the URL (and back to the first page).
  const pushed = useRef(q);
  useEffect(() => {
    const typed = debounced.trim();
    const trimmed = typed.length >= minSearch ? typed : "";
    if (trimmed === pushed.current) return;
    pushed.current = trimmed;
    update({ q: trimmed, offset: null });
  }, [debounced, update, minSearch]);

  // Follow URL changes that did not come from typing (back button, "clear" buttons).
  useEffect(() => {
    if (q === pushed.current) return;
    pushed.current = q;
    setSearch(q);
  }, [q]);

  const filters: Record<string, string> = {};
  for (const key of filterKeys) filters[key] = searchParams.get(key) ?? "";

  return {
    q,
    search,
    /** Typed, but too short to be searched for yet. */
    searchTooShort: search.trim().length > 0 && search.trim().length < minSearch,
    setSearch,
    offset,
    filters,
    setOffset: (value: number) => update({ offset: value > 0 ? String(value) : null }),
    setFilter: (key: string, value: string) => update({ [key]: value, offset: null }),
    clear: () => {
      setSearch("");
      update(Object.fromEntries(["q", "offset", ...filterKeys].map((key) => [key, null])));
    },
  };
}
