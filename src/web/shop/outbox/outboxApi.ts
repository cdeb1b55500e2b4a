// What the Outbox screen loads and changes: the page of mails, one mail, and Resend.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { PAGE_SIZE } from "../../shared/useListParams";
import type { OutboxMessage, OutboxMessageDetail } from "../../types";

export function useOutboxMessages(offset: number) {
  return useQuery({
    queryKey: ["outbox", "list", offset],
    queryFn: ({ signal }) =>
      api.get<{ items: OutboxMessage[]; total?: number; totalCapped?: boolean }>(
        "/api/v1/outbox",
        { limit: PAGE_SIZE, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxMessage(id: string) {
  return useQuery({
    queryKey: ["outbox", "detail", id],
    queryFn: ({ signal }) =>
      api.get<OutboxMessageDetail>(`/api/v1/outbox/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** Resend: a fresh link mailed to the customer; the Outbox then shows the new mail. */
export function useResendMessage(id: string, onResent: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ id: string; to: string }>(`/api/v1/outbox/${encodeURIComponent(id)}/resend`),
    onSuccess: (sent) => {
      notifySuccess(t("outbox.resent", { to: sent.to }));
      void queryClient.invalidateQueries({ queryKey: ["outbox"] });
      onResent();
    },
  });
}
