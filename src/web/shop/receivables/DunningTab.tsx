// Dunning: the reminders waiting for the accountant (Send, Skip, Pause), the run on demand (the
// worker runs it hourly), the reminders sent, and the location's schedule.
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconCheck, IconFileTypePdf, IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { notifySuccess } from "../../shared/notify";
import { ScrollTable } from "../../shared/ScrollTable";
import { ListPagination, QueryError, SectionTitle, TableSkeleton } from "../../shared/ui";
import { PAGE_SIZE } from "../../shared/useListParams";
import { useDayFormat } from "../invoices/invoiceUi";
import { DunningScheduleForm } from "./DunningScheduleForm";
import {
  type QueuedReminder,
  reminderPdfUrl,
  useDecideReminder,
  useReminders,
  useRunDunning,
  useSchedule,
} from "./dunningApi";

export function DunningTab() {
  return (
    <Stack gap="lg">
      <RunPanel />
      <ReviewQueue />
      <SentReminders />
      <DunningScheduleForm />
    </Stack>
  );
}

function RunPanel() {
  const { t } = useTranslation();
  const schedule = useSchedule();
  const run = useRunDunning();
  const enabled = schedule.data?.enabled ?? false;
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("dunning.runTitle")}</SectionTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {enabled ? t("dunning.runHint") : t("dunning.off")}
      </Text>
      <Button
        leftSection={<IconPlayerPlay size={18} aria-hidden />}
        loading={run.isPending}
        disabled={!enabled}
        onClick={() => run.mutate()}
      >
        {t("dunning.runNow")}
      </Button>
      {run.data ? (
        <Alert mt="md" color="green" icon={<IconCheck aria-hidden />} role="status">
          {t("dunning.ran", { count: run.data.sent, review: run.data.queuedForReview })}
        </Alert>
      ) : null}
      {run.error ? (
        <Alert mt="md" color="red" role="alert">
          {isApiError(run.error) ? run.error.message : String(run.error)}
        </Alert>
      ) : null}
    </Paper>
  );
}

type Decision = "send" | "skip" | "pause";

function ReviewQueue() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const [offset, setOffset] = useState(0);
  const query = useReminders("review", offset);
  const [deciding, setDeciding] = useState<{ reminder: QueuedReminder; decision: Decision } | null>(null);
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("dunning.reviewTitle")}</SectionTitle>
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dunning.reviewEmpty")}
        </Text>
      ) : (
        <>
          <ScrollTable minWidth={760} label={t("dunning.reviewTitle")}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dunning.col.invoice")}</Table.Th>
                  <Table.Th>{t("dunning.col.customer")}</Table.Th>
                  <Table.Th>{t("dunning.col.dueSince")}</Table.Th>
                  <Table.Th>{t("dunning.col.level")}</Table.Th>
                  <Table.Th ta="right">{t("dunning.col.open")}</Table.Th>
                  <Table.Th>{t("dunning.col.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/shop/invoices/${r.invoiceId}`} fw={600} size="sm">
                        {r.invoiceNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.customerName}</Text>
                      {r.customerEmail ? null : (
                        <Text size="xs" c="dimmed">
                          {t("dunning.noEmail")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{day(r.invoiceDueDate)}</Table.Td>
                    <Table.Td>
                      <LevelBadge level={r.level} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money minor={r.total} currency={r.currency} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => setDeciding({ reminder: r, decision: "send" })}>
                          {t("dunning.send")}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDeciding({ reminder: r, decision: "skip" })}
                        >
                          {t("dunning.skip")}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDeciding({ reminder: r, decision: "pause" })}
                        >
                          {t("dunning.pause")}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <ListPagination
            total={query.data.total}
            totalCapped={query.data.totalCapped}
            limit={PAGE_SIZE}
            offset={offset}
            onOffsetChange={setOffset}
          />
        </>
      )}
      <DecisionDialog deciding={deciding} onClose={() => setDeciding(null)} />
    </Paper>
  );
}

