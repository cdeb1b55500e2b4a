// Billing hourly jobs, saved on its own (like the payment settings): which hours an hourly job bills
// (approved or clocked) and beyond which difference from the approved the work order warns.
import { Button, Group, Radio, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { FormError } from "../../shared/ui";
import type { LocationSettings } from "../../types";
import { SettingsSection } from "./SettingsSection";

/** "20" or "20 %" → 20; anything but a whole percent from 0 to 100 → null. */
export function tolerancePercent(text: string): number | null {
  const value = text.trim().replace(/\s*%$/, "");
  return /^\d{1,3}$/.test(value) && Number(value) <= 100 ? Number(value) : null;
}

export function BillingSettings({ location, canEdit }: { location: LocationSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState(location.billingMode ?? "clocked");
  const [tolerance, setTolerance] = useState(String(location.billingTolerancePct ?? 20));
  const [toleranceError, setToleranceError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const pct = tolerancePercent(tolerance);
    if (pct === null) {
      setToleranceError(t("settings.billingToleranceInvalid"));
      document.getElementById("billing-tolerance")?.focus();
      return;
    }
    setToleranceError(null);
    setSaving(true);
    try {
      await api.patch("/api/v1/settings/location", {
        version: location.version,
        billingMode: mode,
        billingTolerancePct: pct,
      });
      await queryClient.invalidateQueries({ queryKey: ["settings"] });
      notifySuccess(t("settings.billingSaved"));
    } catch (e) {
      const field = isApiError(e) ? e.fieldErrors.find((f) => f.field === "billingTolerancePct") : undefined;
      if (field) setToleranceError(field.message);
      else setError(isApiError(e) ? e.detail : t("errors.saveFailed"));
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsSection
      title={t("settings.billing")}
      hint={t("settings.billingModeHint")}
      titleId="billing-settings-title"
    >
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Radio.Group
              label={t("settings.billingMode")}
              value={mode}
              onChange={(value) => setMode(value as "approved" | "clocked")}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="approved" label={t("settings.billingModes.approved")} disabled={!canEdit} />
                <Radio value="clocked" label={t("settings.billingModes.clocked")} disabled={!canEdit} />
              </Stack>
            </Radio.Group>
            <TextInput
              id="billing-tolerance"
              label={t("settings.billingTolerancePct")}
              description={t("settings.billingToleranceHint")}
              required
              inputMode="numeric"
              autoComplete="off"
              readOnly={!canEdit}
              value={tolerance}
              onChange={(event) => setTolerance(event.currentTarget.value)}
              error={toleranceError}
              rightSection={
                <Text size="sm" c="dimmed" aria-hidden>
                  %
                </Text>
              }
            />
          </SimpleGrid>
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={saving}>
                {t("settings.billingSave")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </SettingsSection>
  );
}
