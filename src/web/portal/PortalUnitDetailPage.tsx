import { Anchor, DataList, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useFormat } from "../shared/format";
import { ReadingForm } from "../shared/ReadingForm";
import { ReadingsTable } from "../shared/ReadingsTable";
import { DetailSkeleton, PageHeader, QueryError, TableSkeleton } from "../shared/ui";
import { portalKeys, usePortalReadings, usePortalUnit } from "./portalApi";

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/portal/units" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
      <IconArrowLeft size={16} aria-hidden style={{ alignSelf: "center" }} />
      {t("portal.backToUnits")}
    </Anchor>
  );
}

export function PortalUnitDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { id = "" } = useParams();
  const query = usePortalUnit(id);
  const readings = usePortalReadings(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t("portal.myUnits")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const unit = query.data;
  const empty = t("common.notSet");
  const title = unit.plate ? `${unit.make} ${unit.model} (${unit.plate})` : `${unit.make} ${unit.model}`;

  const onRecorded = () => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.all });
  };

  return (
    <>
      <BackLink />
      <PageHeader title={title} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Title order={2} mb={4}>
            {t("portal.updateReadings")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("portal.updateReadingsHint")}
          </Text>
          <SimpleGrid cols={2} mb="md">
            <div>
              <Text size="sm" c="dimmed">
                {t("unitDetail.odometer")}
              </Text>
              <Text size="xl" fw={700} className="pl-num">
                {format.km(unit.odometerKm)}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">
                {t("unitDetail.engineHours")}
              </Text>
              <Text size="xl" fw={700} className="pl-num">
                {format.hours(unit.engineHours)}
              </Text>
            </div>
          </SimpleGrid>
          <ReadingForm
            endpoint={`/api/v1/portal/units/${encodeURIComponent(unit.id)}/readings`}
            submitLabel={t("portal.updateReadings")}
            onRecorded={onRecorded}
          />
        </Paper>

        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Title order={2} mb="md">
            {t("unitDetail.vehicle")}
          </Title>
          <DataList labelWidth="9rem">
            <DataList.Item>
              <DataList.ItemLabel>{t("unitDetail.vin")}</DataList.ItemLabel>
              <DataList.ItemValue ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {unit.vin ?? empty}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("unitDetail.plate")}</DataList.ItemLabel>
              <DataList.ItemValue>{unit.plate ?? empty}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("unitDetail.year")}</DataList.ItemLabel>
              <DataList.ItemValue>{unit.year ?? empty}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t("unitDetail.fleetNumber")}</DataList.ItemLabel>
              <DataList.ItemValue>{unit.fleetNumber ?? empty}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Paper>

        <Paper withBorder radius="md" p={{ base: "sm", sm: "lg" }}>
          <Title order={2} mb="md">
            {t("unitDetail.history")}
          </Title>
          {readings.isPending ? (
            <TableSkeleton rows={3} />
          ) : readings.isError ? (
            <QueryError error={readings.error} onRetry={() => void readings.refetch()} />
          ) : (
            <ReadingsTable readings={readings.data.items} caption={t("unitDetail.history")} compact />
          )}
        </Paper>
      </Stack>
    </>
  );
}
