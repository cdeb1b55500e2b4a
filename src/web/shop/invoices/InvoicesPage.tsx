// The invoices dashboard: every invoice and credit note, newest first, with the case filters (Paid –
// ready for pick-up, Delivered – not paid, Open, Closed), totals open and paid today, search by
// number, customer, plate and PO number. Status changes arrive live.
import { Anchor, Badge, Button, Chip, Group, Stack, Table, Text } from "@mantine/core";
import { IconBuildingBank, IconPlus, IconReceipt } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../../estimates/estimateUi";
import { ExportButtons } from "../../shared/ExportButtons";
import { ListFilters, ListPanel, ListRow, ListTable } from "../../shared/ListPanel";
import { useCan } from "../../shared/session";
import { PageHeader } from "../../shared/ui";
import { useListParams } from "../../shared/useListParams";
import {
  INVOICE_FILTERS,
  type InvoiceFilter,
  type InvoiceList,
  type InvoiceListItem,
  signed,
  useInvoices,
} from "./invoiceApi";
import { CreditNoteBadge, DmsBadge, InvoiceStatusBadge, useDayFormat } from "./invoiceUi";
import { UploadInvoiceButton } from "./invoiceUpload/UploadInvoiceButton";

export function InvoicesPage() {
  const { t } = useTranslation();
  const canWrite = useCan("invoices:write");
  const canReceivables = useCan("receivables:manage");
  const day = useDayFormat();
  const list = useListParams(["filter"]);
  const filter = (INVOICE_FILTERS as readonly string[]).includes(list.filters.filter ?? "")
    ? (list.filters.filter as InvoiceFilter)
    : "";
  const query = useInvoices({ q: list.q, offset: list.offset, filter });
  const filtered = list.q !== "" || filter !== "";
  const summary = query.data?.summary;

  return (
    <>
      <PageHeader
        title={t("invoices.title")}
        actions={
          <>
            {canReceivables ? (
              <Button
                component={Link}
                to="/shop/receivables/bank-statements"
                variant="default"
                leftSection={<IconBuildingBank size={18} aria-hidden />}
              >
                {t("invoices.importStatement")}
              </Button>
            ) : null}
            {canWrite ? <UploadInvoiceButton /> : null}
            {canWrite ? (
              <Button
                component={Link}
                to="/shop/invoices/new"
                leftSection={<IconPlus size={18} aria-hidden />}
              >
                {t("invoices.create")}
              </Button>
            ) : null}
          </>
        }
      />
      {summary ? <Totals summary={summary} /> : null}
      <Chip.Group
        multiple={false}
        value={filter}
        onChange={(v) => list.setFilter("filter", v === filter ? "" : v)}
      >
        <Group gap="xs" mb="sm" role="group" aria-label={t("invoices.filter.label")}>
          {INVOICE_FILTERS.map((f) => (
            <Chip key={f} value={f} onClick={() => f === filter && list.setFilter("filter", "")}>
              {t(`invoices.filter.${f}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <ListFilters
          list={list}
          busy={query.isFetching && !query.isPending}
          search={{ label: t("invoices.search"), placeholder: t("invoices.searchPlaceholder") }}
        />
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to="/shop/invoices/uploads" size="sm" fw={600}>
            {t("invoiceUploads.listTitle")}
          </Anchor>
          <ExportButtons path="/api/v1/invoices/export" filter={{ q: list.q, filter }} />
        </Group>
      </Group>
      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconReceipt size={32} aria-hidden />,
          filtered,
          title: filtered ? t("invoices.noMatch") : t("invoices.empty"),
          hint: filtered ? t("invoices.noMatchHint") : t("invoices.emptyHint"),
          clearLabel: t("invoices.clearSearch"),
        }}
      >
        {(items) => (
          <ListTable
            minWidth={900}
            caption={t("invoices.tableCaption")}
            columns={[
              { label: t("invoices.col.number") },
              { label: t("invoices.col.customer") },
              { label: t("invoices.col.unit") },
              { label: t("invoices.col.gross"), numeric: true },
              { label: t("invoices.col.dueDate") },
              { label: t("invoices.col.status") },
              { label: t("invoices.col.handover") },
            ]}
          >
            {items.map((invoice) => (
              <ListRow key={invoice.id} to={`/shop/invoices/${invoice.id}`}>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Anchor component={Link} to={`/shop/invoices/${invoice.id}`} fw={600} className="pl-num">
                      {invoice.number ?? t("invoices.draft")}
                    </Anchor>
                    {invoice.kind === "credit_note" ? <CreditNoteBadge /> : null}
                    {invoice.source === "api" ? <DmsBadge /> : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{invoice.customerName}</Table.Td>
                <Table.Td>
                  {invoice.unitLabel ? (
                    <>
                      <Text size="sm" fw={600}>
                        {invoice.unitLabel}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {invoice.plate ?? t("common.notSet")}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("common.notSet")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Gross invoice={invoice} />
                </Table.Td>
                <Table.Td>
                  {invoice.dueDate ? (
                    <Text size="sm" component="time" dateTime={invoice.dueDate}>
                      {day(invoice.dueDate)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("common.notSet")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge invoice={invoice} />
                </Table.Td>
                <Table.Td>
                  <Handover invoice={invoice} />
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}

/** Where the vehicle and the bookkeeping stand: the other two thirds of a closed case. */
function Handover({ invoice }: { invoice: InvoiceListItem }) {
  const { t } = useTranslation();
  if (invoice.kind !== "invoice" || invoice.status !== "issued") return null;
  if (invoice.closed) {
    return (
      <Badge color="gray.8" variant="filled">
        {t("invoices.handover.closed")}
      </Badge>
    );
  }
  return (
    <Text size="sm">
      {invoice.deliveredAt ? t("invoices.handover.delivered") : t("invoices.handover.waiting")}
      {invoice.bookedAt ? ` · ${t("invoices.handover.booked")}` : ""}
    </Text>
  );
}

function Totals({ summary }: { summary: InvoiceList["summary"] }) {
  const { t } = useTranslation();
  const fmt = useMoney(summary.currency);
  return (
    <Group gap="xl" mb="md">
      <div>
        <Text size="sm" c="dimmed">
          {t("invoices.summary.open")}
        </Text>
        <Text fw={700} size="lg" className="pl-num">
          {fmt.money(summary.openTotal)}
        </Text>
      </div>
      <div>
        <Text size="sm" c="dimmed">
          {t("invoices.summary.paidToday")}
        </Text>
        <Text fw={700} size="lg" className="pl-num">
          {fmt.money(summary.paidToday)}
        </Text>
      </div>
    </Group>
  );
}

/** What is open, and of what gross, once something was paid or credited: the row says what is still owed. */
function Gross({ invoice }: { invoice: InvoiceListItem }) {
  const { t } = useTranslation();
  const fmt = useMoney(invoice.currency);
  // A credit note's amount is negative here as on its page and PDF.
  const gross = fmt.money(signed(invoice.kind, invoice.totals.gross));
  const owed =
    invoice.kind === "invoice" && invoice.status === "issued" && invoice.open !== invoice.totals.gross;
  return (
    <>
      <Text size="sm" fw={600} className="pl-num">
        {owed ? fmt.money(invoice.open) : gross}
      </Text>
      {owed ? (
        <Text size="xs" c="dimmed" className="pl-num" style={{ whiteSpace: "nowrap" }}>
          {t("invoices.col.ofGross", { gross })}
        </Text>
      ) : null}
    </>
  );
}
