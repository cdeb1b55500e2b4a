import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../api";
import { ConfirmDiscard } from "../../shared/ConfirmDiscard";
import { isXRechnung, LOCATION_DEFAULT, useEInvoiceFormatOptions } from "../../shared/eInvoice";
import {
  applyServerErrors,
  emptyToNull,
  emptyToUndefined,
  focusFirstInvalid,
  isEmail,
  toNumberOrNull,
} from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { useSession } from "../../shared/session";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import type { Customer, CustomerType, EInvoiceFormat, Language } from "../../types";
import { invoiceKeys } from "../invoices/invoiceApi";
import { customerKeys, useCustomer } from "./customerApi";

interface CustomerValues {
  type: CustomerType;
  firstName: string;
  lastName: string;
  companyName: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  language: Language;
  requiresInvoiceAuthorisation: boolean;
  paymentTermsDays: number | string;
  payOnAccount: boolean;
  /** LOCATION_DEFAULT or one of the formats. */
  eInvoiceFormat: string;
  buyerReference: string;
  eInvoiceAddress: string;
  notes: string;
}

function initialValues(customer: Customer | undefined, defaultLanguage: Language): CustomerValues {
  return {
    type: customer?.type ?? "private",
    firstName: customer?.firstName ?? "",
    lastName: customer?.lastName ?? "",
    companyName: customer?.companyName ?? "",
    email: customer?.email ?? "",
    phone: customer?.phone ?? "",
    street: customer?.street ?? "",
    postalCode: customer?.postalCode ?? "",
    city: customer?.city ?? "",
    country: customer?.country ?? "DE",
    vatId: customer?.vatId ?? "",
    language: customer?.language ?? defaultLanguage,
    requiresInvoiceAuthorisation: customer?.requiresInvoiceAuthorisation ?? false,
    paymentTermsDays: customer?.paymentTermsDays ?? 14,
    payOnAccount: customer?.payOnAccount ?? false,
    eInvoiceFormat: customer?.eInvoiceFormat ?? LOCATION_DEFAULT,
    buyerReference: customer?.buyerReference ?? "",
    eInvoiceAddress: customer?.eInvoiceAddress ?? "",
    notes: customer?.notes ?? "",
  };
}

/** Create bodies leave empty fields out; PATCH bodies send null to clear them. */
function toBody(values: CustomerValues, mode: "create" | "patch") {
  const text = mode === "create" ? emptyToUndefined : emptyToNull;
  const cleared = mode === "create" ? undefined : null;
  const business = values.type === "business";
  return {
    type: values.type,
    firstName: text(values.firstName),
    lastName: text(values.lastName),
    companyName: business ? text(values.companyName) : cleared,
    email: text(values.email),
    phone: text(values.phone),
    street: text(values.street),
    postalCode: text(values.postalCode),
    city: text(values.city),
    country: text(values.country.toUpperCase()),
    vatId: business ? text(values.vatId) : cleared,
    language: values.language,
    requiresInvoiceAuthorisation: values.requiresInvoiceAuthorisation,
    paymentTermsDays: toNumberOrNull(values.paymentTermsDays) ?? 14,
    payOnAccount: business ? values.payOnAccount : false,
    eInvoiceFormat:
      values.eInvoiceFormat === LOCATION_DEFAULT ? cleared : (values.eInvoiceFormat as EInvoiceFormat),
    buyerReference: text(values.buyerReference),
    eInvoiceAddress: text(values.eInvoiceAddress),
    notes: text(values.notes),
  };
}

export function CustomerFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useCustomer(id);

  if (!id) return <CustomerForm />;
  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("customerForm.titleEdit")} />
        <DetailSkeleton />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("customerForm.titleEdit")} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  // Remount with fresh values whenever a newer version is loaded (e.g. after a conflict reload).
  return (
    <CustomerForm key={query.data.version} customer={query.data} onReload={() => void query.refetch()} />
  );
}

