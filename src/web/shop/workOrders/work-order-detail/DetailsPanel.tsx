import { Button, DataList, Group, Paper, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useFormat } from "../../../shared/format";
import { useCan } from "../../../shared/session";
import { WorkOrderInvoiceLink } from "../../invoices/invoiceUi";
import type { WorkOrder } from "../workOrderApi";
import type { Run } from "./useRunner";

export function DetailsPanel({ order, busy, run }: { order: WorkOrder; busy: string | null; run: Run }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan("work-orders:write");
  const editable = canWrite && order.status !== "invoiced";
  const [editingPo, setEditingPo] = useState(false);
  const [po, setPo] = useState(order.poNumber ?? "");
  const base = `/api/v1/work-orders/${encodeURIComponent(order.id)}`;

  const savePo = async () => {
    const ok = await run("po", () =>
      api.patch<WorkOrder>(base, { poNumber: po.trim() || null, version: order.version }),
    );
    if (ok) setEditingPo(false);
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} mb="sm">
        {t("workOrders.details")}
      </Title>
      <Stack gap="sm">
        {editingPo ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void savePo();
            }}
          >
            <TextInput
              label={t("workOrders.poNumber")}
              value={po}
              maxLength={60}
              onChange={(event) => setPo(event.currentTarget.value)}
              data-autofocus
              autoFocus
            />
            <Group gap="xs" mt="xs">
              <Button type="submit" size="sm" loading={busy === "po"}>
                {t("common.save")}
              </Button>
              <Button size="sm" variant="default" onClick={() => setEditingPo(false)}>
                {t("common.cancel")}
              </Button>
            </Group>
          </form>
        ) : (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <div>
              <Text size="xs" c="dimmed">
                {t("workOrders.poNumber")}
              </Text>
              <Text size="sm" className="pl-num">
                {order.poNumber ?? t("common.notSet")}
              </Text>
            </div>
            {editable ? (
              <Button
                variant="subtle"
                size="sm"
                leftSection={<IconPencil size={16} aria-hidden />}
                aria-label={t("workOrders.editPoNumber")}
                onClick={() => {
                  setPo(order.poNumber ?? "");
                  setEditingPo(true);
                }}
              >
                {t("common.edit")}
              </Button>
            ) : null}
          </Group>
        )}
        <Switch
          label={t("workOrders.waitingForParts")}
          checked={order.waitingForParts}
          disabled={!editable || order.status !== "in_progress" || busy !== null}
          onChange={(event) => {
            const waitingForParts = event.currentTarget.checked;
            void run("parts", () => api.patch<WorkOrder>(base, { waitingForParts, version: order.version }));
          }}
        />
        <DataList labelWidth="8rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("workOrders.invoicing")}</DataList.ItemLabel>
            <DataList.ItemValue>
              {order.requiresAuthorisation ? t("workOrders.viaAuthorisation") : t("workOrders.direct")}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("workOrders.opened")}</DataList.ItemLabel>
            <DataList.ItemValue>{format.dateTime(order.openedAt)}</DataList.ItemValue>
          </DataList.Item>
          {order.unitReadyAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.unit_ready")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(order.unitReadyAt)}</DataList.ItemValue>
            </DataList.Item>
          ) : null}
          {order.readyToSubmitAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.ready_to_submit")}</DataList.ItemLabel>
              <DataList.ItemValue>{format.dateTime(order.readyToSubmitAt)}</DataList.ItemValue>
            </DataList.Item>
          ) : null}
          {order.invoicedAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t("workOrders.status.invoiced")}</DataList.ItemLabel>
              <DataList.ItemValue>
                {format.dateTime(order.invoicedAt)}
                <WorkOrderInvoiceLink workOrder={order} />
              </DataList.ItemValue>
            </DataList.Item>
          ) : null}
        </DataList>
      </Stack>
    </Paper>
  );
}
