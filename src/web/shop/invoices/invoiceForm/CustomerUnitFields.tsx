import { Paper, Select, SimpleGrid, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CustomerSelect } from "../../units/CustomerSelect";
import { unitTitle, useUnitList } from "../../units/unitApi";
import type { Invoice } from "../invoiceApi";
import type { InvoiceFormState } from "./invoiceFormValues";

/** The customer's units to pick from (none before a customer is chosen). */
function useUnitOptions(customerId: string) {
  const units = useUnitList({ customerId: customerId || undefined, offset: 0, limit: 100 });
  return customerId
    ? (units.data?.items ?? [])
        .filter((unit) => unit.customerId === customerId)
        .map((unit) => ({
          value: unit.id,
          label: unit.fleetNumber ? `${unitTitle(unit)} · #${unit.fleetNumber}` : unitTitle(unit),
        }))
    : [];
}

/** Customer and unit: the customer is fixed once a draft exists; the unit is one of theirs. */
export function CustomerUnitFields({ invoice, form }: { invoice: Invoice | null; form: InvoiceFormState }) {
  const { t } = useTranslation();
  const customerId = form.values.customerId;
  const unitOptions = useUnitOptions(customerId);
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Title order={2} mb="md">
        {t("invoices.customerAndUnit")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {invoice ? (
          <TextInput label={t("invoices.customer")} value={invoice.customerName} readOnly />
        ) : (
          <CustomerSelect
            required
            value={customerId}
            onChange={(value) => {
              form.setFieldValue("customerId", value);
              form.setFieldValue("unitId", "");
            }}
            error={form.errors.customerId}
          />
        )}
        <Select
          label={t("invoices.unit")}
          data={unitOptions}
          disabled={!customerId}
          placeholder={customerId ? t("invoices.noUnitChosen") : t("invoices.pickCustomerFirst")}
          nothingFoundMessage={t("invoices.noUnits")}
          searchable
          clearable
          {...form.getInputProps("unitId")}
          value={form.values.unitId || null}
          onChange={(value) => form.setFieldValue("unitId", value ?? "")}
        />
      </SimpleGrid>
    </Paper>
  );
}
