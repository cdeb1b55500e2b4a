// Bank statements: upload the bank's camt.053 or MT940 file; credits that name their invoice (RF
// reference or number), or fit exactly one invoice by amount and payer, are booked by themselves;
// the rest wait here until the accountant assigns each to an invoice or ignores it.
import { Alert, Badge, Button, FileButton, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconBuildingBank, IconCheck, IconInfoCircle, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { useFormat } from "../../shared/format";
import { ScrollTable } from "../../shared/ScrollTable";
import { QueryError, SectionTitle, TableSkeleton } from "../../shared/ui";
import { useDayFormat } from "../invoices/invoiceUi";
import {
  type ImportResult,
  type StatementEntry,
  useBankStatements,
  useImportStatement,
  useUnmatchedEntries,
} from "./bankStatementsApi";
import { AssignEntryDialog, IgnoreEntryDialog } from "./StatementEntryDialogs";

export function BankStatementsTab() {
  return (
    <Stack gap="lg">
      <ImportPanel />
      <UnmatchedQueue />
      <PastImports />
    </Stack>
  );
}

function ImportPanel() {
  const { t } = useTranslation();
  const importing = useImportStatement();
  const [result, setResult] = useState<ImportResult | null>(null);
  const error = importing.error;
  const problem = isApiError(error)
    ? (error.fieldErrors?.[0]?.message ?? error.message)
    : error
      ? String(error)
      : null;
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("bankStatements.importTitle")}</SectionTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t("bankStatements.importHint")}
      </Text>
      <FileButton
        accept=".xml,.sta,.txt,.mt940,.940,application/xml,text/xml,text/plain"
        onChange={(file) => {
          if (!file) return;
          setResult(null);
          importing.mutate(file, { onSuccess: setResult });
        }}
      >
        {(props) => (
          <Button {...props} loading={importing.isPending} leftSection={<IconUpload size={18} aria-hidden />}>
            {t("bankStatements.choose")}
          </Button>
        )}
      </FileButton>
      {result ? (
        <Alert
          mt="md"
          color={result.alreadyImported ? "blue" : "green"}
          icon={<IconCheck aria-hidden />}
          role="status"
        >
          {result.alreadyImported
            ? t("bankStatements.alreadyImported", {
                reference: result.statement.reference || result.statement.fileName,
              })
            : t("bankStatements.imported", {
                reference: result.statement.reference || result.statement.fileName,
                matched: result.statement.matchedCount,
                unmatched: result.statement.unmatchedCount,
                skipped: result.statement.skippedCount,
              })}
        </Alert>
      ) : null}
      {problem ? (
        <Alert
          mt="md"
          color="red"
          icon={<IconInfoCircle aria-hidden />}
          role="alert"
          title={t("bankStatements.refused")}
        >
          {problem}
        </Alert>
      ) : null}
    </Paper>
  );
}

function UnmatchedQueue() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const [offset] = useState(0);
  const query = useUnmatchedEntries(offset);
  const [assigning, setAssigning] = useState<StatementEntry | null>(null);
  const [ignoring, setIgnoring] = useState<StatementEntry | null>(null);
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("bankStatements.queueTitle")}</SectionTitle>
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("bankStatements.queueEmpty")}
        </Text>
      ) : (
        <ScrollTable minWidth={720} label={t("bankStatements.queueTitle")}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("bankStatements.col.date")}</Table.Th>
                <Table.Th>{t("bankStatements.col.payer")}</Table.Th>
                <Table.Th>{t("bankStatements.col.text")}</Table.Th>
                <Table.Th ta="right">{t("bankStatements.col.amount")}</Table.Th>
                <Table.Th>{t("bankStatements.col.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{day(entry.bookingDate)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {entry.payerName ?? t("common.notSet")}
                    </Text>
                    <Text size="xs" c="dimmed" className="pl-num">
                      {entry.payerIban ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.remittance || t("common.notSet")}</Text>
                    {entry.reason ? (
                      <Badge color="orange" variant="light" mt={4}>
                        {t(`bankStatements.reason.${entry.reason}`, { number: entry.invoiceNumber ?? "" })}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount entry={entry} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" onClick={() => setAssigning(entry)}>
                        {t("bankStatements.assign")}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setIgnoring(entry)}>
                        {t("bankStatements.ignore")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <AssignEntryDialog entry={assigning} onClose={() => setAssigning(null)} />
      <IgnoreEntryDialog entry={ignoring} onClose={() => setIgnoring(null)} />
    </Paper>
  );
}

function Amount({ entry }: { entry: StatementEntry }) {
  const fmt = useMoney(entry.currency);
  return (
    <Text size="sm" fw={600} className="pl-num" style={{ whiteSpace: "nowrap" }}>
      {fmt.money(entry.amount)}
    </Text>
  );
}

function PastImports() {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useBankStatements(0);
  return (
    <Paper withBorder radius="md" p="md">
      <SectionTitle>{t("bankStatements.pastTitle")}</SectionTitle>
      {query.isPending ? (
        <TableSkeleton rows={2} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Group gap="xs">
          <IconBuildingBank size={18} aria-hidden />
          <Text size="sm" c="dimmed">
            {t("bankStatements.pastEmpty")}
          </Text>
        </Group>
      ) : (
        <ScrollTable minWidth={640} label={t("bankStatements.pastTitle")}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("bankStatements.col.imported")}</Table.Th>
                <Table.Th>{t("bankStatements.col.statement")}</Table.Th>
                <Table.Th>{t("bankStatements.col.account")}</Table.Th>
                <Table.Th ta="right">{t("bankStatements.col.matched")}</Table.Th>
                <Table.Th ta="right">{t("bankStatements.col.unmatched")}</Table.Th>
                <Table.Th ta="right">{t("bankStatements.col.skipped")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{format.dateTime(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {s.reference || s.fileName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.format === "camt053" ? "camt.053" : "MT940"} · {s.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td className="pl-num">{s.account}</Table.Td>
                  <Table.Td ta="right">{s.matchedCount}</Table.Td>
                  <Table.Td ta="right">{s.unmatchedCount}</Table.Td>
                  <Table.Td ta="right">{s.skippedCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  );
}
