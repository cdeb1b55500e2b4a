import "../shared/areaSetup";
import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, isApiError } from "../api";
import { CustomerEstimateView, currentAndPrevious } from "../estimates/CustomerEstimateView";
import { type Estimate, type EstimateLinkView, estimateKeys } from "../estimates/estimateApi";
import { EstimateStatusBadge } from "../estimates/estimateUi";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { DetailSkeleton, errorMessage, useDocumentTitle } from "../shared/ui";

/** Public page behind the link mailed to customers without an account when an estimate is ready: /e/:token */
export default function EstimateLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const queryClient = useQueryClient();
  const [answered, setAnswered] = useState<Estimate | null>(null);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  useDocumentTitle(t("estimates.link.title"));
  const query = useQuery({
    queryKey: estimateKeys.link(token),
    queryFn: ({ signal }) =>
      api.get<EstimateLinkView>(`/api/v1/links/estimate/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
  });

  /** An expired or spent link: say so and show the estimate as it is now. */
  const onError = (error: unknown) => {
    if (isApiError(error) && (error.status === 410 || error.status === 409)) {
      setLinkProblem(error.detail);
      void queryClient.invalidateQueries({ queryKey: estimateKeys.link(token) });
      return true;
    }
    return false;
  };

  let content: React.ReactNode;
  if (query.isPending) {
    content = <DetailSkeleton />;
  } else if (query.isError) {
    content = (
      <Alert
        color="red"
        icon={<IconAlertCircle aria-hidden />}
        title={t("estimates.link.unavailable")}
        role="alert"
      >
        {errorMessage(query.error, t("errors.loadFailed"))}
      </Alert>
    );
  } else {
    const { linkUsed } = query.data;
    const estimate = answered ?? query.data.estimate;
    const { current } = currentAndPrevious(estimate);
    const readOnly = !!answered || linkUsed || !!linkProblem;
    content = (
      <Stack gap="md">
        {answered ? (
          <Alert
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={t("estimates.link.thanks")}
            role="status"
          >
            <Text size="sm">{t("estimates.link.oneDecision")}</Text>
          </Alert>
        ) : linkUsed || linkProblem ? (
          <Alert
            color="blue"
            icon={<IconInfoCircle aria-hidden />}
            title={t("estimates.link.used")}
            role="status"
          >
            {linkProblem ? <Text size="sm">{linkProblem}</Text> : null}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={2} size="h3" style={{ overflowWrap: "anywhere" }}>
                {estimate.plate ? `${estimate.unitLabel} (${estimate.plate})` : estimate.unitLabel}
              </Title>
              <Text size="sm" c="dimmed" className="pl-num">
                {current
                  ? `${estimate.number} · ${t("estimates.versionNo", { version: current.versionNo })}`
                  : estimate.number}
              </Text>
            </Stack>
            <EstimateStatusBadge status={estimate.status} />
          </Group>
        </Paper>
        <CustomerEstimateView
          estimate={estimate}
          source={{ linkToken: token }}
          readOnly={readOnly}
          onApplied={(next) => setAnswered(next)}
          onError={onError}
          onReload={() => void query.refetch()}
        />
      </Stack>
    );
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={640} py="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={800} size="lg" c="blue.9" lh={1.2} truncate="end">
                {query.data?.shopName ?? t("common.appName")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("estimates.link.subtitle")}
              </Text>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} py="md" component="main" id="main">
        <Title order={1} mb="md">
          {t("estimates.link.title")}
        </Title>
        {content}
      </Container>
    </Box>
  );
}
