// Exports: the accountant's files for a period — the payments journal (CSV, XLSX) and the DATEV
// booking batch — and the DATEV numbers and accounts the batch books to. The downloads are plain
// links (the session cookie goes with them), so the browser streams each file to disk while the
// server writes it. The period starts as the previous month, the one usually handed to the adviser.
import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDownload } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { FormError } from "../../shared/ui";

const pad = (n: number) => String(n).padStart(2, "0");
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The first and last day of the month before `now`'s. */
export function previousMonth(now = new Date()) {
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  return { from: dayOf(first), to: dayOf(last) };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function ExportsTab() {
  return (
    <Stack gap="lg">
      <Downloads />
      <AccountMapping />
    </Stack>
  );
}

function Downloads() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState(previousMonth);
  const language = i18n.resolvedLanguage === "de" ? "de" : "en";

  const problems: { from?: string; to?: string } = {};
  if (!isDay(range.from)) problems.from = t("accountingExports.dateRequired");
  if (!isDay(range.to)) problems.to = t("accountingExports.dateRequired");
  else if (!problems.from && range.to < range.from) problems.to = t("accountingExports.rangeReversed");
  else if (!problems.from && range.to >= `${Number(range.from.slice(0, 4)) + 3}${range.from.slice(4)}`)
    problems.to = t("accountingExports.rangeTooLong");
  const valid = !problems.from && !problems.to;

  const href = (path: string, extra: Record<string, string> = {}) =>
    `${path}?${new URLSearchParams({ from: range.from, to: range.to, ...extra })}`;
  const download = (label: string, url: string) => (
    <Button
      component="a"
      href={valid ? url : undefined}
      download
      variant="default"
      disabled={!valid}
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      {label}
    </Button>
  );

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="exports-period-title">
      <Title order={2} size="h3" id="exports-period-title">
        {t("accountingExports.periodTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("accountingExports.periodHint")}
      </Text>
      <Group align="flex-start" gap="md" mb="lg">
        <TextInput
          type="date"
          label={t("accountingExports.from")}
          value={range.from}
          onChange={(e) => {
            const from = e.currentTarget.value;
            setRange((r) => ({ ...r, from }));
          }}
          error={problems.from}
          required
        />
        <TextInput
          type="date"
          label={t("accountingExports.to")}
          value={range.to}
          onChange={(e) => {
            const to = e.currentTarget.value;
            setRange((r) => ({ ...r, to }));
          }}
          error={problems.to}
          required
        />
      </Group>
      <Title order={3} size="h4" mb="xs">
        {t("accountingExports.downloadsTitle")}
      </Title>
      <Stack gap="md">
        <div>
          <Text size="sm" mb="xs">
            {t("accountingExports.paymentsHint")}
          </Text>
          <Group gap="xs">
            {download(
              t("accountingExports.paymentsCsv"),
              href("/api/v1/payments/export", { format: "csv", language }),
            )}
            {download(
              t("accountingExports.paymentsXlsx"),
              href("/api/v1/payments/export", { format: "xlsx", language }),
            )}
          </Group>
        </div>
        <div>
          <Text size="sm" mb="xs">
            {t("accountingExports.datevHint")}
          </Text>
          {download(t("accountingExports.datev"), href("/api/v1/datev/export"))}
        </div>
      </Stack>
    </Paper>
  );
}

interface AccountingSettings {
  consultantNumber: number;
  clientNumber: number;
  accountLength: number;
  fiscalYearStart: string;
  debtorAccount: string;
  revenueAccounts: Record<string, string>;
  bankAccount: string;
  cashAccount: string;
  clearingAccount: string;
}

interface MappingValues {
  consultantNumber: string;
  clientNumber: string;
  accountLength: string;
  fiscalYearStart: string;
  debtorAccount: string;
  revenue19: string;
  revenue7: string;
  revenue0: string;
  bankAccount: string;
  cashAccount: string;
  clearingAccount: string;
}

const settingsKey = ["settings", "accounting"] as const;

const toValues = (s: AccountingSettings): MappingValues => ({
  consultantNumber: String(s.consultantNumber),
  clientNumber: String(s.clientNumber),
  accountLength: String(s.accountLength),
  fiscalYearStart: s.fiscalYearStart,
  debtorAccount: s.debtorAccount,
  revenue19: s.revenueAccounts["19"] ?? "",
  revenue7: s.revenueAccounts["7"] ?? "",
  revenue0: s.revenueAccounts["0"] ?? "",
  bankAccount: s.bankAccount,
  cashAccount: s.cashAccount,
  clearingAccount: s.clearingAccount,
});

function AccountMapping() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const current = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<AccountingSettings>("/api/v1/settings/accounting", undefined, signal),
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const digits = (value: string) =>
    /^\d{1,9}$/.test(value.trim()) ? null : t("accountingExports.digitsOnly");
  const lengthOf = (values: MappingValues) => {
    const n = Number(values.accountLength);
    return Number.isInteger(n) && n >= 4 && n <= 8 ? n : null;
  };
  const ledger = (value: string, values: MappingValues) => {
    const problem = digits(value);
    if (problem) return problem;
    const length = lengthOf(values);
    return length && value.trim().length > length ? t("accountingExports.ledgerTooLong", { length }) : null;
  };
  const between = (value: string, min: number, max: number, message: string) => {
    if (!/^\d+$/.test(value.trim())) return t("accountingExports.wholeNumber");
    const n = Number(value);
    return n >= min && n <= max ? null : message;
  };

  const form = useForm<MappingValues>({
    mode: "controlled",
    initialValues: {
      consultantNumber: "",
      clientNumber: "",
      accountLength: "",
      fiscalYearStart: "",
      debtorAccount: "",
      revenue19: "",
      revenue7: "",
      revenue0: "",
      bankAccount: "",
      cashAccount: "",
      clearingAccount: "",
    },
    validate: {
      consultantNumber: (v) => between(v, 1001, 9_999_999, t("accountingExports.consultantRange")),
      clientNumber: (v) => between(v, 1, 99_999, t("accountingExports.clientRange")),
      accountLength: (v) => between(v, 4, 8, t("accountingExports.accountLengthRange")),
      fiscalYearStart: (v) =>
        /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v.trim())
          ? null
          : t("accountingExports.fiscalYearInvalid"),
      debtorAccount: (v, values) => {
        const problem = digits(v);
        if (problem) return problem;
        const length = lengthOf(values);
        return length && v.trim().length !== length + 1
          ? t("accountingExports.debtorLength", { length: length + 1 })
          : null;
      },
      revenue19: ledger,
      revenue7: ledger,
      revenue0: ledger,
      bankAccount: ledger,
      cashAccount: ledger,
      clearingAccount: ledger,
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: load the saved settings once they arrive
  useEffect(() => {
    if (current.data) {
      form.setValues(toValues(current.data));
      form.resetDirty(toValues(current.data));
    }
  }, [current.data]);

  const save = async (values: MappingValues) => {
    setError(null);
    setSaving(true);
    try {
      const body: AccountingSettings = {
        consultantNumber: Number(values.consultantNumber),
        clientNumber: Number(values.clientNumber),
        accountLength: Number(values.accountLength),
        fiscalYearStart: values.fiscalYearStart.trim(),
        debtorAccount: values.debtorAccount.trim(),
        revenueAccounts: {
          ...current.data?.revenueAccounts,
          "19": values.revenue19.trim(),
          "7": values.revenue7.trim(),
          "0": values.revenue0.trim(),
        },
        bankAccount: values.bankAccount.trim(),
        cashAccount: values.cashAccount.trim(),
        clearingAccount: values.clearingAccount.trim(),
      };
      const saved = await api.put<AccountingSettings>("/api/v1/settings/accounting", body);
      queryClient.setQueryData(settingsKey, saved);
      notifySuccess(t("accountingExports.saved"));
    } catch (e) {
      setError(
        applyServerErrors(form, e, {
          "revenueAccounts.19": "revenue19",
          "revenueAccounts.7": "revenue7",
          "revenueAccounts.0": "revenue0",
        }),
      );
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: keyof MappingValues, inputMode: "numeric" | "text" = "numeric") => (
    <TextInput
      label={t(`accountingExports.${name}`)}
      inputMode={inputMode}
      required
      {...form.getInputProps(name)}
    />
  );

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="exports-mapping-title">
      <Title order={2} size="h3" id="exports-mapping-title">
        {t("accountingExports.mappingTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("accountingExports.mappingHint")}
      </Text>
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => void save(values),
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack gap="md">
          <FormError message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {field("consultantNumber")}
            {field("clientNumber")}
            {field("accountLength")}
            {field("fiscalYearStart", "text")}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {field("debtorAccount")}
            {field("revenue19")}
            {field("revenue7")}
            {field("revenue0")}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {field("bankAccount")}
            {field("cashAccount")}
            {field("clearingAccount")}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={saving} disabled={!current.data}>
              {t("accountingExports.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
