// The portal's lists: cards on a phone-first grid (two columns from a tablet up), a skeleton while
// loading, the error with a retry, an empty state, and the shop lists' pagination under the cards:
// a fleet's years of requests and estimates come a page at a time.
import { Card, EmptyState, SimpleGrid } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ListPagination, QueryError, TableSkeleton } from "../shared/ui";

export function PortalCardPage<T>({
  label,
  query,
  card,
  empty,
  limit,
  offset,
  onOffsetChange,
}: {
  /** The list's accessible name. */
  label: string;
  query: UseQueryResult<{ items: T[]; total: number; totalCapped?: boolean }>;
  card: (item: T) => ReactNode;
  empty: { icon: ReactNode; title: string; description?: string | undefined };
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}) {
  if (query.isPending) return <TableSkeleton rows={3} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) {
    return (
      <Card withBorder radius="md">
        <EmptyState
          py="lg"
          icon={empty.icon}
          withIndicatorBackground
          title={empty.title}
          description={empty.description}
        />
      </Card>
    );
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" p={0} m={0} aria-label={label}>
        {query.data.items.map(card)}
      </SimpleGrid>
      <ListPagination
        total={query.data.total}
        totalCapped={query.data.totalCapped}
        limit={limit}
        offset={offset}
        onOffsetChange={onOffsetChange}
      />
    </>
  );
}
