import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMoney } from "../../estimates/estimateUi";
import type { PortalBillingLine, PortalWorkOrder } from "../portalWorkOrderApi";
import { JobStatusBadge } from "../portalWorkOrderUi";
import { groupJobs, type JobGroup, joinDetails } from "./jobGroups";

export function JobsList({ order }: { order: PortalWorkOrder }) {
  const { t } = useTranslation();
  const groups = groupJobs(order);
  if (groups.length === 0) {
    return (
      <Text c="dimmed" size="sm" px={{ base: "xs", sm: 0 }} pb={{ base: "xs", sm: 0 }}>
        {t("portalWorkOrders.noJobs")}
      </Text>
    );
  }
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      aria-label={t("portalWorkOrders.jobsList")}
      style={{ listStyle: "none" }}
    >
      {groups.map((group) => {
        const description = group.job?.description ?? group.labour?.description ?? "";
        return (
          <Paper component="li" key={group.key} withBorder radius="md" p={4}>
            <LabourRow group={group} currency={order.currency} />
            {group.parts.length > 0 ? (
              <Stack
                component="ul"
                gap={4}
                p={0}
                m={0}
                ml={{ base: "md", sm: "xl" }}
                mb={4}
                aria-label={t("portalWorkOrders.partsOf", { description })}
                style={{ listStyle: "none" }}
              >
                {group.parts.map((part, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: billing lines have no id; their order is fixed
                  <li key={index}>
                    <PartRow line={part} currency={order.currency} />
                  </li>
                ))}
              </Stack>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}

function LabourRow({ group, currency }: { group: JobGroup; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const { job, labour } = group;
  const flat = job?.pricing === "flat";
  const price = labour?.unitPrice ?? job?.unitPrice ?? 0;
  const details: string[] = [];
  if (flat) {
    details.push(t("portalWorkOrders.flat"));
    if (job)
      details.push(t("portalWorkOrders.flatHours", { estimated: fmt.quantity(job.estimatedHoursMilli) }));
  } else {
    details.push(
      `${t("portalWorkOrders.hourly")}: ${t("portalWorkOrders.billedHours", {
        hours: fmt.quantity(labour?.quantityMilli ?? job?.estimatedHoursMilli ?? 0),
        price: fmt.money(price),
      })}`,
    );
  }
  const taxRate = labour?.taxRateBp ?? job?.taxRateBp;
  if (taxRate !== undefined) details.push(t("portalWorkOrders.tax", { rate: fmt.rate(taxRate) }));
  const clock =
    job && !flat
      ? job.clockedHoursMilli > 0
        ? t("portalWorkOrders.clockedHours", {
            clocked: fmt.quantity(job.clockedHoursMilli),
            estimated: fmt.quantity(job.estimatedHoursMilli),
          })
        : t("portalWorkOrders.notClocked", { estimated: fmt.quantity(job.estimatedHoursMilli) })
      : null;
  return (
    <Box p="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} style={{ overflowWrap: "anywhere" }}>
              {job?.description ?? labour?.description}
            </Text>
            {job ? <JobStatusBadge status={job.status} /> : null}
          </Group>
          <Text
            size="sm"
            c="dimmed"
            className="pl-num"
            style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
          >
            {joinDetails(details)}
          </Text>
          {clock ? (
            <Text
              size="sm"
              c="dimmed"
              className="pl-num"
              style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
            >
              {clock}
            </Text>
          ) : null}
        </Stack>
        {labour ? (
          <Text fw={600} className="pl-num">
            {fmt.money(labour.net)}
          </Text>
        ) : null}
      </Group>
    </Box>
  );
}

function PartRow({ line, currency }: { line: PortalBillingLine; currency: string }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <Box
      p="sm"
      style={{ borderRadius: "var(--mantine-radius-sm)", background: "var(--mantine-color-gray-0)" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={500} style={{ overflowWrap: "anywhere" }}>
            {line.description}
          </Text>
          <Text
            size="sm"
            c="dimmed"
            className="pl-num"
            style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}
          >
            {joinDetails([
              line.partNumber ? t("portalWorkOrders.partNo", { number: line.partNumber }) : null,
              t("portalWorkOrders.partQuantity", {
                quantity: fmt.quantity(line.quantityMilli),
                price: fmt.money(line.unitPrice),
              }),
              t("portalWorkOrders.tax", { rate: fmt.rate(line.taxRateBp) }),
            ])}
          </Text>
        </Stack>
        <Text fw={600} className="pl-num">
          {fmt.money(line.net)}
        </Text>
      </Group>
    </Box>
  );
}
