import { Anchor, Button, Group, Table } from "@mantine/core";
import { IconCar, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormat } from "../../shared/format";
import { ListPanel, ListRow, ListTable, SearchField } from "../../shared/ListPanel";
import { useCan } from "../../shared/session";
import { PageHeader } from "../../shared/ui";
import { PAGE_SIZE, useListParams } from "../../shared/useListParams";
import { useUnitList } from "./unitApi";

export function UnitsPage() {
  const canWrite = useCan("units:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const list = useListParams();
  const query = useUnitList({ q: list.q, offset: list.offset, limit: PAGE_SIZE });
  const empty = t("common.notSet");

  return (
    <>
      <PageHeader
        title={t("units.title")}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={() => navigate("/shop/units/new")}
            >
              {t("units.newUnit")}
            </Button>
          ) : null
        }
      />

      <Group mb="md">
        <SearchField
          label={t("units.search")}
          placeholder={t("units.searchPlaceholder")}
          description={t("units.searchHint")}
          list={list}
          busy={query.isFetching && !query.isPending}
        />
      </Group>

      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconCar size={32} aria-hidden />,
          filtered: Boolean(list.q),
          title: list.q ? t("units.noMatch", { q: list.q }) : t("units.empty"),
          hint: list.q ? t("units.noMatchHint") : t("units.emptyHint"),
          clearLabel: t("units.clearSearch"),
        }}
      >
        {(items) => (
          <ListTable
            minWidth={880}
            caption={t("units.tableCaption")}
            columns={[
              { label: t("units.colPlate") },
              { label: t("units.colVin") },
              { label: t("units.colMakeModel") },
              { label: t("units.colYear") },
              { label: t("units.colFleetNumber") },
              { label: t("units.colCustomer") },
              { label: t("units.colOdometer"), numeric: true },
            ]}
          >
            {items.map((unit) => (
              <ListRow key={unit.id} to={`/shop/units/${unit.id}`}>
                <Table.Td fw={600}>{unit.plate ?? empty}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {unit.vin ?? empty}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/units/${unit.id}`} fw={600}>
                    {`${unit.make} ${unit.model}`}
                  </Anchor>
                </Table.Td>
                <Table.Td className="pl-num">{unit.year ?? empty}</Table.Td>
                <Table.Td>{unit.fleetNumber ?? empty}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/customers/${unit.customerId}`}>
                    {unit.customerName}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" className="pl-num">
                  {format.km(unit.odometerKm)}
                </Table.Td>
              </ListRow>
            ))}
          </ListTable>
        )}
      </ListPanel>
    </>
  );
}
