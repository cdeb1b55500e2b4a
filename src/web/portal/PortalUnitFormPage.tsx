import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api";
import { ConfirmDiscard } from "../shared/ConfirmDiscard";
import { applyServerErrors, focusFirstInvalid, toNumberOrNull } from "../shared/forms";
import { notifySuccess } from "../shared/notify";
import { FormError, PageHeader } from "../shared/ui";
import { type UnitValues, unitBody, unitFormRules, VinInput } from "../shared/unitFields";
import type { Unit } from "../types";
import { portalKeys } from "./portalApi";

/** The customer adds one of their own vehicles (POST /api/v1/portal/units). */
export function PortalUnitFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const form = useForm<UnitValues>({
    initialValues: {
      vin: "",
      plate: "",
      make: "",
      model: "",
      year: "",
      fleetNumber: "",
      odometerKm: "",
      engineHours: "",
    },
    validate: unitFormRules(t),
  });

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const unit = await api.post<Unit>("/api/v1/portal/units", {
          ...unitBody(values, "create"),
          odometerKm: toNumberOrNull(values.odometerKm) ?? undefined,
          engineHours: toNumberOrNull(values.engineHours) ?? undefined,
        });
        queryClient.setQueryData(portalKeys.unit(unit.id), unit);
        await queryClient.invalidateQueries({ queryKey: ["portal", "units"] });
        notifySuccess(t("portal.created"));
        form.resetDirty();
        navigate(`/portal/units/${unit.id}`);
      } catch (error) {
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <>
      <PageHeader title={t("portal.newUnitTitle")} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} maw={720}>
          <Stack gap="md">
            <FormError message={formError} />
            <VinInput
              value={form.values.vin}
              error={form.errors.vin}
              onChange={(value) => form.setFieldValue("vin", value)}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={t("unitForm.plate")} autoComplete="off" {...form.getInputProps("plate")} />
              <TextInput
                label={t("unitForm.fleetNumber")}
                autoComplete="off"
                {...form.getInputProps("fleetNumber")}
              />
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
                inputMode="numeric"
                {...form.getInputProps("year")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <NumberInput
                label={t("unitForm.odometer")}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                inputMode="numeric"
                {...form.getInputProps("odometerKm")}
              />
              <NumberInput
                label={t("unitForm.engineHours")}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                inputMode="numeric"
                {...form.getInputProps("engineHours")}
              />
            </SimpleGrid>
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => (form.isDirty() ? setConfirmDiscard(true) : navigate("/portal/units"))}
              >
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
      <ConfirmDiscard
        opened={confirmDiscard}
        onKeepEditing={() => setConfirmDiscard(false)}
        onDiscard={() => {
          setConfirmDiscard(false);
          navigate("/portal/units");
        }}
      />
    </>
  );
}