function CustomerForm({ customer, onReload }: { customer?: Customer; onReload?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const typeLabelId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const editing = !!customer;
  const { data: session } = useSession();
  const defaultLanguage: Language = session?.location.locale.toLowerCase().startsWith("en") ? "en" : "de";

  const form = useForm<CustomerValues>({
    initialValues: initialValues(customer, defaultLanguage),
    validate: {
      lastName: (value, values) =>
        values.type === "private" && !value.trim() ? t("customerForm.nameRequired") : null,
      companyName: (value, values) =>
        values.type === "business" && !value.trim() ? t("customerForm.companyRequired") : null,
      email: (value) => (value.trim() && !isEmail(value) ? t("errors.emailInvalid") : null),
      eInvoiceAddress: (value) => (value.trim() && !isEmail(value) ? t("errors.emailInvalid") : null),
      buyerReference: (value, values) =>
        isXRechnung(values.eInvoiceFormat as EInvoiceFormat) && !value.trim()
          ? t("eInvoice.buyerReferenceRequired")
          : null,
      country: (value) =>
        value.trim() && !/^[A-Za-z]{2}$/.test(value.trim()) ? t("customerForm.countryInvalid") : null,
      paymentTermsDays: (value) => {
        const days = toNumberOrNull(value);
        return days === null || days < 0 || days > 365 || !Number.isInteger(days)
          ? t("customerForm.paymentTermsInvalid")
          : null;
      },
    },
  });
  const business = form.values.type === "business";
  const xRechnung = isXRechnung(form.values.eInvoiceFormat as EInvoiceFormat);
  const formatOptions = useEInvoiceFormatOptions();

  const leave = () => navigate(customer ? `/shop/customers/${customer.id}` : "/shop/customers");

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(false);
      try {
        const saved = customer
          ? await api.patch<Customer>(`/api/v1/customers/${encodeURIComponent(customer.id)}`, {
              ...toBody(values, "patch"),
              version: customer.version,
            })
          : await api.post<Customer>("/api/v1/customers", toBody(values, "create"));
        queryClient.setQueryData(customerKeys.detail(saved.id), saved);
        await queryClient.invalidateQueries({ queryKey: customerKeys.all });
        // What an invoice's e-invoice lacks may have changed with the customer.
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.eInvoiceChecks });
        notifySuccess(customer ? t("customerForm.saved") : t("customerForm.created"));
        form.resetDirty();
        navigate(`/shop/customers/${saved.id}`);
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          setConflict(true);
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  const title = editing ? t("customerForm.titleEdit") : t("customerForm.titleNew");

  return (
    <>
      <PageHeader title={title} description={customer?.displayName} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={860}>
          <ConflictAlert message={conflict ? t("customerForm.conflict") : null} onReload={onReload} />
          <FormError message={formError} />

          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("customerForm.sectionName")}
            </Title>
            <Stack gap="md">
              <div>
                <Text id={typeLabelId} size="sm" fw={500} mb={4}>
                  {t("customerForm.type")}
                </Text>
                <SegmentedControl
                  aria-labelledby={typeLabelId}
                  data={[
                    { value: "private", label: t("customers.private") },
                    { value: "business", label: t("customers.business") },
                  ]}
                  {...form.getInputProps("type")}
                />
              </div>
              {business ? (
                <>
                  <TextInput
                    label={t("customerForm.companyName")}
                    required
                    autoComplete="organization"
                    {...form.getInputProps("companyName")}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t("customerForm.contactFirstName")}
                      autoComplete="off"
                      {...form.getInputProps("firstName")}
                    />
                    <TextInput
                      label={t("customerForm.contactLastName")}
                      autoComplete="off"
                      {...form.getInputProps("lastName")}
                    />
                  </SimpleGrid>
                </>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t("customerForm.firstName")}
                    autoComplete="off"
                    {...form.getInputProps("firstName")}
                  />
                  <TextInput
                    label={t("customerForm.lastName")}
                    required
                    autoComplete="off"
                    {...form.getInputProps("lastName")}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("customerForm.sectionContact")}
            </Title>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t("customerForm.email")}
                  type="email"
                  autoComplete="off"
                  {...form.getInputProps("email")}
                />
                <TextInput
                  label={t("customerForm.phone")}
                  type="tel"
                  autoComplete="off"
                  {...form.getInputProps("phone")}
                />
              </SimpleGrid>
              <TextInput
                label={t("customerForm.street")}
                autoComplete="off"
                {...form.getInputProps("street")}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t("customerForm.postalCode")}
                  autoComplete="off"
                  {...form.getInputProps("postalCode")}
                />
                <TextInput
                  label={t("customerForm.city")}
                  autoComplete="off"
                  {...form.getInputProps("city")}
                />
                <TextInput
                  label={t("customerForm.country")}
                  description={t("customerForm.countryHint")}
                  maxLength={2}
                  autoComplete="off"
                  {...form.getInputProps("country")}
                  onChange={(event) => form.setFieldValue("country", event.currentTarget.value.toUpperCase())}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {business ? (
                  <TextInput
                    label={t("customerForm.vatId")}
                    autoComplete="off"
                    {...form.getInputProps("vatId")}
                  />
                ) : null}
                <Select
                  label={t("customerForm.language")}
                  allowDeselect={false}
                  data={[
                    { value: "de", label: t("customerForm.languageDe") },
                    { value: "en", label: t("customerForm.languageEn") },
                  ]}
                  {...form.getInputProps("language")}
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("customerForm.sectionInvoicing")}
            </Title>
            <Stack gap="md">
              <Checkbox
                label={t("customerForm.requiresInvoiceAuthorisation")}
                description={t("customerForm.requiresInvoiceAuthorisationHint")}
                {...form.getInputProps("requiresInvoiceAuthorisation", { type: "checkbox" })}
              />
              <NumberInput
                label={t("customerForm.paymentTermsDays")}
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                maw={220}
                {...form.getInputProps("paymentTermsDays")}
              />
              {business ? (
                <Checkbox
                  label={t("customerForm.payOnAccount")}
                  description={t("customerForm.payOnAccountHint")}
                  {...form.getInputProps("payOnAccount", { type: "checkbox" })}
                />
              ) : null}
              <Fieldset
                legend={t("eInvoice.section")}
                variant="unstyled"
                mt="xs"
                styles={{ legend: { fontWeight: 700, fontSize: "var(--mantine-font-size-md)" } }}
              >
                <Text size="sm" c="dimmed" mb="xs">
                  {t("eInvoice.sectionHint")}
                </Text>
                <Stack gap="md">
                  <Select
                    label={t("eInvoice.format")}
                    description={t("eInvoice.formatHint")}
                    allowDeselect={false}
                    data={[
                      { value: LOCATION_DEFAULT, label: t("eInvoice.locationDefault") },
                      ...formatOptions,
                    ]}
                    {...form.getInputProps("eInvoiceFormat")}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t("eInvoice.buyerReference")}
                      description={t("eInvoice.buyerReferenceHint")}
                      required={xRechnung}
                      maxLength={100}
                      autoComplete="off"
                      {...form.getInputProps("buyerReference")}
                    />
                    <TextInput
                      label={t("eInvoice.address")}
                      description={t("eInvoice.addressHint")}
                      type="email"
                      autoComplete="off"
                      {...form.getInputProps("eInvoiceAddress")}
                    />
                  </SimpleGrid>
                </Stack>
              </Fieldset>
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p="lg">
            <Textarea
              label={t("customerForm.notes")}
              autosize
              minRows={3}
              maxRows={10}
              {...form.getInputProps("notes")}
            />
          </Paper>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => (form.isDirty() ? setConfirmDiscard(true) : leave())}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDiscard
        opened={confirmDiscard}
        onKeepEditing={() => setConfirmDiscard(false)}
        onDiscard={() => {
          setConfirmDiscard(false);
          leave();
        }}
      />
    </>
  );
}
