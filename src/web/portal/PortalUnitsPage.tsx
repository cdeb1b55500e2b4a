import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCar, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormat } from "../shared/format";
import { PageHeader } from "../shared/ui";
import { useListParams } from "../shared/useListParams";
import type { Unit } from "../types";
import { PortalCardPage } from "./PortalCardPage";
import { PORTAL_PAGE_SIZE, usePortalUnits } from "./portalApi";

export function PortalUnitsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams();
  const query = usePortalUnits(list.q, list.offset);

  return (
    <>
      <PageHeader
        title={t("portal.myUnits")}
        actions={<Button onClick={() => navigate("/portal/units/new")}>{t("portal.newUnit")}</Button>}
      />
      <TextInput
        mb="md"
        label={t("portal.search")}
        placeholder={t("portal.searchPlaceholder")}
        type="search"
        value={list.search}
        onChange={(event) => list.setSearch(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={query.isFetching && !query.isPending ? <Loader size="xs" aria-hidden /> : null}
        maw={480}
      />
      <PortalCardPage
        label={t("portal.unitList")}
        query={query}
        card={(unit) => <UnitCard key={unit.id} unit={unit} />}
        empty={{
          icon: <IconCar size={32} aria-hidden />,
          title: list.q ? t("portal.noMatch", { q: list.q }) : t("portal.empty"),
          description: list.q ? undefined : t("portal.emptyHint"),
        }}
        limit={PORTAL_PAGE_SIZE}
        offset={list.offset}
        onOffsetChange={list.setOffset}
      />
    </>
  );
}

function UnitCard({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const to = `/portal/units/${unit.id}`;
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="md"
      style={{ listStyle: "none", cursor: "pointer" }}
      onClick={(event) => {
        if (event.target instanceof Element && event.target.closest("a")) return;
        navigate(to);
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="sm">
        <Title order={2} size="h3" style={{ minWidth: 0 }}>
          <Anchor component={Link} to={to} inherit>
            {`${unit.make} ${unit.model}`}
          </Anchor>
        </Title>
        <Badge
          variant="light"
          color={unit.plate ? "blue" : "gray"}
          radius="sm"
          size="lg"
          tt="none"
          style={{ flexShrink: 0 }}
        >
          {unit.plate ?? t("portal.noPlate")}
        </Badge>
      </Group>
      <SimpleGrid cols={3} spacing="xs">
        <div>
          <Text size="xs" c="dimmed">
            {t("portal.odometer")}
          </Text>
          <Text fw={600} className="pl-num">
            {format.km(unit.odometerKm)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t("portal.engineHours")}
          </Text>
          <Text fw={600} className="pl-num">
            {format.hours(unit.engineHours)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t("portal.fleetNumber")}
          </Text>
          <Text fw={600}>{unit.fleetNumber ?? t("common.notSet")}</Text>
        </div>
      </SimpleGrid>
    </Card>
  );
}
