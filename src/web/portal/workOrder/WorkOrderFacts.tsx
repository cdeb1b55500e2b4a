import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconPackage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../shared/format";
import { FormError } from "../../shared/ui";
import type { PortalWorkOrder } from "../portalWorkOrderApi";
import { DateItem } from "./DateItem";
import type { PoNumberState } from "./usePoNumber";

/** When the order was opened, ready and invoiced, whether it waits for parts, and its PO number. */
export function WorkOrderFacts({ order, po }: { order: PortalWorkOrder; po: PoNumberState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invoiced = order.status === "invoiced";
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
        <DateItem label={t("portalWorkOrders.opened")} value={format.date(order.openedAt)} />
        {order.unitReadyAt ? (
          <DateItem label={t("portalWorkOrders.unitReady")} value={format.date(order.unitReadyAt)} />
        ) : null}
        {order.invoicedAt ? (
          <DateItem label={t("portalWorkOrders.invoiced")} value={format.date(order.invoicedAt)} />
        ) : null}
      </SimpleGrid>
      {order.waitingForParts && !invoiced ? (
        <Badge
          mt="sm"
          variant="light"
          color="orange"
          radius="sm"
          tt="none"
          leftSection={<IconPackage size={14} aria-hidden />}
        >
          {t("portalWorkOrders.waitingForParts")}
        </Badge>
      ) : null}
      <Box mt="md">
        {invoiced ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t("portalWorkOrders.poNumber")}
            </Text>
            <Text style={{ overflowWrap: "anywhere" }}>{order.poNumber ?? t("portalWorkOrders.noPo")}</Text>
            <Text size="xs" c="dimmed">
              {t("portalWorkOrders.poLocked")}
            </Text>
          </Stack>
        ) : (
          <form onSubmit={(event) => void po.save(event)} noValidate>
            <Stack gap="xs">
              <FormError message={po.formError} />
              <TextInput
                ref={po.poInputRef}
                label={t("portalWorkOrders.poNumber")}
                description={t("portalWorkOrders.poHint")}
                value={po.po}
                error={po.poError}
                autoComplete="off"
                onChange={(event) => po.change(event.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" variant="default" loading={po.saving} disabled={!po.dirty}>
                  {t("common.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Box>
    </Paper>
  );
}
