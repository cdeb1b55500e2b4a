// Open items (GET /api/v1/open-items): what customers still owe, by age; and the export's address.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import { PAGE_SIZE } from "../../shared/useListParams";

export const AGING_BUCKETS = ["not_due", "days_1_30", "days_31_60", "days_61_90", "days_over_90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface OpenItem {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: string | null;
  dueDate: string | null;
  daysOverdue: number;
  dunningLevel: number;
  gross: number;
  openAmount: number;
  currency: string;
  poNumber: string | null;
}

export interface OpenItemsPage {
  items: OpenItem[];
  total: number;
  totalCapped: boolean;
  buckets: Record<AgingBucket, { count: number; amount: number }>;
  today: string;
}

export interface OpenItemsFilter {
  q: string;
  bucket: AgingBucket | "";
  offset: number;
}

export function useOpenItems(filter: OpenItemsFilter) {
  return useQuery({
    queryKey: ["open-items", filter],
    queryFn: ({ signal }) =>
      api.get<OpenItemsPage>(
        "/api/v1/open-items",
        {
          q: filter.q || undefined,
          bucket: filter.bucket || undefined,
          limit: PAGE_SIZE,
          offset: filter.offset,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
