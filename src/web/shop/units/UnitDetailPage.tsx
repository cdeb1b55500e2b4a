import { Anchor, Button, DataList, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { IconFileDollar, IconPencil } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ReadingForm } from "../../shared/ReadingForm";
import { useCan } from "../../shared/session";
import { CurrentReadings, ReadingHistory, UnitFactItems } from "../../shared/UnitReadings";
import { DetailSkeleton, errorMessage, FormError, PageHeader, QueryError } from "../../shared/ui";
import { UnitWorkSection } from "../board/UnitWorkSection";
import { customerKeys } from "../customers/customerApi";
import { useCreateEstimate } from "../estimates/EstimatesPage";
import { unitKeys, unitTitle, useUnit, useUnitReadings } from "./unitApi";

export function UnitDetailPage() {
  const canWrite = useCan("units:write");
  const canCreateEstimate = useCan("estimates:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = "" } = useParams();
  const query = useUnit(id);
  const readings = useUnitReadings(id);

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("units.title")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const unit = query.data;

  const onRecorded = () => {
    void queryClient.invalidateQueries({ queryKey: unitKeys.detail(unit.id) });
    void queryClient.invalidateQueries({ queryKey: unitKeys.readings(unit.id) });
    void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    void queryClient.invalidateQueries({ queryKey: customerKeys.detail(unit.customerId) });
  };

  return (
    <>
      <PageHeader
        title={unitTitle(unit)}
        actions={
          <>
            {canCreateEstimate ? <NewEstimateButton unitId={unit.id} /> : null}
            {canWrite ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} aria-hidden />}
                onClick={() => navigate(`/shop/units/${unit.id}/edit`)}
              >
                {t("common.edit")}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("unitDetail.vehicle")}
            </Title>
            <DataList labelWidth="10rem">
              <DataList.Item>
                <DataList.ItemLabel>{t("unitDetail.customer")}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Anchor component={Link} to={`/shop/customers/${unit.customerId}`}>
                    {unit.customerName}
                  </Anchor>
                </DataList.ItemValue>
              </DataList.Item>
              <UnitFactItems unit={unit} />
            </DataList>
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("unitDetail.currentReadings")}
            </Title>
            <CurrentReadings odometerKm={unit.odometerKm} engineHours={unit.engineHours} mb="lg" />
            <Title order={3} mb="sm">
              {t("unitDetail.recordReading")}
            </Title>
            <ReadingForm
              endpoint={`/api/v1/units/${encodeURIComponent(unit.id)}/readings`}
              submitLabel={t("unitDetail.recordReading")}
              onRecorded={onRecorded}
            />
          </Paper>
        </SimpleGrid>
        <ReadingHistory readings={readings} />
        <UnitWorkSection unitId={unit.id} />
      </Stack>
    </>
  );
}

/** Creates a draft estimate for this unit and opens the editor. */
function NewEstimateButton({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const create = useCreateEstimate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        leftSection={<IconFileDollar size={18} aria-hidden />}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await create(unitId);
          } catch (err) {
            setError(errorMessage(err, t("errors.saveFailed")));
            setBusy(false);
          }
        }}
      >
        {t("estimates.newEstimate")}
      </Button>
      <FormError message={error} />
    </>
  );
}
