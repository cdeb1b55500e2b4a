import { Table } from "@mantine/core";
import type { ReactNode } from "react";

/** A column of a table's head: its heading, right-aligned when the column holds numbers. */
export interface HeadColumn {
  label: ReactNode;
  numeric?: boolean;
}

/**
 * The head row of a table of figures (hours, quantities, prices): every heading a column header, the
 * number columns aligned right as their cells are. A column left out (null) is not shown.
 */
export function NumberTableHead({ columns }: { columns: (HeadColumn | null)[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, index) =>
          column ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns never reorder
            <Table.Th key={index} scope="col" ta={column.numeric ? "right" : undefined}>
              {column.label}
            </Table.Th>
          ) : null,
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
