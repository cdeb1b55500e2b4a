// The frame every searchable list shares: the filters with the search field, and a panel that shows
// a skeleton while loading, the error with a retry, an empty state (with "clear" when a search or
// filter hides everything), or the page's table with pagination under it.
import { Button, EmptyState, Group, Loader, Paper, Select, Table, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { rowClick } from "./rowClick";
import { ScrollTable } from "./ScrollTable";
import { ListPagination, QueryError, TableSkeleton } from "./ui";
import type { useListParams } from "./useListParams";
import { PAGE_SIZE } from "./useListParams";

type ListParams = ReturnType<typeof useListParams>;

export function SearchField({
  label,
  placeholder,
  list,
  busy,
  description,
}: {
  label: string;
  placeholder: string;
  list: ListParams;
  busy: boolean;
  /** Shown under the label, e.g. how many characters a search needs. */
  description?: string;
}) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      description={description}
      type="search"
      value={list.search}
      onChange={(event) => list.setSearch(event.currentTarget.value)}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={busy ? <Loader size="xs" aria-hidden /> : null}
      style={{ flex: "1 1 18rem", maxWidth: "36rem" }}
    />
  );
}

/** The row above a list: its filters (children), then the search field. */
export function ListFilters({
  list,
  busy,
  search,
  gap = "sm",
  children,
}: {
  list: ListParams;
  busy: boolean;
  search: { label: string; placeholder: string; description?: string };
  gap?: "sm" | "md";
  children?: ReactNode;
}) {
  return (
    <Group mb="md" align="flex-end" gap={gap}>
      {children}
      <SearchField
        label={search.label}
        placeholder={search.placeholder}
        description={search.description}
        list={list}
        busy={busy}
      />
    </Group>
  );
}

/** A status filter kept in the URL: choosing `fallback` (the list's default view) clears it. */
export function FilterSelect({
  label,
  data,
  value,
  fallback,
  onChange,
}: {
  label: string;
  data: { value: string; label: string }[];
  value: string;
  fallback: string;
  onChange: (value: string) => void;
}) {
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => onChange(next && next !== fallback ? next : "")}
      allowDeselect={false}
      w={220}
    />
  );
}

export interface EmptyTexts {
  icon: ReactNode;
  /** Whether a search or filter is narrowing the list (the empty state then offers to clear it). */
  filtered: boolean;
  title: string;
  hint: string;
  clearLabel: string;
}

/**
 * Lists searched from 3 characters whose texts read the same keys: search, searchPlaceholder,
 * noMatch, noMatchHint, empty, emptyHint, clearFilters. (Typed keys: a list added here without one
 * of them fails typecheck.)
 */
export type ListTexts = "bookings" | "estimates" | "workOrders";

/** The search field's texts and the empty state ("nothing matches" while filtered, else "nothing yet"). */
export function useListTexts(texts: ListTexts) {
  const { t } = useTranslation();
  return {
    search: {
      label: t(`${texts}.search`),
      placeholder: t(`${texts}.searchPlaceholder`),
      description: t("common.searchMinLength"),
    },
    empty: (icon: ReactNode, filtered: boolean): EmptyTexts => ({
      icon,
      filtered,
      title: filtered ? t(`${texts}.noMatch`) : t(`${texts}.empty`),
      hint: filtered ? t(`${texts}.noMatchHint`) : t(`${texts}.emptyHint`),
      clearLabel: t(`${texts}.clearFilters`),
    }),
  };
}

export function ListPanel<T>({
  query,
  list,
  empty,
  children,
}: {
  query: UseQueryResult<{ items: T[]; total: number; totalCapped?: boolean }>;
  list: ListParams;
  empty: EmptyTexts;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }}>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState
          py="xl"
          icon={empty.icon}
          withIndicatorBackground
          title={empty.title}
          description={empty.hint}
        >
          {empty.filtered ? (
            <EmptyState.Actions>
              <Button variant="default" onClick={list.clear}>
                {empty.clearLabel}
              </Button>
            </EmptyState.Actions>
          ) : null}
        </EmptyState>
      ) : (
        <>
          {children(query.data.items)}
          <ListPagination
            total={query.data.total}
            totalCapped={query.data.totalCapped}
            limit={PAGE_SIZE}
            offset={list.offset}
            onOffsetChange={list.setOffset}
          />
        </>
      )}
    </Paper>
  );
}

export interface Column {
  label: string;
  /** Amounts and counts: right-aligned. */
  numeric?: boolean;
}

/** A list's table: scrolls sideways on a narrow screen, named by its caption. */
export function ListTable({
  minWidth,
  caption,
  columns,
  children,
}: {
  minWidth: number;
  caption: string;
  columns: Column[];
  /** The rows (ListRow). */
  children: ReactNode;
}) {
  return (
    <ScrollTable minWidth={minWidth} label={caption}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} scope="col" ta={column.numeric ? "right" : undefined}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** A row that opens `to` when clicked anywhere but on a link, button or field in it. */
export function ListRow({ to, children }: { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Table.Tr className="pl-clickable-row" onClick={rowClick(navigate, to)}>
      {children}
    </Table.Tr>
  );
}
