import { Anchor, Button, Group, Select, Stack, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconFileDollar, IconPlus } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api";
import {
  ESTIMATE_STATUSES,
  type Estimate,
  type EstimateSummary,
  estimateKeys,
  useShopEstimates,
} from "../../estimates/estimateApi";
import { EstimateStatusBadge, useMoney } from "../../estimates/estimateUi";
import { AppModal } from "../../shared/AppModal";
import { useFormat } from "../../shared/format";
import { ListPanel, SearchField } from "../../shared/ListPanel";
import { notifySuccess } from "../../shared/notify";
import { rowClick } from "../../shared/rowClick";
import { ScrollTable } from "../../shared/ScrollTable";
import { useCan } from "../../shared/session";
import { errorMessage, FormError, PageHeader } from "../../shared/ui";
import { useListParams } from "../../shared/useListParams";
import type { ListResponse, Unit } from "../../types";
import { unitTitle } from "../units/unitApi";

/** Creates a draft estimate for a unit and opens it in the editor. */
export function useCreateEstimate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (unitId: string) => {
    const estimate = await api.post<Estimate>("/api/v1/estimates", { unitId });
    queryClient.setQueryData(estimateKeys.shopDetail(estimate.id), estimate);
    void queryClient.invalidateQueries({ queryKey: estimateKeys.all });
    notifySuccess(t("estimates.created"));
    navigate(`/shop/estimates/${estimate.id}`);
  };
}

export function EstimatesPage() {
  const canWrite = useCan("estimates:write");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const list = useListParams(["status"], { minSearch: 3 });
  const filter = list.filters.status || "all";
  const query = useShopEstimates({ status: filter === "all" ? "" : filter, q: list.q, offset: list.offset });
  const filtered = list.q !== "" || filter !== "all";
  const [creating, setCreating] = useState(false);

  const statusOptions = [
    { value: "all", label: t("estimates.filter.all") },
    ...ESTIMATE_STATUSES.map((status) => ({ value: status, label: t(`estimates.status.${status}`) })),
  ];

  return (
    <>
      <PageHeader
        title={t("estimates.title")}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
              {t("estimates.newEstimate")}
            </Button>
          ) : null
        }
      />

      <Group mb="md" align="flex-end" gap="sm">
        <Select
          label={t("estimates.filter.label")}
          data={statusOptions}
          value={filter}
          onChange={(value) => list.setFilter("status", value && value !== "all" ? value : "")}
          allowDeselect={false}
          w={220}
        />
        <Button
          variant={filter === "disputed" ? "filled" : "default"}
          color={filter === "disputed" ? "red.9" : undefined}
          leftSection={<IconAlertTriangle size={16} aria-hidden />}
          aria-pressed={filter === "disputed"}
          onClick={() => list.setFilter("status", filter === "disputed" ? "" : "disputed")}
        >
          {t("estimates.inDispute")}
        </Button>
        <SearchField
          label={t("estimates.search")}
          placeholder={t("estimates.searchPlaceholder")}
          description={t("common.searchMinLength")}
          list={list}
          busy={query.isFetching && !query.isPending}
        />
      </Group>

      <ListPanel
        query={query}
        list={list}
        empty={{
          icon: <IconFileDollar size={32} aria-hidden />,
          filtered: Boolean(filtered),
          title: filtered ? t("estimates.noMatch") : t("estimates.empty"),
          hint: filtered ? t("estimates.noMatchHint") : t("estimates.emptyHint"),
          clearLabel: t("estimates.clearFilters"),
        }}
      >
        {(items) => (
          <ScrollTable minWidth={900} label={t("estimates.tableCaption")}>
            <Table highlightOnHover verticalSpacing="sm" aria-label={t("estimates.tableCaption")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("estimates.col.number")}</Table.Th>
                  <Table.Th scope="col">{t("estimates.col.customer")}</Table.Th>
                  <Table.Th scope="col">{t("estimates.col.unit")}</Table.Th>
                  <Table.Th scope="col">{t("estimates.col.status")}</Table.Th>
                  <Table.Th scope="col">{t("estimates.col.version")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("estimates.col.gross")}
                  </Table.Th>
                  <Table.Th scope="col">{t("estimates.col.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((estimate) => (
                  <Table.Tr
                    key={estimate.id}
                    className="pl-clickable-row"
                    onClick={rowClick(navigate, `/shop/estimates/${estimate.id}`)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/shop/estimates/${estimate.id}`}
                        fw={600}
                        className="pl-num"
                      >
                        {estimate.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{estimate.customerName}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {estimate.unitLabel}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {estimate.plate ?? t("common.notSet")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <EstimateStatusBadge status={estimate.status} />
                    </Table.Td>
                    <Table.Td>
                      {estimate.currentVersion > 0
                        ? t("estimates.versionNo", { version: estimate.currentVersion })
                        : t("estimates.notSubmitted")}
                    </Table.Td>
                    <Table.Td ta="right">
                      <EstimateGross summary={estimate} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" component="time" dateTime={estimate.updatedAt}>
                        {format.dateTime(estimate.updatedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </ListPanel>
      <NewEstimateModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** Gross of the latest version (or of the working copy while nothing was submitted), from the list. */
function EstimateGross({ summary }: { summary: EstimateSummary }) {
  const { t } = useTranslation();
  const fmt = useMoney(summary.currency);
  if (summary.gross === null || summary.gross === undefined) {
    return (
      <Text size="sm" c="dimmed">
        {t("common.notSet")}
      </Text>
    );
  }
  return (
    <Text size="sm" fw={600} className="pl-num">
      {fmt.money(summary.gross)}
    </Text>
  );
}

function NewEstimateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateEstimate();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useQuery({
    queryKey: ["units", "picker", debounced],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Unit>>("/api/v1/units", { q: debounced, limit: 20 }, signal),
    enabled: opened,
  });
  const data = (units.data?.items ?? []).map((unit) => ({
    value: unit.id,
    label: `${unitTitle(unit)} · ${unit.customerName}`,
  }));

  const submit = async () => {
    if (!unitId) return;
    setBusy(true);
    setError(null);
    try {
      await create(unitId);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened={opened} onClose={onClose} title={t("estimates.newEstimate")}>
      <Stack gap="md">
        <FormError message={error} />
        <Select
          label={t("estimates.unit")}
          description={t("estimates.newEstimateHint")}
          placeholder={t("estimates.unitSearchPlaceholder")}
          data={data}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          value={unitId}
          onChange={setUnitId}
          filter={({ options }) => options}
          nothingFoundMessage={units.isFetching ? t("common.loading") : t("estimates.noUnits")}
          required
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button disabled={!unitId} loading={busy} onClick={() => void submit()}>
            {t("estimates.create")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
