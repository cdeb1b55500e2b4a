import { Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Reading } from "../types";
import { useFormat } from "./format";
import { ScrollTable } from "./ScrollTable";

/** Reading history, newest first (as the API returns it). */
export function ReadingsTable({
  readings,
  caption,
  compact = false,
}: {
  readings: Reading[];
  caption: string;
  /** Phone-friendly: date, readings and note only. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (readings.length === 0) {
    return <Text c="dimmed">{t("unitDetail.noReadings")}</Text>;
  }
  if (compact) return <CompactReadingsTable readings={readings} caption={caption} />;
  return (
    <ScrollTable minWidth={640} label={caption}>
      <Table striped verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("unitDetail.colDate")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("unitDetail.colOdometer")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("unitDetail.colEngineHours")}
            </Table.Th>
            <Table.Th scope="col">{t("unitDetail.colSource")}</Table.Th>
            <Table.Th scope="col">{t("unitDetail.colRecordedBy")}</Table.Th>
            <Table.Th scope="col">{t("unitDetail.colNote")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {readings.map((reading) => (
            <Table.Tr key={reading.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(reading.readAt)}</Table.Td>
              <Table.Td ta="right" className="pl-num">
                {format.number(reading.odometerKm)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {format.number(reading.engineHours, 1)}
              </Table.Td>
              <Table.Td>
                {reading.source === "portal" ? t("unitDetail.sourcePortal") : t("unitDetail.sourceShop")}
              </Table.Td>
              <Table.Td>{reading.recordedBy || t("common.notSet")}</Table.Td>
              <Table.Td>
                {reading.override ? (
                  <Badge color="orange" variant="light" mr="xs" className="pl-badge-full">
                    {t("unitDetail.correction")}
                  </Badge>
                ) : null}
                {reading.note}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Phone layout: date over time, the two counters and the note — fits 390 px without scrolling. */
function CompactReadingsTable({ readings, caption }: { readings: Reading[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ScrollTable minWidth={300} label={caption}>
      <Table striped verticalSpacing="xs" horizontalSpacing={6} aria-label={caption} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("unitDetail.colDate")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("unitDetail.colOdometer")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("unitDetail.colEngineHours")}
            </Table.Th>
            <Table.Th scope="col">{t("unitDetail.colNote")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {readings.map((reading) => (
            <Table.Tr key={reading.id}>
              <Table.Td className="pl-num">
                {format.date(reading.readAt)}
                <Text component="span" display="block" size="xs" c="dimmed">
                  {format.time(reading.readAt)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {format.number(reading.odometerKm)}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {format.number(reading.engineHours, 1)}
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                {reading.override ? (
                  <Badge
                    color="orange"
                    variant="light"
                    size="sm"
                    className="pl-badge-full"
                    display="block"
                    mb={2}
                  >
                    {t("unitDetail.correction")}
                  </Badge>
                ) : null}
                {reading.note}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
