import { Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { hasPermission, useCurrentSession } from "../../shared/session";
import { DetailSkeleton, PageHeader, QueryError } from "../../shared/ui";
import { BillingSettings } from "./BillingSettings";
import { BookingSettings } from "./BookingSettings";
import { InspectionTemplates } from "./InspectionTemplates";
import { IntegrationsSection } from "./integrations/IntegrationsSection";
import { LocationForm } from "./location/LocationForm";
import { LocationReadOnly } from "./location/LocationReadOnly";
import { useLocationSettings } from "./location/locationApi";
import { PaymentSettings } from "./PaymentSettings";
import { SettingsSection } from "./SettingsSection";
import { StaffUsers } from "./StaffUsers";

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const canEdit = hasPermission(session.user, "settings:write");
  const canManageUsers = hasPermission(session.user, "users:manage");
  const canManageIntegrations = hasPermission(session.user, "integrations:manage");
  const query = useLocationSettings();

  return (
    <>
      <PageHeader title={t("settings.title")} />
      <Stack gap="lg">
        <SettingsSection title={t("settings.location")} hint={t("settings.locationHint")}>
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
        </SettingsSection>

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

        {canManageIntegrations ? <IntegrationsSection /> : null}

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
