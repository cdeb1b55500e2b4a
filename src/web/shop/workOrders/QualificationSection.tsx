// Qualification on the work order page: the recommendations the completed inspection produced (urgent
// first) with the technician's note and photos; parts add the parts and their availability, the
// advisor prices the labour (hours × rate or flat) and chooses what goes to the customer; then "Send
// order extension". Below, the extensions sent, with the customer's decision per item and the consent
// record, or "Record decision by phone" while one waits.
import { Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../estimates/estimateUi";
import { type Qualification, useQualification } from "../../extensions/extensionApi";
import { useCan } from "../../shared/session";
import { QueryError } from "../../shared/ui";
import { ExtensionRecord } from "./qualification/ExtensionRecord";
import { RecommendationCard } from "./qualification/RecommendationCard";
import { SendModal } from "./qualification/SendModal";

export function QualificationSection({ workOrderId, currency }: { workOrderId: string; currency: string }) {
  const { t } = useTranslation();
  const query = useQualification(workOrderId);
  const titleId = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Title order={2} mb="xs" id={titleId}>
        {t("extension.title")}
      </Title>
      {query.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={120} radius="sm" />
          <Skeleton height={120} radius="sm" />
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <QualificationBody q={query.data} workOrderId={workOrderId} currency={currency} />
      )}
    </Paper>
  );
}

function QualificationBody({
  q,
  workOrderId,
  currency,
}: {
  q: Qualification;
  workOrderId: string;
  currency: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const canWrite = useCan("work-orders:write");
  const [sending, setSending] = useState(false);
  const open = q.recommendations.filter((r) => r.status === "open");
  const selected = open.filter((r) => r.selected);
  const selectedGross = selected.reduce((sum, r) => sum + r.gross, 0);
  const waiting = q.extensions.some((e) => e.status === "sent");

  if (q.recommendations.length === 0 && q.extensions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("extension.empty")}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("extension.hint")}
      </Text>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {q.recommendations.map((rec) => (
          <RecommendationCard
            key={rec.id}
            rec={rec}
            workOrderId={workOrderId}
            currency={currency}
            labourRate={q.labourRate}
          />
        ))}
      </Stack>
      {open.length > 0 ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <div>
              <Text size="sm" fw={600}>
                {t("extension.selectedCount", { selected: selected.length, total: open.length })}
              </Text>
              <Text size="xl" fw={800} className="pl-num" aria-live="polite">
                {t("extension.selectedGross", { gross: fmt.money(selectedGross) })}
              </Text>
            </div>
            {canWrite ? (
              <Stack gap={4} align="flex-end">
                <Button
                  h={44}
                  leftSection={<IconSend size={18} aria-hidden />}
                  disabled={waiting}
                  onClick={() => setSending(true)}
                >
                  {t("extension.send")}
                </Button>
                {waiting ? (
                  <Text size="xs" c="dimmed">
                    {t("extension.waitingHint")}
                  </Text>
                ) : null}
              </Stack>
            ) : null}
          </Group>
        </Paper>
      ) : null}
      {q.extensions.length > 0 ? (
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t("extension.sentTitle")}
          </Title>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {q.extensions.map((e) => (
              <ExtensionRecord key={e.id} extension={e} workOrderId={workOrderId} />
            ))}
          </Stack>
        </Stack>
      ) : null}
      <SendModal
        opened={sending}
        onClose={() => setSending(false)}
        selected={selected}
        gross={selectedGross}
        currency={currency}
        workOrderId={workOrderId}
      />
    </Stack>
  );
}
