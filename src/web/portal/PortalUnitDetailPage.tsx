import { DataList, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { BackLink } from "../shared/BackLink";
import { ReadingForm } from "../shared/ReadingForm";
import { CurrentReadings, ReadingHistory, UnitFactItems } from "../shared/UnitReadings";
import { DetailSkeleton, PageHeader, QueryError } from "../shared/ui";
import { portalKeys, usePortalReadings, usePortalUnit } from "./portalApi";

function UnitsBackLink() {
  const { t } = useTranslation();
  return <BackLink to="/portal/units">{t("portal.backToUnits")}</BackLink>;
}

export function PortalUnitDetailPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { id = "" } = useParams();
  const query = usePortalUnit(id);
  const readings = usePortalReadings(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <UnitsBackLink />
        <PageHeader title={t("portal.myUnits")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const unit = query.data;
  const title = unit.plate ? `${unit.make} ${unit.model} (${unit.plate})` : `${unit.make} ${unit.model}`;

  const onRecorded = () => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.all });
  };

  return (
    <>
      <UnitsBackLink />
      <PageHeader title={title} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Title order={2} mb={4}>
            {t("portal.updateReadings")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("portal.updateReadingsHint")}
          </Text>
          <CurrentReadings odometerKm={unit.odometerKm} engineHours={unit.engineHours} mb="md" />
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
            <UnitFactItems unit={unit} wrapVin />
          </DataList>
        </Paper>

        <ReadingHistory readings={readings} compact />
      </Stack>
    </>
  );
}
