// Bank statements (POST/GET /api/v1/bank-statements…): the import, the imports and the queue.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { PAGE_SIZE } from "../../shared/useListParams";
import type { ListResponse } from "../../types";

export interface BankStatement {
  id: string;
  format: "camt053" | "mt940";
  fileName: string;
  reference: string;
  account: string;
  fromDate: string | null;
  toDate: string | null;
  entryCount: number;
  matchedCount: number;
  unmatchedCount: number;
  skippedCount: number;
  createdAt: string;
}

export interface StatementEntry {
  id: string;
  statementId: string;
  bookingDate: string;
  amount: number;
  currency: string;
  direction: "credit" | "debit";
  payerName: string | null;
  payerIban: string | null;
  remittance: string;
  status: "matched" | "unmatched" | "assigned" | "ignored" | "skipped";
  matchRule: "reference" | "number" | "amount_and_name" | "manual" | null;
  reason: "no_match" | "more_than_open" | "currency" | "ambiguous" | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
}

export interface ImportResult {
  statement: BankStatement;
  alreadyImported: boolean;
}

const keys = {
  all: ["bank-statements"] as const,
  statements: (offset: number) => ["bank-statements", "list", offset] as const,
  queue: (offset: number) => ["bank-statements", "queue", offset] as const,
};

export function useBankStatements(offset: number) {
  return useQuery({
    queryKey: keys.statements(offset),
    queryFn: ({ signal }) =>
      api.get<ListResponse<BankStatement>>("/api/v1/bank-statements", { limit: 10, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUnmatchedEntries(offset: number) {
  return useQuery({
    queryKey: keys.queue(offset),
    queryFn: ({ signal }) =>
      api.get<ListResponse<StatementEntry>>(
        "/api/v1/bank-statements/entries",
        { status: "unmatched", limit: PAGE_SIZE, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** After an import or a decision: the queue, the imports, and every list showing invoices' money. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.all });
    void client.invalidateQueries({ queryKey: ["open-items"] });
    void client.invalidateQueries({ queryKey: ["invoices"] });
  };
}

export function useImportStatement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => api.upload<ImportResult>("/api/v1/bank-statements", "file", file),
    onSuccess: refresh,
  });
}

export function useDecideEntry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (decision: { id: string; invoiceId: string } | { id: string; ignore: true }) =>
      "ignore" in decision
        ? api.post<void>(`/api/v1/bank-statements/entries/${decision.id}/ignore`)
        : api.post<void>(`/api/v1/bank-statements/entries/${decision.id}/assign`, {
            invoiceId: decision.invoiceId,
          }),
    onSuccess: refresh,
  });
}
