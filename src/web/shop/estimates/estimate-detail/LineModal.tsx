import { Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import {
  type Estimate,
  type EstimateLabour,
  type EstimatePart,
  isFlat,
  type LabourPricing,
  parseScaled,
} from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { AppModal } from "../../../shared/AppModal";
import { applyServerErrors, focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";

const TAX_RATES = [1900, 700, 0];

export type LineTarget =
  | { mode: "addLabour" }
  | { mode: "addPart"; labour: EstimateLabour }
  | { mode: "edit"; kind: "labour" | "part"; line: EstimateLabour | EstimatePart };

interface LineValues {
  partNumber: string;
  description: string;
  /** Labour only: hours × rate, or a flat price whatever the hours. */
  pricing: LabourPricing;
  quantity: string;
  /** The unit price of a part, or the hourly rate of hourly labour. */
  price: string;
  /** The whole price of flat labour. */
  flatPrice: string;
  taxRate: string;
}

export function LineModal({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: LineTarget | null;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  return (
    <AppModal opened={target !== null} onClose={onClose} title={<LineModalTitle target={target} />}>
      {target ? (
        <LineForm
          // A fresh form for every line.
          key={
            target.mode === "edit" ? target.line.id : target.mode === "addPart" ? target.labour.id : "labour"
          }
          target={target}
          estimate={estimate}
          onClose={onClose}
          onDone={onDone}
          onConflict={onConflict}
        />
      ) : null}
    </AppModal>
  );
}

function LineModalTitle({ target }: { target: LineTarget | null }) {
  const { t } = useTranslation();
  if (!target) return null;
  if (target.mode === "addLabour") return <>{t("estimates.addLabour")}</>;
  if (target.mode === "addPart")
    return <>{t("estimates.addPartsTitle", { description: target.labour.description })}</>;
  return <>{target.kind === "labour" ? t("estimates.editLabourTitle") : t("estimates.editPartTitle")}</>;
}

function LineForm({
  target,
  estimate,
  onClose,
  onDone,
  onConflict,
}: {
  target: LineTarget;
  estimate: Estimate;
  onClose: () => void;
  onDone: (next: Estimate) => void;
  onConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(estimate.currency);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const kind = target.mode === "addLabour" ? "labour" : target.mode === "addPart" ? "part" : target.kind;
  const existing = target.mode === "edit" ? target.line : null;
  const existingFlat = kind === "labour" && existing !== null && isFlat(existing as EstimateLabour);
  // New labour starts with the location's rate; a flat line keeps it at hand in case it turns hourly.
  const defaultRate = estimate.labourRate !== undefined ? fmt.moneyInput(estimate.labourRate) : "";
  const isFlatLabour = (values: LineValues) => kind === "labour" && values.pricing === "flat";
  const validPrice = (value: string) => {
    const cents = parseScaled(value, 100);
    return cents !== null && cents >= 0 ? null : t("estimates.priceInvalid");
  };
  const form = useForm<LineValues>({
    initialValues: {
      partNumber: existing && kind === "part" ? ((existing as EstimatePart).partNumber ?? "") : "",
      description: existing?.description ?? "",
      pricing: existingFlat ? "flat" : "hourly",
      quantity: existing ? fmt.quantityInput(existing.quantityMilli) : kind === "part" ? "1" : "",
      price:
        existing && !existingFlat ? fmt.moneyInput(existing.unitPrice) : kind === "labour" ? defaultRate : "",
      flatPrice: existingFlat && existing ? fmt.moneyInput(existing.unitPrice) : "",
      taxRate: String(existing?.taxRateBp ?? 1900),
    },
    validate: {
      description: (value) => (value.trim() ? null : t("estimates.descriptionRequired")),
      quantity: (value) => {
        const milli = parseScaled(value, 1000);
        return milli !== null && milli > 0 ? null : t("estimates.quantityInvalid");
      },
      price: (value, values) => (isFlatLabour(values) ? null : validPrice(value)),
      flatPrice: (value, values) => (isFlatLabour(values) ? validPrice(value) : null),
    },
  });
  const flat = isFlatLabour(form.values);

  /** What the line will cost before tax, as the form stands (null while a number is missing). */
  const previewNet = (() => {
    const cents = parseScaled(flat ? form.values.flatPrice : form.values.price, 100);
    if (flat) return cents;
    const milli = parseScaled(form.values.quantity, 1000);
    return cents === null || milli === null ? null : Math.round((milli * cents) / 1000);
  })();

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      const flatLine = isFlatLabour(values);
      const fields = {
        description: values.description.trim(),
        ...(kind === "part" ? { partNumber: values.partNumber.trim() || null } : {}),
        ...(kind === "labour" ? { pricing: values.pricing } : {}),
        quantityMilli: parseScaled(values.quantity, 1000) ?? 0,
        unitPrice: parseScaled(flatLine ? values.flatPrice : values.price, 100) ?? 0,
        taxRateBp: Number(values.taxRate),
        version: estimate.version,
      };
      try {
        let next: Estimate;
        if (target.mode === "edit") {
          next = await api.patch<Estimate>(
            `/api/v1/estimate-lines/${encodeURIComponent(target.line.id)}`,
            fields,
          );
          notifySuccess(t("estimates.lineSaved"));
        } else {
          next = await api.post<Estimate>(`/api/v1/estimates/${encodeURIComponent(estimate.id)}/lines`, {
            kind,
            ...(target.mode === "addPart" ? { labourLineId: target.labour.id } : {}),
            ...fields,
          });
          notifySuccess(t("estimates.lineAdded"));
        }
        onDone(next);
        onClose();
      } catch (error) {
        if (onConflict(error)) {
          onClose();
          return;
        }
        setFormError(
          applyServerErrors(form, error, {
            quantityMilli: "quantity",
            unitPrice: flatLine ? "flatPrice" : "price",
            taxRateBp: "taxRate",
          }),
        );
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  const currencySuffix = (
    <Text size="sm" c="dimmed" aria-hidden>
      {estimate.currency}
    </Text>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError message={formError} />
        {kind === "part" ? (
          <TextInput label={t("estimates.partNumber")} maxLength={60} {...form.getInputProps("partNumber")} />
        ) : null}
        <TextInput
          label={t("estimates.description")}
          required
          maxLength={500}
          {...form.getInputProps("description")}
        />
        {kind === "labour" ? (
          <Radio.Group label={t("estimates.pricing")} {...form.getInputProps("pricing")}>
            <Group gap="lg" mt={4}>
              <Radio value="hourly" label={t("estimates.pricingHourly")} />
              <Radio value="flat" label={t("estimates.pricingFlat")} />
            </Group>
          </Radio.Group>
        ) : null}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={
              kind === "part"
                ? t("estimates.quantity")
                : flat
                  ? t("estimates.estimatedHours")
                  : t("estimates.hours")
            }
            description={
              kind === "part"
                ? undefined
                : flat
                  ? t("estimates.estimatedHoursHint")
                  : t("estimates.hoursHint")
            }
            required
            inputMode="decimal"
            autoComplete="off"
            {...form.getInputProps("quantity")}
          />
          {flat ? (
            <TextInput
              // A fresh input (and description) when the pricing changes.
              key="flat"
              label={t("estimates.flatPriceInput")}
              description={t("estimates.flatPriceHint")}
              required
              inputMode="decimal"
              autoComplete="off"
              rightSection={currencySuffix}
              rightSectionWidth={48}
              {...form.getInputProps("flatPrice")}
            />
          ) : (
            <TextInput
              key="price"
              label={kind === "labour" ? t("estimates.pricePerHour") : t("estimates.unitPrice")}
              description={
                kind === "labour" && estimate.labourRate !== undefined
                  ? t("estimates.rateHint", { rate: fmt.money(estimate.labourRate) })
                  : undefined
              }
              required
              inputMode="decimal"
              autoComplete="off"
              rightSection={currencySuffix}
              rightSectionWidth={48}
              {...form.getInputProps("price")}
            />
          )}
        </SimpleGrid>
        {kind === "labour" ? (
          <Text size="sm" c="dimmed" className="pl-num" aria-live="polite">
            {t("estimates.lineNet", {
              amount: previewNet === null ? t("common.notSet") : fmt.money(previewNet),
            })}
          </Text>
        ) : null}
        <NativeSelect
          label={t("estimates.taxRate")}
          data={TAX_RATES.map((bp) => ({ value: String(bp), label: fmt.rate(bp) }))}
          {...form.getInputProps("taxRate")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {target.mode === "edit" ? t("common.save") : t("estimates.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
