import { Button, Group, NativeSelect, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { useMoney } from "../../../estimates/estimateUi";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
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
import type { Job, WorkOrder } from "../workOrderApi";
import { useApplyWorkOrder } from "../workOrderUi";

export function AddPartForm({ job, currency, onClose }: { job: Job; currency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const apply = useApplyWorkOrder();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PartFieldValues>({
    initialValues: partInitialValues,
    validate: partValidation({
      description: t("workOrders.descriptionRequired"),
      quantity: t("workOrders.quantityInvalid"),
      price: t("workOrders.priceInvalid"),
    }),
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const order = await api.post<WorkOrder>(
          `/api/v1/jobs/${encodeURIComponent(job.id)}/parts`,
          partBody(values),
        );
        apply(order);
        notifySuccess(t("workOrders.partAdded"));
        onClose();
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
        <NativeSelect
          label={t("workOrders.taxRate")}
          data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
          {...form.getInputProps("taxRate")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("workOrders.addPart")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
