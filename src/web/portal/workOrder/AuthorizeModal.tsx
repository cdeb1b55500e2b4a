import { Button, Group, Stack, Text } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../shared/AppModal";
import { errorMessage, FormError } from "../../shared/ui";
import type { PortalWorkOrder } from "../portalWorkOrderApi";
import { unitTitle } from "../portalWorkOrderUi";

export function AuthorizeModal({
  opened,
  onClose,
  order,
  gross,
  poNumber,
  onConfirm,
  onError,
}: {
  opened: boolean;
  onClose: () => void;
  order: PortalWorkOrder;
  gross: string;
  poNumber: string | null;
  onConfirm: () => Promise<void>;
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("portalWorkOrders.authorizeTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">
          {t("portalWorkOrders.authorizeBody", { number: order.number, unit: unitTitle(order) })}
        </Text>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={600}>{t("portalWorkOrders.authorizeTotal")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {gross}
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={600}>{t("portalWorkOrders.poNumber")}</Text>
          <Text ta="right" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
            {poNumber ?? t("portalWorkOrders.noPo")}
          </Text>
        </Group>
        <Button
          color="#1e6b30"
          loading={busy}
          leftSection={<IconCheck size={18} aria-hidden />}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
              onClose();
            } catch (err) {
              if (onError(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("portalWorkOrders.authorizeConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}
