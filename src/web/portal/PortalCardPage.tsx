// The portal's lists are cards on a phone-first grid (two columns from a tablet up), with the
// shop lists' pagination under them: a fleet's years of requests and estimates come a page at a time.
import { SimpleGrid } from "@mantine/core";
import type { ReactNode } from "react";
import { ListPagination } from "../shared/ui";

export function PortalCardPage<T>({
  label,
  items,
  card,
  page,
}: {
  /** The list's accessible name. */
  label: string;
  items: readonly T[];
  card: (item: T) => ReactNode;
  page: {
    total: number;
    totalCapped?: boolean | undefined;
    limit: number;
    offset: number;
    onOffsetChange: (offset: number) => void;
  };
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" p={0} m={0} aria-label={label}>
        {items.map(card)}
      </SimpleGrid>
      <ListPagination {...page} />
    </>
  );
}
