// Settings → Integrations: how the shop's dealer management system (DMS) talks to Pitlane. API keys
// let the DMS push invoices in and read their status; webhooks tell it when something happened.
import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SettingsSection } from "../SettingsSection";
import { ApiKeysSection } from "./ApiKeysSection";
import { DmsDefaults } from "./DmsDefaults";
import { WebhooksSection } from "./WebhooksSection";

export function IntegrationsSection() {
  const { t } = useTranslation();
  return (
    <SettingsSection
      title={t("integrations.title")}
      hint={t("integrations.hint")}
      titleId="settings-integrations"
    >
      <Stack gap="xl">
        <ApiKeysSection />
        {/* Only admins see this section (integrations:manage), and admins may change settings. */}
        <DmsDefaults canEdit />
        <WebhooksSection />
      </Stack>
    </SettingsSection>
  );
}
