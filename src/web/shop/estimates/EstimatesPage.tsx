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
import {
  FilterSelect,
  ListFilters,
  ListPanel,
  ListRow,
  ListTable,
  useListTexts,
} from "../../shared/ListPanel";
import { notifySuccess } from "../../shared/notify";
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
  const format = useFormat();
  const list = useListParams(["status"], { minSearch: 3 });
  const filter = list.filters.status || "all";
  const query = useShopEstimates({ status: filter === "all" ? "" : filter, q: list.q, offset: list.offset });
  const filtered = list.q !== "" || filter !== "all";
  const texts = useListTexts("estimates");
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

      <ListFilters list={list} busy={query.isFetching && !query.isPending} search={texts.search}>
        <FilterSelect
          label={t("estimates.filter.label")}
          data={statusOptions}
          value={filter}
          fallback="all"
          onChange={(value) => list.setFilter("status", value)}
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
      </ListFilters>

      <ListPanel
        query={query}
        list={list}
        empty={texts.empty(<IconFileDollar size={32} aria-hidden />, Boolean(filtered))}
      >
        {(items) => (
          <ListTable
            minWidth={900}
            caption={t("estimates.tableCaption")}
            columns={[
              { label: t("estimates.col.number") },
              { label: t("estimates.col.customer") },
              { label: t("estimates.col.unit") },
              { label: t("estimates.col.status") },
              { label: t("estimates.col.version") },
              { label: t("estimates.col.gross"), numeric: true },
              { label: t("estimates.col.updated") },
            ]}
          >
            {items.map((estimate) => (
              <ListRow key={estimate.id} to={`/shop/estimates/${estimate.id}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/shop/estimates/${estimate.id}`} fw={600} className="pl-num">
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
              </ListRow>
            ))}
          </ListTable>
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
