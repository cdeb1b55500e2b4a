// A part as the shop enters it — on a job (parts used) or on a recommendation (parts offered):
// the same fields, checks and request body in both places.
import { Group, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { parseScaled } from "../../estimates/estimateApi";

/** The tax rates a line can carry, in basis points (19 %, 7 %, none). */
export const TAX_RATES = [1900, 700, 0];

export interface PartFieldValues {
  description: string;
  partNumber: string;
  quantity: string;
  price: string;
  taxRate: string;
}

export const partInitialValues: PartFieldValues = {
  description: "",
  partNumber: "",
  quantity: "1",
  price: "",
  taxRate: "1900",
};

/** The checks, with each form's own wording. */
export function partValidation(messages: { description: string; quantity: string; price: string }) {
  return {
    description: (v: string) => (v.trim() ? null : messages.description),
    quantity: (v: string) => {
      const milli = parseScaled(v, 1000);
      return milli !== null && milli > 0 ? null : messages.quantity;
    },
    price: (v: string) => {
      const cents = parseScaled(v, 100);
      return cents !== null && cents >= 0 ? null : messages.price;
    },
  };
}

export const partBody = (values: PartFieldValues) => ({
  description: values.description.trim(),
  partNumber: values.partNumber.trim() || undefined,
  quantityMilli: parseScaled(values.quantity, 1000),
  unitPrice: parseScaled(values.price, 100),
  taxRateBp: Number(values.taxRate),
});

/** Which form field a server field error belongs to. */
export const partServerFields = { quantityMilli: "quantity", unitPrice: "price", taxRateBp: "taxRate" };

export function PartFields<V extends PartFieldValues>({
  form,
  pricePlaceholder,
}: {
  form: UseFormReturnType<V>;
  pricePlaceholder: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t("workOrders.part")}
        required
        data-autofocus
        {...form.getInputProps("description")}
      />
      <TextInput label={t("workOrders.partNumber")} {...form.getInputProps("partNumber")} />
      <Group grow gap="sm" align="flex-start">
        <TextInput
          label={t("workOrders.quantity")}
          inputMode="decimal"
          required
          {...form.getInputProps("quantity")}
        />
        <TextInput
          label={t("workOrders.unitPrice")}
          inputMode="decimal"
          required
          placeholder={pricePlaceholder}
          {...form.getInputProps("price")}
        />
      </Group>
    </>
  );
}
