import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import type { Qualification, Recommendation } from "../../../extensions/extensionApi";
import { AppModal } from "../../../shared/AppModal";
import { notifySuccess } from "../../../shared/notify";
import { errorMessage, FormError } from "../../../shared/ui";
import { useApplyQualification } from "./useApplyQualification";

export function SendModal({
  opened,
  onClose,
  selected,
  gross,
  currency,
  workOrderId,
}: {
  opened: boolean;
  onClose: () => void;
  selected: Recommendation[];
  gross: number;
  currency: string;
  workOrderId: string;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const apply = useApplyQualification(workOrderId);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t("extension.sendTitle")}>
      <Stack gap="md">
        <FormError message={error} />
        {selected.length === 0 ? (
          <Text size="sm">{t("extension.sendNone")}</Text>
        ) : (
          <>
            <Text size="sm">{t("extension.sendBody", { n: selected.length })}</Text>
            <Stack gap={2} component="ul" pl="md" my={0}>
              {selected.map((r) => (
                <Text size="sm" component="li" key={r.id}>
                  {r.unitPrice === null
                    ? `${r.description} (${t("extension.notPriced")})`
                    : `${r.description} (${fmt.money(r.gross)})`}
                </Text>
              ))}
            </Stack>
            <Group justify="space-between">
              <Text fw={600}>{t("extension.totalGross")}</Text>
              <Text fw={800} fz="lg" className="pl-num">
                {fmt.money(gross)}
              </Text>
            </Group>
          </>
        )}
        <Textarea
          label={t("extension.note")}
          description={t("extension.noteHint")}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button
            leftSection={<IconSend size={18} aria-hidden />}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                apply(
                  await api.post<Qualification>(
                    `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/extension`,
                    { note: note.trim() || undefined },
                  ),
                );
                notifySuccess(t("extension.sent"));
                setNote("");
                onClose();
              } catch (err) {
                setError(errorMessage(err, t("errors.saveFailed")));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("extension.sendConfirm")}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
