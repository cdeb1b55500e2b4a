// The frame every searchable list shares: the search field, and a panel that shows a skeleton while
// loading, the error with a retry, an empty state (with "clear" when a search or filter hides
// everything), or the page's table with pagination under it.
import { Button, EmptyState, Loader, Paper, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
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

export interface EmptyTexts {
  icon: ReactNode;
  /** Whether a search or filter is narrowing the list (the empty state then offers to clear it). */
  filtered: boolean;
  title: string;
  hint: string;
  clearLabel: string;
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
