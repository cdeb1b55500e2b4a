// Settings → Integrations: how the shop's dealer management system (DMS) talks to Pitlane. API keys
// let the DMS push invoices in and read their status; the DMS defaults say what happens to a pushed
// invoice; webhooks tell the DMS when something happened. Three sections of the settings page, one
// after the other (each its own card and heading), rather than cards nested in a card.
import { useTranslation } from "react-i18next";
import { SettingsSection } from "../SettingsSection";
import { ApiKeysSection } from "./ApiKeysSection";
import { DmsDefaults } from "./DmsDefaults";
import { WebhooksSection } from "./WebhooksSection";

export function IntegrationsSection() {
  const { t } = useTranslation();
  return (
    <>
      <SettingsSection
        title={t("integrations.title")}
        hint={t("integrations.hint")}
        titleId="settings-integrations"
      >
        <ApiKeysSection />
      </SettingsSection>
      {/* Only admins see these (integrations:manage), and admins may change settings. */}
      <DmsDefaults canEdit />
      <WebhooksSection />
    </>
  );
}
