// The fleet customer's invoices (issue #15): open ones first by tab, each with what is still to pay,
// its PDF, the reminders received (their letters) and *Pay now*, which opens the payment page.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Switch, Tabs, Text, Title } from "@mantine/core";
import { IconCreditCard, IconFileCode, IconFileTypePdf, IconReceipt } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../api";
import { useMoney } from "../estimates/estimateUi";
import { PageHeader } from "../shared/ui";
import { PAGE_SIZE, useListParams } from "../shared/useListParams";
import { useDayFormat } from "../shop/invoices/invoiceUi";
import type { EInvoiceFormat, ListResponse } from "../types";
import { PortalCardPage } from "./PortalCardPage";

type State = "open" | "paid" | "all";

interface PortalInvoice {
  id: string;
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  gross: number;
  open: number;
  paymentStatus: "invoiced" | "partially_paid" | "paid" | "overdue" | "credited" | "draft";
  dunningLevel: number;
  poNumber: string | null;
  plate: string | null;
  reminders: { id: string; level: number; dueOn: string; total: number }[];
}

const statusColor = {
  invoiced: "blue",
  partially_paid: "yellow",
  paid: "green",
  overdue: "red",
  credited: "gray",
  draft: "gray",
} as const;

export function PortalInvoicesPage() {
  const { t } = useTranslation();
  const list = useListParams(["tab"]);
  const tab: State = list.filters.tab === "paid" ? "paid" : list.filters.tab === "all" ? "all" : "open";
  return (
    <>
      <PageHeader title={t("portalInvoices.title")} />
      <TextConsent />
      <Tabs
        value={tab}
        onChange={(value) => list.setFilter("tab", value === "open" ? "" : (value ?? ""))}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="open">{t("portalInvoices.open")}</Tabs.Tab>
          <Tabs.Tab value="paid">{t("portalInvoices.paid")}</Tabs.Tab>
          <Tabs.Tab value="all">{t("portalInvoices.all")}</Tabs.Tab>
        </Tabs.List>
        {(["open", "paid", "all"] as const).map((state) => (
          <Tabs.Panel key={state} value={state}>
            <InvoiceList state={state} offset={list.offset} onOffsetChange={list.setOffset} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

function InvoiceList({
  state,
  offset,
  onOffsetChange,
}: {
  state: State;
  offset: number;
  onOffsetChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["portal", "invoices", state, offset],
    queryFn: ({ signal }) =>
      api.get<ListResponse<PortalInvoice> & { eInvoiceFormat?: EInvoiceFormat }>(
        "/api/v1/portal/invoices",
        { state, limit: PAGE_SIZE, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalCardPage
      label={t("portalInvoices.title")}
      query={query}
      card={(invoice) => (
        <InvoiceCard
          key={invoice.id}
          invoice={invoice}
          eInvoice={!!query.data?.eInvoiceFormat && query.data.eInvoiceFormat !== "none"}
        />
      )}
      empty={{
        icon: <IconReceipt size={32} aria-hidden />,
        title: t(state === "open" ? "portalInvoices.emptyOpen" : "portalInvoices.empty"),
        description: state === "open" ? t("portalInvoices.emptyOpenHint") : undefined,
      }}
      limit={PAGE_SIZE}
      offset={offset}
      onOffsetChange={onOffsetChange}
    />
  );
}

/** eInvoice: the customer gets e-invoices, so each (issued) invoice downloads as one beside its PDF. */
function InvoiceCard({ invoice, eInvoice }: { invoice: PortalInvoice; eInvoice: boolean }) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  const day = useDayFormat();
  const pay = useMutation({
    mutationFn: () => api.post<{ url: string }>(`/api/v1/portal/invoices/${invoice.id}/pay`),
    // The payment page is served by the same server as the portal: open its path here.
    onSuccess: ({ url }) => window.location.assign(new URL(url).pathname),
  });
  const credit = invoice.kind === "credit_note";
  const payNow = (
    <Button
      loading={pay.isPending}
      onClick={() => pay.mutate()}
      leftSection={<IconCreditCard size={18} aria-hidden />}
    >
      {t("portalInvoices.payNow")}
    </Button>
  );
  return (
    <Card component="li" withBorder radius="md" padding="md" style={{ listStyle: "none" }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="xs">
        <Title order={2} size="h3" className="pl-num" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
          {`${credit ? t("portalInvoices.creditNote") : t("portalInvoices.invoice")} ${invoice.number}`}
        </Title>
        <Badge color={statusColor[invoice.paymentStatus]} variant="light" style={{ flexShrink: 0 }}>
          {t(`portalInvoices.status.${invoice.paymentStatus}`)}
        </Badge>
      </Group>
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          {[
            invoice.issueDate ? day(invoice.issueDate) : null,
            invoice.plate,
            invoice.poNumber ? t("portalInvoices.po", { po: invoice.poNumber }) : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm">{t("portalInvoices.gross")}</Text>
          <Text size="sm" className="pl-num">
            {fmt.money(credit ? -invoice.gross : invoice.gross)}
          </Text>
        </Group>
        {invoice.open > 0 ? (
          <Group justify="space-between" gap="xs">
            <Text fw={700}>
              {invoice.dueDate
                ? t("portalInvoices.openDue", { date: day(invoice.dueDate) ?? "" })
                : t("portalInvoices.openNow")}
            </Text>
            <Text fw={700} size="lg" className="pl-num">
              {fmt.money(invoice.open)}
            </Text>
          </Group>
        ) : null}
        {invoice.reminders.length > 0 ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t("portalInvoices.reminders")}
            </Text>
            {invoice.reminders.map((r) => (
              <Anchor key={r.id} href={`/api/v1/portal/reminders/${r.id}/pdf`} target="_blank" size="sm">
                {t("portalInvoices.reminder", {
                  level: r.level,
                  date: day(r.dueOn) ?? "",
                  amount: fmt.money(r.total),
                })}
              </Anchor>
            ))}
          </Stack>
        ) : null}
        {pay.error ? (
          <Alert color="red" role="alert">
            {isApiError(pay.error) ? pay.error.message : String(pay.error)}
          </Alert>
        ) : null}
        <Group gap="xs" mt={4} grow>
          <Button
            component="a"
            variant="default"
            href={`/api/v1/portal/invoices/${invoice.id}/pdf`}
            target="_blank"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
          >
            {t("portalInvoices.pdf")}
          </Button>
          {eInvoice ? (
            <Button
              component="a"
              variant="default"
              href={`/api/v1/portal/invoices/${invoice.id}/e-invoice`}
              download
              leftSection={<IconFileCode size={18} aria-hidden />}
            >
              {t("eInvoice.portalDownload")}
            </Button>
          ) : null}
          {/* Three buttons do not fit a phone's row: with the e-invoice, Pay now gets its own. */}
          {invoice.open > 0 && !eInvoice ? payNow : null}
        </Group>
        {invoice.open > 0 && eInvoice ? payNow : null}
      </Stack>
    </Card>
  );
}

interface Consent {
  consent: boolean;
  at: string | null;
  source: "shop" | "portal" | null;
  phoneKnown: boolean;
}

/** The customer's own say on payment requests and reminders by text (recorded with time, source portal). */
function TextConsent() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["portal", "sms-consent"],
    queryFn: ({ signal }) => api.get<Consent>("/api/v1/portal/sms-consent", undefined, signal),
  });
  const save = useMutation({
    mutationFn: (consent: boolean) => api.put<Consent>("/api/v1/portal/sms-consent", { consent }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["portal", "sms-consent"] }),
  });
  if (!query.data) return null;
  return (
    <Card withBorder radius="md" padding="md" mb="md">
      <Switch
        label={t("customerSms.portalConsent")}
        description={query.data.phoneKnown ? undefined : t("customerSms.portalNoPhone")}
        checked={query.data.consent}
        disabled={save.isPending || (!query.data.phoneKnown && !query.data.consent)}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
    </Card>
  );
}
