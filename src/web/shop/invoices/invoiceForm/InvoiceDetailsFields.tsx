import { Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCustomer } from "../../customers/customerApi";
import type { InvoiceFormState } from "./invoiceFormValues";

/** Service date, due date (the customer's payment terms as the hint), PO number and note. */
export function InvoiceDetailsFields({ form }: { form: InvoiceFormState }) {
  const { t } = useTranslation();
  const customer = useCustomer(form.values.customerId || undefined);
  const terms = customer.data?.paymentTermsDays;
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Title order={2} mb="md">
        {t("invoices.details")}
      </Title>
      <Stack gap="md">
        <TextInput
          type="date"
          label={t("invoices.serviceDate")}
          description={t("invoices.serviceDateHint")}
          {...form.getInputProps("serviceDate")}
        />
        <TextInput
          type="date"
          label={t("invoices.dueDate")}
          description={
            terms !== undefined ? t("invoices.dueDateHintDays", { count: terms }) : t("invoices.dueDateHint")
          }
          {...form.getInputProps("dueDate")}
        />
        <TextInput label={t("invoices.poNumber")} maxLength={60} {...form.getInputProps("poNumber")} />
        <Textarea
          label={t("invoices.note")}
          description={t("invoices.noteHint")}
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps("note")}
        />
      </Stack>
    </Paper>
  );
}
