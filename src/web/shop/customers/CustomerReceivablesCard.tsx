// How the customer is asked to pay (issue #15): payment requests and reminders by text message, with
// the consent's time and source, and the pause of all their dunning (for example during a dispute).
import { Alert, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { useFormat } from "../../shared/format";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import type { Customer } from "../../types";
import { customerKeys } from "./customerApi";

export function CustomerReceivablesCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const canWrite = useCan("customers:write");
  const canDun = useCan("receivables:manage");
  const refresh = () => {
    void client.invalidateQueries({ queryKey: customerKeys.detail(customer.id) });
    void client.invalidateQueries({ queryKey: customerKeys.all });
  };
  const consent = useMutation({
    mutationFn: (value: boolean) =>
      api.put(`/api/v1/customers/${customer.id}/sms-consent`, { consent: value }),
    onSuccess: (_, value) => {
      refresh();
      notifySuccess(t(value ? "customerSms.consented" : "customerSms.withdrawn"));
    },
  });
  const pause = useMutation({
    mutationFn: (paused: boolean) => api.put(`/api/v1/customers/${customer.id}/dunning-pause`, { paused }),
    onSuccess: (_, paused) => {
      refresh();
      notifySuccess(t(paused ? "dunning.pausedDone" : "dunning.resumedDone"));
    },
  });
  const problem = isApiError(consent.error)
    ? (consent.error.fieldErrors?.[0]?.message ?? consent.error.message)
    : null;
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} mb="md">
        {t("customerSms.title")}
      </Title>
      <Stack gap="sm">
        <Switch
          label={t("customerSms.consent")}
          description={
            customer.smsConsent
              ? t("customerSms.consentSince", {
                  at: format.dateTime(customer.smsConsent.at),
                  source: t(`customerSms.source.${customer.smsConsent.source}`),
                })
              : t("customerSms.consentHint")
          }
          checked={customer.smsConsent !== null}
          disabled={!canWrite || consent.isPending}
          onChange={(e) => consent.mutate(e.currentTarget.checked)}
        />
        {problem ? (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        ) : null}
        {canDun ? (
          <Switch
            label={t("customerSms.pauseDunning")}
            description={t("customerSms.pauseDunningHint")}
            checked={customer.dunningPaused}
            disabled={pause.isPending}
            onChange={(e) => pause.mutate(e.currentTarget.checked)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {customer.dunningPaused ? t("dunning.customerPaused") : null}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
