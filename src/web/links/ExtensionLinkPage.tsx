import "../shared/areaSetup";
import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, isApiError } from "../api";
import { CustomerExtensionView, ThanksAlert, UsedAlert } from "../extensions/CustomerExtensionView";
import { type Decision, type ExtensionLinkView, extensionKeys } from "../extensions/extensionApi";
import { ExtensionStatusBadge } from "../extensions/extensionUi";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { DetailSkeleton, errorMessage, useDocumentTitle } from "../shared/ui";

/** Public phone page behind the link mailed with an order extension: /x/:token */
export default function ExtensionLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const queryClient = useQueryClient();
  const [answered, setAnswered] = useState(false);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  useDocumentTitle(t("extensionCustomer.title"));
  const base = `/api/v1/links/extension/${encodeURIComponent(token)}`;
  const query = useQuery({
    queryKey: extensionKeys.link(token),
    queryFn: ({ signal }) => api.get<ExtensionLinkView>(base, undefined, signal),
    retry: false,
  });

  const decide = async (decisions: Decision[]) => {
    const next = await api.post<ExtensionLinkView>(`${base}/decide`, { decisions });
    queryClient.setQueryData(extensionKeys.link(token), next);
    setAnswered(true);
    window.scrollTo({ top: 0 });
  };

  /** A spent link: say so and show the offer as it is now. */
  const onError = (error: unknown) => {
    if (isApiError(error) && (error.status === 410 || error.status === 409)) {
      setLinkProblem(error.detail);
      void queryClient.invalidateQueries({ queryKey: extensionKeys.link(token) });
      return true;
    }
    return false;
  };

  let content: React.ReactNode;
  if (query.isPending) {
    content = <DetailSkeleton />;
  } else if (query.isError) {
    const gone = isApiError(query.error) && (query.error.status === 410 || query.error.status === 404);
    content = (
      <Alert
        color="red"
        icon={<IconAlertCircle aria-hidden />}
        title={t("extensionCustomer.unavailable")}
        role="alert"
      >
        <Text size="sm">
          {gone ? t("extensionCustomer.unavailableBody") : errorMessage(query.error, t("errors.loadFailed"))}
        </Text>
      </Alert>
    );
  } else {
    const { extension, linkUsed } = query.data;
    const readOnly = answered || linkUsed || !!linkProblem || extension.status !== "sent";
    content = (
      <Stack gap="md">
        {answered ? <ThanksAlert /> : linkUsed || linkProblem ? <UsedAlert detail={linkProblem} /> : null}
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={2} size="h3" style={{ overflowWrap: "anywhere" }}>
                {extension.plate ? `${extension.unitLabel} (${extension.plate})` : extension.unitLabel}
              </Title>
              <Text size="sm" c="dimmed" className="pl-num">
                {t("extensionCustomer.workOrder", { number: extension.workOrderNumber })}
              </Text>
            </Stack>
            <ExtensionStatusBadge status={extension.status} audience="customer" />
          </Group>
        </Paper>
        <CustomerExtensionView extension={extension} readOnly={readOnly} decide={decide} onError={onError} />
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
                {t("extensionCustomer.subtitle")}
              </Text>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} py="md" px="sm" component="main" id="main">
        <Title order={1} mb="md">
          {t("extensionCustomer.title")}
        </Title>
        {content}
      </Container>
    </Box>
  );
}
