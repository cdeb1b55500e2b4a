import { Anchor, Button, Group, SegmentedControl, Table } from "@mantine/core";
import { IconPlus, IconUsers } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormat } from "../../shared/format";
import { ListPanel, ListRow, ListTable, SearchField } from "../../shared/ListPanel";
import { useCan } from "../../shared/session";
import { PageHeader } from "../../shared/ui";
import { PAGE_SIZE, useListParams } from "../../shared/useListParams";
import type { Customer } from "../../types";
import { CustomerTypeBadge } from "./CustomerTypeBadge";
import { useCustomerList } from "./customerApi";

const TYPES = ["", "private", "business"] as const;

export function CustomersPage() {
  const canWrite = useCan("customers:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const list = useListParams(["type"]);
  const type = TYPES.find((value) => value === list.filters.type) ?? "";
  // The URL updates inside a transition; show the chosen segment at once.
  const [shownType, setShownType] = useState<string>(type);
  useEffect(() => setShownType(type), [type]);
  const query = useCustomerList({ q: list.q, type, offset: list.offset, limit: PAGE_SIZE });
  const filtered = list.q !== "" || type !== "";
  const empty = t("common.notSet");

  return (
    <>
      <PageHeader
        title={t("customers.title")}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={() => navigate("/shop/customers/new")}
            >
              {t("customers.newCustomer")}
            </Button>
          ) : null
        }
      />

      <Group align="flex-end" gap="md" mb="md" wrap="wrap">
        <SearchField
          label={t("customers.search")}
          placeholder={t("customers.searchPlaceholder")}
          description={t("customers.searchHint")}
          list={list}
          busy={query.isFetching && !query.isPending}
        />
        <SegmentedControl
          aria-label={t("customers.typeFilter")}
          value={shownType}
          onChange={(value) => {
            setShownType(value);
            list.setFilter("type", value);
          }}
          data={[
            { value: "", label: t("customers.all") },
            { value: "private", label: t("customers.private") },
            { value: "business", label: t("customers.business") },
          ]}
        />
      </Group>

      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconUsers size={32} aria-hidden />,
          filtered: Boolean(filtered),
          title: filtered
            ? list.q
              ? t("customers.noMatch", { q: list.q })
              : t("customers.noMatchFilter")
            : t("customers.empty"),
          hint: filtered ? t("customers.noMatchHint") : t("customers.emptyHint"),
          clearLabel: t("customers.clearFilters"),
        }}
      >
        {(items) => (
          <ListTable
            minWidth={760}
            caption={t("customers.tableCaption")}
            columns={[
              { label: t("customers.colName") },
              { label: t("customers.colType") },
              { label: t("customers.colEmail") },
              { label: t("customers.colPhone") },
              { label: t("customers.colCity") },
              { label: t("customers.colUnits"), numeric: true },
            ]}
          >
            {items.map((customer: Customer) => (
              <ListRow key={customer.id} to={`/shop/customers/${customer.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/customers/${customer.id}`} fw={600}>
                    {customer.displayName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <CustomerTypeBadge type={customer.type} />
                </Table.Td>
                <Table.Td>{customer.email ?? empty}</Table.Td>
                <Table.Td className="pl-num">{customer.phone ?? empty}</Table.Td>
                <Table.Td>{customer.city ?? empty}</Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {format.number(customer.unitCount)}
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}
