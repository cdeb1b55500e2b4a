import { Button, Group, NativeSelect, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import {
  AVAILABILITIES,
  type Availability,
  type Qualification,
  type Recommendation,
} from "../../../extensions/extensionApi";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { FormError } from "../../../shared/ui";
import {
  PartFields,
  type PartFieldValues,
  partBody,
  partInitialValues,
  partServerFields,
  partValidation,
  TAX_RATES,
} from "../partFields";

interface PartValues extends PartFieldValues {
  availability: Availability;
}

export function AddPartForm({
  rec,
  currency,
  onDone,
  onClose,
}: {
  rec: Recommendation;
  currency: string;
  onDone: (q: Qualification) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PartValues>({
    initialValues: { ...partInitialValues, availability: "in_stock" },
    validate: partValidation({
      description: t("extension.partRequired"),
      quantity: t("extension.quantityInvalid"),
      price: t("extension.priceInvalid"),
    }),
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        onDone(
          await api.post<Qualification>(`/api/v1/recommendations/${encodeURIComponent(rec.id)}/parts`, {
            ...partBody(values),
            availability: values.availability,
          }),
        );
      } catch (error) {
        setFormError(applyServerErrors(form, error, partServerFields));
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={formError} />
        <PartFields form={form} pricePlaceholder={fmt.moneyInput(0)} />
        <Group grow gap="sm" align="flex-start">
          <NativeSelect
            label={t("extension.tax")}
            data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
            {...form.getInputProps("taxRate")}
          />
          <NativeSelect
            label={t("extension.availabilityLabel")}
            data={AVAILABILITIES.map((a) => ({ value: a, label: t(`extension.availability.${a}`) }))}
            {...form.getInputProps("availability")}
          />
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("extension.addPart")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
