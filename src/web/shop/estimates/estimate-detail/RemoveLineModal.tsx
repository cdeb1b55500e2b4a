import { Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { Estimate, EstimateLabour, EstimatePart } from "../../../estimates/estimateApi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage, FormError } from "../../../shared/ui";

/** A line to remove: labour (with its parts) or one part. */
export type RemoveTarget = { kind: "labour" | "part"; line: EstimateLabour | EstimatePart };

export function RemoveModal({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: RemoveTarget | null;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.delete<Estimate>(
        `/api/v1/estimate-lines/${encodeURIComponent(target.line.id)}?version=${estimate.version}`,
      );
      onDone(next);
      notifySuccess(t("estimates.lineRemoved"));
      onClose();
    } catch (err) {
      if (onConflict(err)) onClose();
      else setError(errorMessage(err, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened={target !== null} onClose={onClose} title={t("estimates.removeTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Text>
          {target?.kind === "labour"
            ? t("estimates.removeLabourBody", { description: target.line.description })
            : t("estimates.removePartBody", { description: target?.line.description ?? "" })}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red.9" loading={busy} onClick={() => void remove()}>
            {t("estimates.remove")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
