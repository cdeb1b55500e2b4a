import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { api, isApiError } from "../../api";
import { ConfirmDiscard } from "../../shared/ConfirmDiscard";
import { applyServerErrors, focusFirstInvalid, toNumberOrNull } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { ConflictAlert, DetailSkeleton, FormError, PageHeader, QueryError } from "../../shared/ui";
import { type UnitValues, unitBody, unitFormRules, VinInput } from "../../shared/unitFields";
import type { Unit } from "../../types";
import { customerKeys, useCustomer } from "../customers/customerApi";
import { CustomerSelect } from "./CustomerSelect";
import { unitKeys, useUnit } from "./unitApi";

interface ShopUnitValues extends UnitValues {
  customerId: string;
}

export function UnitFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const presetCustomerId = searchParams.get("customerId") ?? "";
  const unitQuery = useUnit(id);
  const presetCustomer = useCustomer(!id && presetCustomerId ? presetCustomerId : undefined);
  const title = id ? t("unitForm.titleEdit") : t("unitForm.titleNew");

  if (id) {
    if (unitQuery.isPending) {
      return (
        <>
          <PageHeader title={title} />
          <DetailSkeleton />
        </>
      );
    }
    if (unitQuery.isError) {
      return (
        <>
          <PageHeader title={title} />
          <QueryError error={unitQuery.error} onRetry={() => void unitQuery.refetch()} />
        </>
      );
    }
    return (
      <UnitForm
        key={unitQuery.data.version}
        unit={unitQuery.data}
        onReload={() => void unitQuery.refetch()}
      />
    );
  }

  if (presetCustomerId && presetCustomer.isPending) {
    return (
      <>
        <PageHeader title={title} />
        <DetailSkeleton />
      </>
    );
  }
  const preset = presetCustomer.data
    ? { value: presetCustomer.data.id, label: presetCustomer.data.displayName }
    : null;
  return <UnitForm preset={preset} />;
}

interface UnitFormProps {
  unit?: Unit;
  preset?: { value: string; label: string } | null;
  onReload?: () => void;
}

function UnitForm({ unit, preset, onReload }: UnitFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const form = useForm<ShopUnitValues>({
    initialValues: {
      customerId: unit?.customerId ?? preset?.value ?? "",
      vin: unit?.vin ?? "",
      plate: unit?.plate ?? "",
      make: unit?.make ?? "",
      model: unit?.model ?? "",
      year: unit?.year ?? "",
      fleetNumber: unit?.fleetNumber ?? "",
      odometerKm: "",
      engineHours: "",
    },
    validate: {
      ...unitFormRules(t),
      customerId: (value) => (value ? null : t("unitForm.customerRequired")),
    },
  });

  const leave = () => {
    if (unit) navigate(`/shop/units/${unit.id}`);
    else if (preset) navigate(`/shop/customers/${preset.value}`);
    else navigate("/shop/units");
  };

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(false);
      try {
        const saved = unit
          ? await api.patch<Unit>(`/api/v1/units/${encodeURIComponent(unit.id)}`, {
              customerId: values.customerId,
              ...unitBody(values, "patch"),
              version: unit.version,
            })
          : await api.post<Unit>("/api/v1/units", {
              customerId: values.customerId,
              ...unitBody(values, "create"),
              odometerKm: toNumberOrNull(values.odometerKm) ?? undefined,
              engineHours: toNumberOrNull(values.engineHours) ?? undefined,
            });
        queryClient.setQueryData(unitKeys.detail(saved.id), saved);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: unitKeys.all }),
          queryClient.invalidateQueries({ queryKey: unitKeys.readings(saved.id) }),
          queryClient.invalidateQueries({ queryKey: customerKeys.detail(saved.customerId) }),
          queryClient.invalidateQueries({ queryKey: customerKeys.all }),
        ]);
        notifySuccess(unit ? t("unitForm.saved") : t("unitForm.created"));
        form.resetDirty();
        navigate(`/shop/units/${saved.id}`);
      } catch (error) {
        if (isApiError(error) && error.status === 409 && unit) {
          setConflict(true);
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <>
      <PageHeader
        title={unit ? t("unitForm.titleEdit") : t("unitForm.titleNew")}
        description={unit ? `${unit.make} ${unit.model}${unit.plate ? ` (${unit.plate})` : ""}` : undefined}
      />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={860}>
          <ConflictAlert message={conflict ? t("unitForm.conflict") : null} onReload={onReload} />
          <FormError message={formError} />

          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("unitForm.sectionUnit")}
            </Title>
            <Stack gap="md">
              <CustomerSelect
                required
                value={form.values.customerId}
                onChange={(value) => form.setFieldValue("customerId", value)}
                error={form.errors.customerId}
                initialOption={unit ? { value: unit.customerId, label: unit.customerName } : (preset ?? null)}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <VinInput
                  value={form.values.vin}
                  error={form.errors.vin}
                  onChange={(value) => form.setFieldValue("vin", value)}
                />
                <TextInput label={t("unitForm.plate")} autoComplete="off" {...form.getInputProps("plate")} />
                <TextInput
                  label={t("unitForm.make")}
                  required
                  autoComplete="off"
                  {...form.getInputProps("make")}
                />
                <TextInput
                  label={t("unitForm.model")}
                  required
                  autoComplete="off"
                  {...form.getInputProps("model")}
                />
                <NumberInput
                  label={t("unitForm.year")}
                  min={1900}
                  max={new Date().getFullYear() + 1}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator={false}
                  {...form.getInputProps("year")}
                />
                <TextInput
                  label={t("unitForm.fleetNumber")}
                  autoComplete="off"
                  {...form.getInputProps("fleetNumber")}
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          {unit ? null : (
            <Paper withBorder radius="md" p="lg">
              <Title order={2} mb="md">
                {t("unitForm.sectionReadings")}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t("unitForm.odometer")}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps("odometerKm")}
                />
                <NumberInput
                  label={t("unitForm.engineHours")}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps("engineHours")}
                />
              </SimpleGrid>
            </Paper>
          )}

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
