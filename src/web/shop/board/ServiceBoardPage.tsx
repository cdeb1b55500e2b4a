// The Service Board, first column: units with Work Required (labour lines the customer approved on an
// estimate). Work orders, technicians and the other columns arrive with the work-order feature.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconTool } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { PageHeader, QueryError, TableSkeleton } from "../../shared/ui";

export interface WorkItem {
  id: string;
  unitId: string;
  estimateId: string;
  estimateNumber: string;
  labourLineId: string;
  versionNo: number;
  description: string;
  net: number;
  currency: string;
  status: "required" | "declined";
  createdAt: string;
}

interface BoardUnit {
  unitId: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
  customerName: string;
  work: WorkItem[];
}

export function ServiceBoardPage() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["service-board"],
    queryFn: ({ signal }) => api.get<{ items: BoardUnit[] }>("/api/v1/service-board", undefined, signal),
  });
  return (
    <>
      <PageHeader title={t("board.title")} description={t("board.hint")} />
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text>{t("board.empty")}</Text>
        </Paper>
      ) : (
        <Stack gap="xs">
          <Title order={2}>
            {t("board.workRequired")}{" "}
            <Badge variant="light" color="blue" radius="sm">
              {query.data.items.length}
            </Badge>
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {query.data.items.map((u) => (
              <UnitCard key={u.unitId} unit={u} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}

function UnitCard({ unit }: { unit: BoardUnit }) {
  const { t } = useTranslation();
  const fmt = useMoney(unit.work[0]?.currency ?? "EUR");
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-label={`${unit.unitLabel} ${unit.plate ?? ""}`.trim()}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Anchor component={Link} to={`/shop/units/${unit.unitId}`} fw={700}>
            {unit.unitLabel}
          </Anchor>
          <Text size="sm">{[unit.plate, unit.fleetNumber].filter(Boolean).join(" · ")}</Text>
          <Text size="sm" c="dimmed">
            {unit.customerName}
          </Text>
        </div>
        <Badge variant="light" color="blue" radius="sm" leftSection={<IconTool size={12} aria-hidden />}>
          {t("board.workRequired")}
        </Badge>
      </Group>
      <Stack gap={4} mt="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {unit.work.map((w) => (
          <li key={w.id}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">{w.description}</Text>
              <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                {fmt.money(w.net)}
              </Text>
            </Group>
            <Anchor component={Link} to={`/shop/estimates/${w.estimateId}`} size="xs">
              {t("board.fromEstimate", { number: w.estimateNumber, version: w.versionNo })}
            </Anchor>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}
