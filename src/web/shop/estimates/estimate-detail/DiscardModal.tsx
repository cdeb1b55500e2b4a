import { Button, Group, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../../api";
import { type Estimate, estimateKeys } from "../../../estimates/estimateApi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage, FormError } from "../../../shared/ui";

/** Discard Draft: asks first, then the draft is gone and the list is shown. */
export function DiscardModal({
  opened,
  estimate,
  onClose,
}: {
  opened: boolean;
  estimate: Estimate;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/estimates/${encodeURIComponent(estimate.id)}/discard`);
      notifySuccess(t("estimates.discard.done", { number: estimate.number }));
      onClose();
      navigate("/shop/estimates", { replace: true });
      void queryClient.invalidateQueries({ queryKey: estimateKeys.all });
    } catch (err) {
      setError(errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={t("estimates.discard.title", { number: estimate.number })}
    >
      <Stack gap="md">
        <FormError message={error} />
        <Text>{t("estimates.discard.body")}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" loading={busy} onClick={() => void discard()}>
            {t("estimates.discard.confirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
