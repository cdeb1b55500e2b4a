import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { Estimate } from "../../../estimates/estimateApi";
import { AppModal } from "../../../shared/AppModal";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { FormError } from "../../../shared/ui";

export function NoteModal({
  kind,
  path,
  onClose,
  onDone,
  onConflict,
}: {
  kind: "submit" | "acknowledge" | null;
  path: string;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const required = kind === "acknowledge";
  const form = useForm({
    initialValues: { note: "" },
    validate: { note: (value) => (required && !value.trim() ? t("errors.required") : null) },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const next = await api.post<Estimate>(path, { note: values.note.trim() || null });
        onDone(next);
        close();
      } catch (error) {
        if (onConflict(error)) {
          close();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <AppModal
      opened={kind !== null}
      onClose={close}
      title={kind === "acknowledge" ? t("estimates.acknowledgeTitle") : t("estimates.submitTitle")}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          {kind === "acknowledge" ? <Text size="sm">{t("estimates.acknowledgeHint")}</Text> : null}
          <Textarea
            label={kind === "acknowledge" ? t("estimates.answer") : t("estimates.submitNote")}
            required={required}
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps("note")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {kind === "acknowledge" ? t("estimates.acknowledgeSubmit") : t("estimates.submitConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
