// Open items: every unpaid issued invoice, oldest due date first. Five tiles give the aging buckets'
// counts and totals (a tile filters the list; again clears it); the rows and the export follow the
// search and the picked bucket, so the file holds what the screen shows.
import { Anchor, Badge, Group, Paper, SimpleGrid, Table, Text, UnstyledButton } from "@mantine/core";
import { IconReceipt } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMoney } from "../../estimates/estimateUi";
import { ExportButtons } from "../../shared/ExportButtons";
import { ListFilters, ListPanel, ListRow, ListTable } from "../../shared/ListPanel";
import { useListParams } from "../../shared/useListParams";
import { useDayFormat } from "../invoices/invoiceUi";
import { AGING_BUCKETS, type AgingBucket, type OpenItemsPage, useOpenItems } from "./openItemsApi";

export function OpenItemsTab() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const list = useListParams(["bucket"]);
  const bucket = (AGING_BUCKETS as readonly string[]).includes(list.filters.bucket ?? "")
    ? (list.filters.bucket as AgingBucket)
    : "";
  const query = useOpenItems({ q: list.q, bucket, offset: list.offset });
  const filtered = list.q !== "" || bucket !== "";

  return (
    <>
      <AgingTiles
        page={query.data}
        selected={bucket}
        onSelect={(next) => list.setFilter("bucket", next === bucket ? "" : next)}
      />
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <ListFilters
          list={list}
          busy={query.isFetching && !query.isPending}
          search={{ label: t("openItems.search"), placeholder: t("openItems.searchPlaceholder") }}
        />
        <ExportButtons path="/api/v1/open-items/export" filter={{ q: list.q, bucket }} />
      </Group>
      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconReceipt size={32} aria-hidden />,
          filtered,
          title: filtered ? t("openItems.noMatch") : t("openItems.empty"),
          hint: filtered ? t("openItems.noMatchHint") : t("openItems.emptyHint"),
          clearLabel: t("openItems.clearFilters"),
        }}
      >
        {(items) => (
          <ListTable
            minWidth={760}
            caption={t("openItems.tableCaption")}
            columns={[
              { label: t("openItems.col.number") },
              { label: t("openItems.col.customer") },
              { label: t("openItems.col.dueDate") },
              { label: t("openItems.col.daysOverdue"), numeric: true },
              { label: t("openItems.col.dunningLevel") },
              { label: t("openItems.col.open"), numeric: true },
            ]}
          >
            {items.map((item) => (
              <ListRow key={item.id} to={`/shop/invoices/${item.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/invoices/${item.id}`} fw={600} className="pl-num">
                    {item.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{item.customerName}</Table.Td>
                <Table.Td>
                  {item.dueDate ? (
                    <Text size="sm" component="time" dateTime={item.dueDate}>
                      {day(item.dueDate)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("openItems.noDueDate")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {item.daysOverdue > 0 ? (
                    <Text size="sm" fw={600} c={item.daysOverdue > 30 ? "red.8" : undefined}>
                      {item.daysOverdue}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("openItems.notDue")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {item.dunningLevel > 0 ? (
                    <Badge color="orange" variant="light">
                      {t("openItems.level", { level: item.dunningLevel })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("openItems.noReminder")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <OpenAmount amount={item.openAmount} gross={item.gross} currency={item.currency} />
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}

function OpenAmount({ amount, gross, currency }: { amount: number; gross: number; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <>
      <Text size="sm" fw={600} className="pl-num">
        {fmt.money(amount)}
      </Text>
      {amount !== gross ? (
        <Text size="xs" c="dimmed" className="pl-num" style={{ whiteSpace: "nowrap" }}>
          {t("openItems.ofGross", { gross: fmt.money(gross) })}
        </Text>
      ) : null}
    </>
  );
}

/** The five buckets as toggle buttons with count and total; the picked one is pressed. */
function AgingTiles({
  page,
  selected,
  onSelect,
}: {
  page: OpenItemsPage | undefined;
  selected: AgingBucket | "";
  onSelect: (bucket: AgingBucket) => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(page?.items[0]?.currency ?? "EUR");
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, lg: 5 }}
      spacing="sm"
      mb="md"
      role="group"
      aria-label={t("openItems.aging")}
    >
      {AGING_BUCKETS.map((bucket) => {
        const total = page?.buckets[bucket];
        const pressed = selected === bucket;
        return (
          <UnstyledButton key={bucket} onClick={() => onSelect(bucket)} aria-pressed={pressed}>
            <Paper
              withBorder
              radius="md"
              p="sm"
              style={{
                borderColor: pressed ? "var(--mantine-color-blue-6)" : undefined,
                borderWidth: pressed ? 2 : undefined,
                background: pressed ? "var(--mantine-color-blue-0)" : undefined,
              }}
            >
              <Text size="sm" c="dimmed">
                {t(`openItems.bucket.${bucket}`)}
              </Text>
              <Text fw={700} size="lg" className="pl-num">
                {total ? fmt.money(total.amount) : "…"}
              </Text>
              <Text size="xs" c="dimmed">
                {total ? t("openItems.invoiceCount", { count: total.count }) : null}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
