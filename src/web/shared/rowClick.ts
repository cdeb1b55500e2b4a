import type { MouseEvent } from "react";

/** Row click handler for tables: follows `to` unless the click was on a link, button or input in the row. */
export function rowClick(navigate: (to: string) => void, to: string) {
  return (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.target instanceof Element && event.target.closest("a, button, input, label")) return;
    navigate(to);
  };
}
