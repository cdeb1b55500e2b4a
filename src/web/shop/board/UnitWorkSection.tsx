// On a unit's page: its work as it stands — waiting, on an open work order, done, invoiced — so the
// advisor never offers work that was already billed. Declined work stays visible so the advisor can
// follow it up at the next visit.
import { Anchor, Badge, Paper, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useMoney } from "../../estimates/estimateUi";
import { QueryError, TableSkeleton } from "../../shared/ui";
import type { UnitWork, UnitWorkStatus } from "../workOrders/workOrderApi";

const badgeColor: Record<UnitWorkStatus, string> = {
  required: "blue",
  on_order: "yellow",
  done: "teal",
  invoiced: "gray",
  declined: "red",
};

export function UnitWorkSection({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["units", unitId, "work-items"],
    queryFn: ({ signal }) =>
      api.get<{ items: UnitWork[] }>(`/api/v1/units/${unitId}/work-items`, undefined, signal),
  });
  const fmt = useMoney(query.data?.items[0]?.currency ?? "EUR");
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} mb="xs">
        {t("board.unitWork")}
      </Title>
      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text>{t("board.unitWorkEmpty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("board.work")}</Table.Th>
                <Table.Th>{t("board.status")}</Table.Th>
                <Table.Th>{t("board.estimate")}</Table.Th>
                <Table.Th>{t("board.workOrder")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("board.net")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{w.description}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={badgeColor[w.status]}>
                      {t(`board.unitWorkStatus.${w.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {w.estimateId ? (
                      <Anchor component={Link} to={`/shop/estimates/${w.estimateId}`} className="pl-num">
                        {w.estimateNumber}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("board.fromExtension")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {w.workOrder ? (
                      <Anchor component={Link} to={`/shop/work-orders/${w.workOrder.id}`} className="pl-num">
                        {w.workOrder.number}
                      </Anchor>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{fmt.money(w.net)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
