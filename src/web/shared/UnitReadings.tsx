// A unit's readings as the shop and the fleet customer's portal both show them: the current
// odometer and engine hours, the facts that identify the vehicle, and the reading history.
import { DataList, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Reading } from "../types";
import { useFormat } from "./format";
import { ReadingsTable } from "./ReadingsTable";
import { QueryError, TableSkeleton } from "./ui";

/** Odometer and engine hours side by side, large. */
export function CurrentReadings({
  odometerKm,
  engineHours,
  mb,
}: {
  odometerKm: number | null;
  engineHours: number | null;
  mb: "md" | "lg";
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={2} mb={mb}>
      <div>
        <Text size="sm" c="dimmed">
          {t("unitDetail.odometer")}
        </Text>
        <Text size="xl" fw={700} className="pl-num">
          {format.km(odometerKm)}
        </Text>
      </div>
      <div>
        <Text size="sm" c="dimmed">
          {t("unitDetail.engineHours")}
        </Text>
        <Text size="xl" fw={700} className="pl-num">
          {format.hours(engineHours)}
        </Text>
      </div>
    </SimpleGrid>
  );
}

/** VIN, plate, year and fleet number: rows for a DataList. */
export function UnitFactItems({
  unit,
  wrapVin = false,
}: {
  unit: { vin: string | null; plate: string | null; year: number | null; fleetNumber: string | null };
  /** Let a long VIN break on a narrow phone. */
  wrapVin?: boolean;
}) {
  const { t } = useTranslation();
  const empty = t("common.notSet");
  return (
    <>
      <DataList.Item>
        <DataList.ItemLabel>{t("unitDetail.vin")}</DataList.ItemLabel>
        <DataList.ItemValue ff="monospace" style={wrapVin ? { overflowWrap: "anywhere" } : undefined}>
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
    </>
  );
}

/** The reading history card, loading and failing on its own. */
export function ReadingHistory({
  readings,
  compact = false,
}: {
  readings: UseQueryResult<{ items: Reading[] }>;
  /** Phone-friendly table and padding (the portal). */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={compact ? { base: "sm", sm: "lg" } : "lg"}>
      <Title order={2} mb="md">
        {t("unitDetail.history")}
      </Title>
      {readings.isPending ? (
        <TableSkeleton rows={3} />
      ) : readings.isError ? (
        <QueryError error={readings.error} onRetry={() => void readings.refetch()} />
      ) : (
        <ReadingsTable readings={readings.data.items} caption={t("unitDetail.history")} compact={compact} />
      )}
    </Paper>
  );
}
