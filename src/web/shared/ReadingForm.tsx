import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../api";
import type { Reading } from "../types";
import { applyServerErrors, toNumberOrNull } from "./forms";
import { notifySuccess } from "./notify";
import { FormError } from "./ui";

interface ReadingFormProps {
  /** POST endpoint, e.g. /api/v1/units/:id/readings */
  endpoint: string;
  submitLabel: string;
  onRecorded: (reading: Reading) => void;
}

interface ReadingValues {
  odometerKm: number | string;
  engineHours: number | string;
  note: string;
  override: boolean;
}

/**
 * Odometer / engine-hours entry. When the server refuses a reading that goes backwards
 * (422 …/reading-goes-backwards) it shows why and offers a correction override that needs a note.
 */
export function ReadingForm({ endpoint, submitLabel, onRecorded }: ReadingFormProps) {
  const { t } = useTranslation();
  const [backwards, setBackwards] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<ReadingValues>({
    initialValues: { odometerKm: "", engineHours: "", note: "", override: false },
    validate: {
      odometerKm: (value, values) => {
        const odometer = toNumberOrNull(value);
        if (odometer === null && toNumberOrNull(values.engineHours) === null) return t("readingForm.needOne");
        return odometer !== null && odometer < 0 ? t("readingForm.notNegative") : null;
      },
      engineHours: (value) => {
        const hours = toNumberOrNull(value);
        return hours !== null && hours < 0 ? t("readingForm.notNegative") : null;
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const odometerKm = toNumberOrNull(values.odometerKm);
    const engineHours = toNumberOrNull(values.engineHours);
    const note = values.note.trim();
    if (backwards && values.override && !note) {
      form.setFieldError("note", t("readingForm.overrideNoteRequired"));
      return;
    }
    const body: Record<string, unknown> = {};
    if (odometerKm !== null) body.odometerKm = odometerKm;
    if (engineHours !== null) body.engineHours = engineHours;
    if (note) body.note = note;
    if (backwards && values.override) body.override = true;
    try {
      const reading = await api.post<Reading>(endpoint, body);
      notifySuccess(t("readingForm.recorded"));
      setBackwards(null);
      form.reset();
      onRecorded(reading);
    } catch (error) {
      if (isApiError(error) && error.status === 422 && error.hasType("reading-goes-backwards")) {
        setBackwards(error.detail);
        return;
      }
      setFormError(applyServerErrors(form, error));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput
            label={t("readingForm.odometer")}
            min={0}
            allowNegative={false}
            allowDecimal={false}
            inputMode="numeric"
            {...form.getInputProps("odometerKm")}
          />
          <NumberInput
            label={t("readingForm.engineHours")}
            min={0}
            allowNegative={false}
            allowDecimal={false}
            inputMode="numeric"
            {...form.getInputProps("engineHours")}
          />
        </SimpleGrid>
        {backwards ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle aria-hidden />}
            title={t("readingForm.backwardsTitle")}
            role="alert"
          >
            <Stack gap="sm">
              <span>{backwards}</span>
              <Checkbox
                label={t("readingForm.override")}
                {...form.getInputProps("override", { type: "checkbox" })}
              />
            </Stack>
          </Alert>
        ) : null}
        <Textarea
          label={t("readingForm.note")}
          placeholder={t("readingForm.notePlaceholder")}
          autosize
          minRows={1}
          maxRows={4}
          required={!!backwards && form.values.override}
          {...form.getInputProps("note")}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
