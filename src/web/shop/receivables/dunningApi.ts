// Dunning (/api/v1/dunning…, /api/v1/invoices/:id/reminders): the schedule, the run, the review
// queue and sent reminders, one invoice's reminders and the pauses.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { PAGE_SIZE } from "../../shared/useListParams";
import type { ListResponse } from "../../types";

export interface LocalText {
  en: string;
  de: string;
}

export interface DunningLevel {
  title: LocalText;
  daysAfterDue: number;
  feePrivate: number;
  feeBusiness: number;
  text: LocalText;
  autoSend: boolean;
}

export interface DunningSchedule {
  enabled: boolean;
  interestEnabled: boolean;
  minDaysBetween: number;
  levels: DunningLevel[];
  version: number;
  saved: boolean;
}

export interface Reminder {
  id: string;
  invoiceId: string;
  customerId: string;
  level: number;
  status: "review" | "sent" | "skipped";
  dueOn: string;
  currency: string;
  principal: number;
  fee: number;
  interest: number;
  flatFee: number;
  charges: number;
  total: number;
  sentAt: string | null;
  sentTo: string | null;
  mailMessageId: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface QueuedReminder extends Reminder {
  invoiceNumber: string;
  invoiceDueDate: string | null;
  invoicePaused: boolean;
  customerName: string;
  customerEmail: string | null;
}

export interface InvoiceReminders {
  items: Reminder[];
  paused: boolean;
  customerPaused: boolean;
  dunningLevel: number;
  dunningCharges: number;
}

export interface RunResult {
  sent: number;
  queuedForReview: number;
  failed: number;
}

const keys = {
  all: ["dunning"] as const,
  schedule: ["dunning", "schedule"] as const,
  reminders: (status: Reminder["status"], offset: number) =>
    ["dunning", "reminders", status, offset] as const,
  invoice: (id: string) => ["dunning", "invoice", id] as const,
};

export function useSchedule() {
  return useQuery({
    queryKey: keys.schedule,
    queryFn: ({ signal }) => api.get<DunningSchedule>("/api/v1/dunning/schedule", undefined, signal),
  });
}

export function useReminders(status: Reminder["status"], offset: number) {
  return useQuery({
    queryKey: keys.reminders(status, offset),
    queryFn: ({ signal }) =>
      api.get<ListResponse<QueuedReminder>>(
        "/api/v1/dunning/reminders",
        { status, limit: PAGE_SIZE, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvoiceReminders(invoiceId: string, enabled = true) {
  return useQuery({
    queryKey: keys.invoice(invoiceId),
    queryFn: ({ signal }) =>
      api.get<InvoiceReminders>(`/api/v1/invoices/${invoiceId}/reminders`, undefined, signal),
    enabled,
  });
}

/** After a run or a decision: the queue, the invoices' money and the open items. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.all });
    void client.invalidateQueries({ queryKey: ["open-items"] });
    void client.invalidateQueries({ queryKey: ["invoices"] });
  };
}

export function useSaveSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ saved: _saved, ...schedule }: DunningSchedule) =>
      api.put<DunningSchedule>("/api/v1/dunning/schedule", schedule),
    onSuccess: (saved) => client.setQueryData(keys.schedule, saved),
  });
}

export function useRunDunning() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<RunResult>("/api/v1/dunning/run"),
    onSuccess: refresh,
  });
}

export function useDecideReminder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "send" | "skip" | "pause" }) =>
      api.post<Reminder>(`/api/v1/dunning/reminders/${id}/decision`, { decision }),
    onSuccess: refresh,
  });
}

export function usePauseInvoiceDunning(invoiceId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (paused: boolean) =>
      api.put<{ paused: boolean }>(`/api/v1/invoices/${invoiceId}/dunning-pause`, { paused }),
    onSuccess: refresh,
  });
}

export const reminderPdfUrl = (id: string) => `/api/v1/dunning/reminders/${id}/pdf`;
