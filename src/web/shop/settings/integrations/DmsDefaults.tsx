// Settings → Integrations: what happens to an invoice the shop's DMS pushes without saying — the
// payment request mailed at once, or kept until someone presses Send invoice. Saved on its own.
import { Button, Group, Radio, Stack } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { notifySuccess } from "../../../shared/notify";
import { FormError } from "../../../shared/ui";
import { SettingsSection } from "../SettingsSection";

type SendMode = "immediately" | "on_send";

const dmsDefaultsKey = ["settings", "dms"] as const;

export function DmsDefaults({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: dmsDefaultsKey,
    queryFn: ({ signal }) => api.get<{ sendMode: SendMode }>("/api/v1/settings/dms", undefined, signal),
  });
  const [mode, setMode] = useState<SendMode>("on_send");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (current.data) setMode(current.data.sendMode);
  }, [current.data]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      await api.patch("/api/v1/settings/dms", { sendMode: mode });
      await queryClient.invalidateQueries({ queryKey: dmsDefaultsKey });
      notifySuccess(t("dmsDefaults.saved"));
    } catch (e) {
      setError(isApiError(e) ? e.detail : t("errors.saveFailed"));
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsSection title={t("dmsDefaults.title")} hint={t("dmsDefaults.hint")} titleId="dms-defaults-title">
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <Radio.Group
            label={t("dmsDefaults.sendMode")}
            value={mode}
            onChange={(value) => setMode(value as SendMode)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="on_send" label={t("dmsDefaults.modes.on_send")} disabled={!canEdit} />
              <Radio value="immediately" label={t("dmsDefaults.modes.immediately")} disabled={!canEdit} />
            </Stack>
          </Radio.Group>
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" loading={saving} disabled={!current.data}>
                {t("dmsDefaults.save")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </SettingsSection>
  );
}
