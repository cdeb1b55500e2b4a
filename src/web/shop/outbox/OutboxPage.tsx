// The Outbox: what Pitlane mailed. A customer's link shows masked (…/e/••••••) — it is the
// customer's own key, and staff decide for a customer only on their behalf — so Resend is how a
// customer gets a working link again: a fresh one, mailed to them, never shown here.
import { Alert, EmptyState, Paper } from "@mantine/core";
import { IconInfoCircle, IconMail } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { AppModal } from "../../shared/AppModal";
import { ListPagination, PageHeader, QueryError, TableSkeleton } from "../../shared/ui";
import { PAGE_SIZE } from "../../shared/useListParams";
import { OutboxMessageView } from "./OutboxMessageView";
import { OutboxTable } from "./OutboxTable";
import { useOutboxMessages } from "./outboxApi";

export function OutboxPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const offset = Math.max(0, Number.parseInt(searchParams.get("offset") ?? "0", 10) || 0);
  const [openId, setOpenId] = useState<string | null>(null);

  const query = useOutboxMessages(offset);

  return (
    <>
      <PageHeader title={t("outbox.title")} />
      <Alert color="blue" icon={<IconInfoCircle aria-hidden />} role="note" mb="md">
        {t("outbox.explanation")}
      </Alert>
      <Paper withBorder radius="md" p={{ base: "xs", sm: "md" }}>
        {query.isPending ? (
          <TableSkeleton />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconMail size={32} aria-hidden />}
            withIndicatorBackground
            title={t("outbox.empty")}
            description={t("outbox.emptyHint")}
          />
        ) : (
          <>
            <OutboxTable messages={query.data.items} onOpen={setOpenId} />
            <ListPagination
              total={query.data.total ?? query.data.items.length}
              totalCapped={query.data.totalCapped}
              limit={PAGE_SIZE}
              offset={offset}
              onOffsetChange={(next) =>
                setSearchParams(next > 0 ? { offset: String(next) } : {}, { replace: true })
              }
            />
          </>
        )}
      </Paper>
      <AppModal
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        title={t("outbox.messageTitle")}
        size="xl"
      >
        {openId ? <OutboxMessageView id={openId} onResent={() => setOpenId(null)} /> : null}
      </AppModal>
    </>
  );
}
