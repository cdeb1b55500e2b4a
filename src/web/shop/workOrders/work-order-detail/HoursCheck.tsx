import { Alert, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../shared/ScrollTable";
import { NumberTableHead } from "../NumberTableHead";
import type { WorkOrder } from "../workOrderApi";
import { hoursMinutes } from "../workOrderUi";

/** The jobs whose billed hours are far from the approved (beyond the location's tolerance), if any. */
export function HoursWarning({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const flagged = order.jobs.filter((j) => j.beyondTolerance);
  if (flagged.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" mb="sm" icon={<IconAlertTriangle aria-hidden />}>
      <Text size="sm" fw={600}>
        {t("workOrders.hoursCheckWarning", { count: flagged.length })}
      </Text>
      <Text size="sm">{flagged.map((j) => j.description).join(", ")}</Text>
    </Alert>
  );
}

/** Per job: the approved (estimated), clocked and billed hours, as invoicing will bill them. */
export function HoursCheck({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const tolerance = order.billingPolicy.tolerancePct;
  return (
    <ScrollTable minWidth={300} label={t("workOrders.hoursCheckTitle")}>
      <Table verticalSpacing={4} fz="sm" aria-label={t("workOrders.hoursCheckTitle")}>
        <NumberTableHead
          columns={[
            { label: t("workOrders.hoursCheckJob") },
            { label: t("workOrders.approved"), numeric: true },
            { label: t("workOrders.clocked"), numeric: true },
            { label: t("workOrders.billed"), numeric: true },
          ]}
        />
        <Table.Tbody>
          {order.jobs.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Th scope="row" fw={600}>
                {j.description}
              </Table.Th>
              <Table.Td ta="right" className="pl-num">
                {t("workOrders.hours", { value: hoursMinutes(j.estimatedHoursMilli) })}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {t("workOrders.hours", { value: hoursMinutes(j.clockedHoursMilli) })}
              </Table.Td>
              <Table.Td ta="right" className="pl-num">
                {j.billedHoursMilli === null ? (
                  t("workOrders.hoursCheckFlat")
                ) : (
                  <>
                    <Text span inherit fw={j.beyondTolerance ? 700 : undefined}>
                      {t("workOrders.hours", { value: hoursMinutes(j.billedHoursMilli) })}
                    </Text>
                    {/* On its own line, so a phone's modal shows it without scrolling the table. */}
                    {j.beyondTolerance ? (
                      <Text size="xs" fw={700} style={{ whiteSpace: "normal" }}>
                        {t("workOrders.beyondToleranceShort", { tolerance })}
                      </Text>
                    ) : null}
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
