import { Button, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../shared/AppModal";
import { errorMessage, FormError } from "../../shared/ui";

export function DeclineModal({
  opened,
  onClose,
  onConfirm,
  onConflict,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AppModal opened={opened} onClose={onClose} title={t("estimates.portal.declineTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        <Textarea
          label={t("estimates.portal.reason")}
          autosize
          minRows={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Button
          color="red.9"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm(reason.trim());
              onClose();
            } catch (err) {
              if (onConflict(err)) onClose();
              else setError(errorMessage(err, t("errors.saveFailed")));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("estimates.portal.declineConfirm")}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </Stack>
    </AppModal>
  );
}
