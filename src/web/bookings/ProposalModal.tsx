import { Button, Group, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../shared/AppModal";
import { applyServerErrors, emptyToUndefined, focusFirstInvalid } from "../shared/forms";
import { FormError } from "../shared/ui";
import type { SlotsSource } from "./bookingApi";
import { DateTimeFields } from "./bookingUi";

export interface ProposalValues {
  date: string;
  time: string;
  note: string;
}

interface ProposalModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Where the free-slot chips come from (shop, portal or the mailed link's token). */
  scope: SlotsSource;
  timeZone: string;
  initial: { date: string; time: string };
  /** Sends the proposal; throws the API error on failure. */
  onSubmit: (body: { date: string; time: string; note?: string }) => Promise<void>;
  /** Returns true when it handled the error itself (e.g. a conflict). */
  onError?: (error: unknown) => boolean;
}

/** "Suggest New Date and Time" (shop) and "Suggest another time" (customer). */
export function ProposalModal({
  opened,
  onClose,
  title,
  scope,
  timeZone,
  initial,
  onSubmit,
  onError,
}: ProposalModalProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProposalValues>({
    initialValues: { date: initial.date, time: initial.time, note: "" },
    validate: {
      date: (value) => (value ? null : t("errors.required")),
      time: (value) => (value ? null : t("errors.required")),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset each time the modal opens
  useEffect(() => {
    if (opened) {
      form.setValues({ date: initial.date, time: initial.time, note: "" });
      form.clearErrors();
      setFormError(null);
    }
  }, [opened]);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        await onSubmit({ date: values.date, time: values.time, note: emptyToUndefined(values.note) });
        onClose();
      } catch (error) {
        if (onError?.(error)) {
          onClose();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <AppModal opened={opened} onClose={onClose} title={title}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <DateTimeFields
            scope={scope}
            date={form.values.date}
            time={form.values.time}
            onDateChange={(value) => form.setFieldValue("date", value)}
            onTimeChange={(value) => form.setFieldValue("time", value)}
            dateError={form.errors.date}
            timeError={form.errors.time}
            timeZone={timeZone}
          />
          <Textarea
            label={t("bookings.form.note")}
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps("note")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("bookings.sendSuggestion")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