function DecisionDialog({
  deciding,
  onClose,
}: {
  deciding: { reminder: QueuedReminder; decision: Decision } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideReminder();
  const fmt = useMoney(deciding?.reminder.currency ?? "EUR");
  const problem = isApiError(decide.error)
    ? decide.error.message
    : decide.error
      ? String(decide.error)
      : null;
  const close = () => {
    decide.reset();
    onClose();
  };
  const r = deciding?.reminder;
  const decision = deciding?.decision ?? "send";
  return (
    <AppModal opened={deciding !== null} onClose={close} title={t(`dunning.confirm.${decision}Title`)}>
      {r ? (
        <Stack gap="sm">
          <Text size="sm">
            {t(`dunning.confirm.${decision}`, {
              level: r.level,
              number: r.invoiceNumber,
              customer: r.customerName,
              amount: fmt.money(r.total),
            })}
          </Text>
          {problem ? (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t("common.cancel")}
            </Button>
            <Button
              loading={decide.isPending}
              color={decision === "send" ? undefined : "orange"}
              onClick={() =>
                decide.mutate(
                  { id: r.id, decision },
                  {
                    onSuccess: () => {
                      notifySuccess(t(`dunning.done.${decision}`, { number: r.invoiceNumber }));
                      close();
                    },
                  },
                )
              }
            >
              {t(`dunning.confirm.${decision}Button`)}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}

function SentReminders() {
  const { t } = useTranslation();
  const format = useFormat();
  const [offset, setOffset] = useState(0);
  const query = useReminders("sent", offset);
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("dunning.sentTitle")}</SectionTitle>
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dunning.sentEmpty")}
        </Text>
      ) : (
        <>
          <ScrollTable minWidth={720} label={t("dunning.sentTitle")}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dunning.col.sentAt")}</Table.Th>
                  <Table.Th>{t("dunning.col.invoice")}</Table.Th>
                  <Table.Th>{t("dunning.col.customer")}</Table.Th>
                  <Table.Th>{t("dunning.col.level")}</Table.Th>
                  <Table.Th ta="right">{t("dunning.col.charged")}</Table.Th>
                  <Table.Th ta="right">{t("dunning.col.total")}</Table.Th>
                  <Table.Th>{t("dunning.col.letter")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.sentAt ? format.dateTime(r.sentAt) : null}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/shop/invoices/${r.invoiceId}`} fw={600} size="sm">
                        {r.invoiceNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.customerName}</Text>
                      <Text size="xs" c="dimmed">
                        {r.sentTo ?? t("dunning.printOnly")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LevelBadge level={r.level} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money minor={r.fee + r.interest + r.flatFee} currency={r.currency} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money minor={r.total} currency={r.currency} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={reminderPdfUrl(r.id)} target="_blank" size="sm">
                        <Group gap={4} wrap="nowrap">
                          <IconFileTypePdf size={16} aria-hidden />
                          {t("dunning.letter")}
                        </Group>
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <ListPagination
            total={query.data.total}
            totalCapped={query.data.totalCapped}
            limit={PAGE_SIZE}
            offset={offset}
            onOffsetChange={setOffset}
          />
        </>
      )}
    </Paper>
  );
}

export function LevelBadge({ level }: { level: number }) {
  const { t, i18n } = useTranslation();
  const schedule = useSchedule();
  const language = i18n.language.startsWith("de") ? "de" : "en";
  const title = schedule.data?.levels[level - 1]?.title[language];
  return (
    <Badge color={level >= 3 ? "red" : level === 2 ? "orange" : "yellow"} variant="light">
      {title ?? t("dunning.levelN", { level })}
    </Badge>
  );
}

function Money({ minor, currency }: { minor: number; currency: string }) {
  const fmt = useMoney(currency);
  return (
    <Text size="sm" fw={600} className="pl-num" style={{ whiteSpace: "nowrap" }}>
      {fmt.money(minor)}
    </Text>
  );
}
