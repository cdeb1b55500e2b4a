// How customers pay: the provider behind Pay now (the built-in sandbox, or Stripe when its keys are
// configured) and the methods the payment page offers. Admins edit; everyone else reads.
import { Button, Checkbox, FileButton, Group, Radio, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { useCurrentSession } from "../../shared/session";
import { FormError } from "../../shared/ui";
import type { LocationSettings, PaymentMethod } from "../../types";
import { SettingsSection } from "./SettingsSection";

const allMethods: PaymentMethod[] = ["card", "paypal", "instant_transfer", "bank_transfer", "counter"];

export function PaymentSettings({ location, canEdit }: { location: LocationSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [provider, setProvider] = useState(location.paymentProvider ?? "sandbox");
  const [methods, setMethods] = useState<PaymentMethod[]>(location.paymentMethods ?? allMethods);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.patch<LocationSettings>("/api/v1/settings/location", {
        paymentProvider: provider,
        // Kept in the page's order, whatever order they were ticked in.
        paymentMethods: allMethods.filter((m) => methods.includes(m)),
        version: location.version,
      });
      await queryClient.invalidateQueries({ queryKey: ["settings", "location"] });
      notifySuccess(t("settings.paymentsSaved"));
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : t("errors.saveFailed"));
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsSection title={t("settings.paymentsTitle")} hint={t("settings.paymentsHint")}>
      <Stack gap="md">
        <Radio.Group
          label={t("settings.paymentProvider")}
          value={provider}
          onChange={(v) => setProvider(v as "sandbox" | "stripe")}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="sandbox" label={t("settings.providerSandbox")} disabled={!canEdit} />
            <Radio value="stripe" label={t("settings.providerStripe")} disabled={!canEdit} />
          </Stack>
        </Radio.Group>
        <Checkbox.Group
          label={t("settings.paymentMethods")}
          value={methods}
          onChange={(v) => setMethods(v as PaymentMethod[])}
        >
          <Stack gap="xs" mt="xs">
            {allMethods.map((m) => (
              <Checkbox key={m} value={m} label={t(`settings.method.${m}`)} disabled={!canEdit} />
            ))}
          </Stack>
        </Checkbox.Group>
        <LogoUpload canEdit={canEdit} />
        {error ? <FormError message={error} /> : null}
        {canEdit ? (
          <Group>
            <Button onClick={() => void save()} loading={saving} disabled={methods.length === 0}>
              {t("settings.savePayments")}
            </Button>
            {methods.length === 0 ? (
              <Text size="sm" c="red.9">
                {t("settings.paymentMethodsNone")}
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </SettingsSection>
  );
}

/** The logo on the payment page: shown as it is now, replaced by choosing a new file. */
function LogoUpload({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [version, setVersion] = useState(0);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append("logo", file);
      const response = await fetch("/api/v1/settings/logo", {
        method: "PUT",
        body,
        headers: { "x-csrf-token": session.csrfToken },
        credentials: "same-origin",
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? t("errors.saveFailed"));
      }
      setMissing(false);
      setVersion((v) => v + 1);
      notifySuccess(t("settings.logoSaved"));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("settings.logo")}
      </Text>
      {missing ? (
        <Text size="sm" c="dimmed">
          {t("settings.noLogo")}
        </Text>
      ) : (
        <img
          src={`/api/v1/settings/logo?v=${version}`}
          alt={t("settings.logo")}
          style={{ maxWidth: 240, maxHeight: 80, alignSelf: "flex-start" }}
          onError={() => setMissing(true)}
        />
      )}
      {canEdit ? (
        <FileButton
          onChange={(file) => void upload(file)}
          accept="image/png,image/jpeg,image/webp,image/svg+xml"
        >
          {(props) => (
            <Button {...props} variant="default" loading={busy} style={{ alignSelf: "flex-start" }}>
              {t("settings.uploadLogo")}
            </Button>
          )}
        </FileButton>
      ) : null}
      {error ? <FormError message={error} /> : null}
    </Stack>
  );
}
