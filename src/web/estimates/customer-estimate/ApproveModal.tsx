import { Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../shared/AppModal";
import { errorMessage, FormError } from "../../shared/ui";

export function ApproveModal({
  opened,
  onClose,
  count,
  total,
  gross,
  onConfirm,
  onConflict,
}: {
  opened: boolean;
  onClose: () => void;
  count: number;
  total: number;
  gross: string;
  onConfirm: () => Promise<void>;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("estimates.portal.approveTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text size="sm">{t("estimates.portal.approveBody", { count, total })}</Text>
        <Group justify="space-between">
          <Text fw={600}>{t("estimates.portal.approvedTotal")}</Text>
          <Text fw={800} fz="lg" className="pl-num">
            {gross}
          </Text>
        </Group>
        <Button
          color="#1e6b30"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
              onClose();
            } catch (err) {
              if (onConflict(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("estimates.portal.approveConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}
