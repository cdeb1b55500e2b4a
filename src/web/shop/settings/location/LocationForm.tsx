import {
  Button,
  DataList,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { isGermanRegisterNumber } from "../../../../domain/legal-details";
import { parseScaled } from "../../../estimates/estimateApi";
import { useMoney } from "../../../estimates/estimateUi";
import { useEInvoiceFormatOptions } from "../../../shared/eInvoice";
import { isEmail } from "../../../shared/forms";
import { ConflictAlert, FormError } from "../../../shared/ui";
import type { LocationSettings } from "../../../types";
import {
  directorsOf,
  type FormValues,
  isGerman,
  type LocationValues,
  mustPrintRegister,
  timeZoneOptions,
  toValues,
} from "./locationValues";
import { useSaveLocation } from "./useSaveLocation";

export function LocationForm({ location, onReload }: { location: LocationSettings; onReload: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const zones = useMemo(() => timeZoneOptions(location.timeZone), [location.timeZone]);
  const fmt = useMoney(location.currency);
  const formatOptions = useEInvoiceFormatOptions();

  const form = useForm<FormValues>({
    initialValues: {
      ...toValues(location),
      labourRate: location.labourRate !== undefined ? fmt.moneyInput(location.labourRate) : "",
      eInvoiceDefault: location.eInvoiceDefault ?? "none",
    },
    validate: {
      labourRate: (value) => {
        if (location.labourRate === undefined && value.trim() === "") return null;
        const cents = parseScaled(value, 100);
        return cents !== null && cents >= 0 ? null : t("settings.labourRateInvalid");
      },
      name: (value) => (value.trim() ? null : t("settings.nameRequired")),
      legalName: (value) => (value.trim() ? null : t("errors.required")),
      street: (value) => (value.trim() ? null : t("errors.required")),
      postalCode: (value) => (value.trim() ? null : t("errors.required")),
      city: (value) => (value.trim() ? null : t("errors.required")),
      email: (value) => (value.trim() && !isEmail(value) ? t("errors.emailInvalid") : null),
      eInvoiceAddress: (value) => (value.trim() && !isEmail(value) ? t("errors.emailInvalid") : null),
      country: (value) => (/^[A-Za-z]{2}$/.test(value.trim()) ? null : t("customerForm.countryInvalid")),
      timeZone: (value) => (value ? null : t("errors.required")),
      // The same rule the server applies (domain/legal-details), said in the reader's language.
      registerCourt: (value, values) =>
        !value.trim() && values.registerNumber.trim()
          ? t("settings.registerCourtMissing")
          : !value.trim() && mustPrintRegister(values)
            ? t("settings.registerRequired")
            : null,
      registerNumber: (value, values) => {
        const number = value.trim();
        if (!number) {
          if (values.registerCourt.trim()) return t("settings.registerNumberMissing");
          return mustPrintRegister(values) ? t("settings.registerRequired") : null;
        }
        return isGerman(values) && !isGermanRegisterNumber(number)
          ? t("settings.registerNumberInvalid")
          : null;
      },
      managingDirectors: (value, values) =>
        mustPrintRegister(values) && directorsOf(value).length === 0 ? t("settings.directorsRequired") : null,
    },
  });

  const { submit, formError, conflict } = useSaveLocation(location, form, formRef);

  const text = (field: keyof LocationValues, extra: Record<string, unknown> = {}) => (
    <TextInput label={t(`settings.${field}`)} autoComplete="off" {...extra} {...form.getInputProps(field)} />
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <ConflictAlert message={conflict ? t("settings.conflict") : null} onReload={onReload} />
        <FormError message={formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("name", { required: true })}
          {text("legalName", { required: true })}
        </SimpleGrid>
        {text("street", { required: true })}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text("postalCode", { required: true })}
          {text("city", { required: true })}
          {text("country", { maxLength: 2, required: true })}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("phone", { type: "tel" })}
          {text("email", { type: "email" })}
          {text("vatId")}
          {text("taxNumber", { description: t("settings.taxNumberHint") })}
          {text("iban")}
          {text("bic")}
        </SimpleGrid>
        <Fieldset
          legend={t("eInvoice.section")}
          variant="unstyled"
          styles={{ legend: { fontWeight: 700, fontSize: "var(--mantine-font-size-md)" } }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {location.eInvoiceDefault !== undefined ? (
              <Select
                label={t("settings.eInvoiceDefault")}
                description={t("settings.eInvoiceDefaultHint")}
                allowDeselect={false}
                data={formatOptions}
                {...form.getInputProps("eInvoiceDefault")}
              />
            ) : null}
            {text("eInvoiceAddress", { type: "email", description: t("settings.eInvoiceAddressHint") })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset
          legend={t("settings.register")}
          variant="unstyled"
          styles={{ legend: { fontWeight: 700, fontSize: "var(--mantine-font-size-md)" } }}
        >
          <Text size="sm" c="dimmed" mb="xs">
            {t("settings.registerHint")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {/* Examples as descriptions: a placeholder would look like a value entered. */}
            {text("registerCourt", { description: t("settings.registerCourtExample") })}
            {text("registerNumber", { description: t("settings.registerNumberExample") })}
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t("settings.managingDirectors")}
            description={t("settings.managingDirectorsHint")}
            autosize
            minRows={2}
            maxRows={6}
            autoComplete="off"
            {...form.getInputProps("managingDirectors")}
          />
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("settings.timeZone")}
            searchable
            allowDeselect={false}
            data={zones}
            limit={50}
            required
            {...form.getInputProps("timeZone")}
          />
          <TextInput
            label={t("settings.labourRate")}
            description={t("settings.labourRateHint")}
            required={location.labourRate !== undefined}
            inputMode="decimal"
            autoComplete="off"
            rightSection={
              <Text size="sm" c="dimmed" aria-hidden>
                {location.currency}
              </Text>
            }
            rightSectionWidth={48}
            {...form.getInputProps("labourRate")}
          />
        </SimpleGrid>
        <DataList labelWidth="10rem">
          <DataList.Item>
            <DataList.ItemLabel>{t("settings.currency")}</DataList.ItemLabel>
            <DataList.ItemValue>{location.currency}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t("settings.locale")}</DataList.ItemLabel>
            <DataList.ItemValue>{location.locale}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Text size="xs" c="dimmed">
          {t("settings.fixedHint")}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
