// The accountant's two decisions on an unmatched credit: book it on an invoice (found by number or
// customer among the open ones), or take it out of the queue as no invoice's payment.
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { notifySuccess } from "../../shared/notify";
import { type StatementEntry, useDecideEntry } from "./bankStatementsApi";
import { useOpenItems } from "./openItemsApi";

const problemOf = (error: unknown) =>
  isApiError(error) ? (error.fieldErrors?.[0]?.message ?? error.message) : error ? String(error) : null;

export function AssignEntryDialog({ entry, onClose }: { entry: StatementEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(entry?.currency ?? "EUR");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const decide = useDecideEntry();
  // A fresh dialog per entry: its suggestion (the invoice it named) preselected.
  useEffect(() => {
    setSearch(entry?.invoiceNumber ?? "");
    setInvoiceId(entry?.invoiceId ?? null);
    decide.reset();
  }, [entry, decide.reset]);
  const candidates = useOpenItems({ q: debounced.trim(), bucket: "", offset: 0 });
  const problem = problemOf(decide.error);
  return (
    <AppModal opened={entry !== null} onClose={onClose} title={t("bankStatements.assignTitle")}>
      {entry ? (
        <Stack gap="sm">
          <Text size="sm">
            {t("bankStatements.assignWhat", {
              amount: fmt.money(entry.amount),
              payer: entry.payerName ?? "—",
            })}
          </Text>
          <TextInput
            label={t("bankStatements.findInvoice")}
            placeholder={t("openItems.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-autofocus
          />
          <Radio.Group value={invoiceId} onChange={setInvoiceId} label={t("bankStatements.openInvoices")}>
            <Stack gap={6} mt={6}>
              {(candidates.data?.items ?? []).slice(0, 8).map((item) => (
                <Radio
                  key={item.id}
                  value={item.id}
                  label={`${item.number} · ${item.customerName} · ${t("bankStatements.openAmount", { amount: fmt.money(item.openAmount) })}`}
                />
              ))}
              {candidates.data && candidates.data.items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("bankStatements.noCandidates")}
                </Text>
              ) : null}
            </Stack>
          </Radio.Group>
          {problem ? (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              disabled={!invoiceId}
              loading={decide.isPending}
              onClick={() =>
                invoiceId &&
                decide.mutate(
                  { id: entry.id, invoiceId },
                  {
                    onSuccess: () => {
                      notifySuccess(t("bankStatements.assigned"));
                      onClose();
                    },
                  },
                )
              }
            >
              {t("bankStatements.book")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}

export function IgnoreEntryDialog({ entry, onClose }: { entry: StatementEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(entry?.currency ?? "EUR");
  const decide = useDecideEntry();
  const problem = problemOf(decide.error);
  return (
    <AppModal opened={entry !== null} onClose={onClose} title={t("bankStatements.ignoreTitle")}>
      {entry ? (
        <Stack gap="sm">
          <Text size="sm">
            {t("bankStatements.ignoreWhat", {
              amount: fmt.money(entry.amount),
              payer: entry.payerName ?? "—",
            })}
          </Text>
          {problem ? (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={decide.isPending}
              onClick={() =>
                decide.mutate(
                  { id: entry.id, ignore: true },
                  {
                    onSuccess: () => {
                      notifySuccess(t("bankStatements.ignored"));
                      onClose();
                    },
                  },
                )
              }
            >
              {t("bankStatements.ignoreConfirm")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </AppModal>
  );
}
