import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { AppModal } from "../../shared/AppModal";
import { notifySuccess } from "../../shared/notify";
import { errorMessage, FormError } from "../../shared/ui";
import { type InspectionPhoto, type InspectionResponse, useApplyInspection } from "./inspectionApi";

/** The advisor sends a photo back to the technician, saying why. */
export function SendBackModal({
  target,
  itemLabel,
  workOrderId,
  onClose,
}: {
  target: { photo: InspectionPhoto; number: number } | null;
  itemLabel: string;
  workOrderId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const apply = useApplyInspection(workOrderId);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (target) {
      setNote("");
      setNoteError(null);
      setError(null);
    }
  }, [target]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (!note.trim()) {
      setNoteError(t("inspection.sendBackNoteRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      apply(
        await api.post<InspectionResponse>(
          `/api/v1/inspection-photos/${encodeURIComponent(target.photo.id)}/reject`,
          { note: note.trim() },
        ),
      );
      notifySuccess(t("inspection.sentBack"));
      onClose();
    } catch (e) {
      setError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened={target !== null} onClose={onClose} title={t("inspection.sendBackTitle")} centered>
      {target ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <img
                className="pl-photo"
                src={target.photo.url}
                alt={t("inspection.photoAlt", { number: target.number, item: itemLabel })}
              />
              <Text size="sm">{t("inspection.sendBackBody")}</Text>
            </Group>
            <FormError message={error} />
            <Textarea
              label={t("inspection.sendBackNote")}
              required
              autosize
              minRows={2}
              maxLength={2000}
              data-autofocus
              value={note}
              error={noteError}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                if (noteError) setNoteError(null);
              }}
            />
            <Group justify="flex-end" gap="sm">
              <Button h={44} variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button h={44} type="submit" color="red.9" loading={busy}>
                {t("inspection.sendBack")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </AppModal>
  );
}
