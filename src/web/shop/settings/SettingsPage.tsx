import {
  Alert,
  Button,
  DataList,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLock } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isGermanRegisterNumber, isLimitedCompany } from "../../../domain/legal-details";
import { api, isApiError } from "../../api";
import { parseScaled } from "../../estimates/estimateApi";
import { useMoney } from "../../estimates/estimateUi";
import { applyServerErrors, emptyToNull, focusFirstInvalid, isEmail } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { hasPermission, sessionKey, useCurrentSession } from "../../shared/session";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import type { LocationSettings } from "../../types";
import { BillingSettings } from "./BillingSettings";
import { BookingSettings } from "./BookingSettings";
import { InspectionTemplates } from "./InspectionTemplates";
import { PaymentSettings } from "./PaymentSettings";
import { StaffUsers } from "./StaffUsers";

const locationKey = ["settings", "location"] as const;

const isGerman = (values: { country: string }) => values.country.trim().toUpperCase() === "DE";

/** A German GmbH or UG prints its register and managing directors (§35a GmbHG). */
const mustPrintRegister = (values: { country: string; legalName: string }) =>
  isGerman(values) && isLimitedCompany(values.legalName);

type LocationValues = Record<
  | "name"
  | "legalName"
  | "street"
  | "postalCode"
  | "city"
  | "country"
  | "vatId"
  | "registerCourt"
  | "registerNumber"
  | "managingDirectors"
  | "iban"
  | "bic"
  | "phone"
  | "email"
  | "timeZone"
  | "currency"
  | "locale",
  string
>;

/** What PATCH /settings/location accepts (currency and locale are fixed). */
const EDITABLE: (keyof LocationValues)[] = [
  "name",
  "legalName",
  "street",
  "postalCode",
  "city",
  "country",
  "vatId",
  "registerCourt",
  "registerNumber",
  "iban",
  "bic",
  "phone",
  "email",
  "timeZone",
];

const FIELD_ORDER: (keyof LocationValues)[] = [
  "name",
  "legalName",
  "street",
  "postalCode",
  "city",
  "country",
  "vatId",
  "registerCourt",
  "registerNumber",
  "managingDirectors",
  "iban",
  "bic",
  "phone",
  "email",
  "timeZone",
  "currency",
  "locale",
];

function toValues(location: LocationSettings): LocationValues {
  return {
    name: location.name ?? "",
    legalName: location.legalName ?? "",
    street: location.street ?? "",
    postalCode: location.postalCode ?? "",
    city: location.city ?? "",
    country: location.country ?? "",
    vatId: location.vatId ?? "",
    registerCourt: location.registerCourt ?? "",
    registerNumber: location.registerNumber ?? "",
    // One name per line in the form; a list in the API.
    managingDirectors: (location.managingDirectors ?? []).join("\n"),
    iban: location.iban ?? "",
    bic: location.bic ?? "",
    phone: location.phone ?? "",
    email: location.email ?? "",
    timeZone: location.timeZone ?? "",
    currency: location.currency ?? "",
    locale: location.locale ?? "",
  };
}

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const canEdit = hasPermission(session.user, "settings:write");
  const canManageUsers = hasPermission(session.user, "users:manage");
  const query = useQuery({
    queryKey: locationKey,
    queryFn: ({ signal }) => api.get<LocationSettings>("/api/v1/settings/location", undefined, signal),
  });

  return (
    <>
      <PageHeader title={t("settings.title")} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="lg">
          <Title order={2} mb={4}>
            {t("settings.location")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("settings.locationHint")}
          </Text>
          {query.isPending ? (
            <DetailSkeleton />
          ) : query.isError ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : canEdit ? (
            <LocationForm
              key={`${query.data.version ?? ""}-${query.dataUpdatedAt}`}
              location={query.data}
              onReload={() => void query.refetch()}
            />
          ) : (
            <LocationReadOnly location={query.data} />
          )}
        </Paper>

        {query.data ? <BookingSettings location={query.data} canEdit={canEdit} /> : null}

        {query.data?.billingMode !== undefined ? (
          <BillingSettings
            key={`billing-${query.data.version ?? ""}`}
            location={query.data}
            canEdit={canEdit}
          />
        ) : null}

        {query.data ? (
          <PaymentSettings
            key={`payments-${query.data.version ?? ""}`}
            location={query.data}
            canEdit={canEdit}
          />
        ) : null}

        {canManageUsers ? <StaffUsers /> : null}

        <InspectionTemplates />

        <Paper withBorder radius="md" p="lg">
          <Title order={2} mb="xs">
            {t("settings.other")}
          </Title>
          <Text>{t("settings.otherBody")}</Text>
        </Paper>
      </Stack>
    </>
  );
}

/** The labour rate as the form edits it: decimal money text in the reader's notation. */
type FormValues = LocationValues & { labourRate: string };

function LocationReadOnly({ location }: { location: LocationSettings }) {
  const { t } = useTranslation();
  const fmt = useMoney(location.currency);
  const values = toValues(location);
  return (
    <Stack gap="md">
      <Alert color="gray" icon={<IconLock aria-hidden />} role="note">
        {t("settings.readOnly")}
      </Alert>
      <DataList labelWidth="10rem">
        {FIELD_ORDER.map((field) => (
          <DataList.Item key={field}>
            <DataList.ItemLabel>{t(`settings.${field}`)}</DataList.ItemLabel>
            <DataList.ItemValue>
              {(field === "managingDirectors" ? values[field].split("\n").join(", ") : values[field]) ||
                t("common.notSet")}
            </DataList.ItemValue>
          </DataList.Item>
        ))}
        <DataList.Item>
          <DataList.ItemLabel>{t("settings.labourRate")}</DataList.ItemLabel>
          <DataList.ItemValue className="pl-num">
            {location.labourRate !== undefined ? fmt.money(location.labourRate) : t("common.notSet")}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Stack>
  );
}

/** The managing directors as the form holds them (one per line) and the API takes them (a list). */
function directorsOf(text: string): string[] {
  return text
    .split("\n")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones;
}

function LocationForm({ location, onReload }: { location: LocationSettings; onReload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const zones = useMemo(() => timeZoneOptions(location.timeZone), [location.timeZone]);
  const fmt = useMoney(location.currency);

  const form = useForm<FormValues>({
    initialValues: {
      ...toValues(location),
      labourRate: location.labourRate !== undefined ? fmt.moneyInput(location.labourRate) : "",
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

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(false);
      const body: Record<string, unknown> = {};
      for (const field of EDITABLE) body[field] = emptyToNull(values[field]);
      body.managingDirectors = directorsOf(values.managingDirectors);
      body.country = values.country.trim().toUpperCase();
      const labourRate = parseScaled(values.labourRate, 100);
      if (labourRate !== null) body.labourRate = labourRate;
      if (location.version !== undefined) body.version = location.version;
      try {
        const saved = await api.patch<LocationSettings>("/api/v1/settings/location", body);
        if (saved) queryClient.setQueryData(locationKey, saved);
        await queryClient.invalidateQueries({ queryKey: locationKey });
        // The header shows the location name and dates use its time zone.
        await queryClient.invalidateQueries({ queryKey: sessionKey });
        notifySuccess(t("settings.saved"));
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
          {text("iban")}
          {text("bic")}
        </SimpleGrid>
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
