// What every page behind a mailed link shares (/b, /e, /x): the shop's header with the language
// switch, loading and unavailable states, and an expired or spent link told as such while the page
// shows what it led to as it is now.
import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { type QueryKey, type UseQueryResult, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../api";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { DetailSkeleton, errorMessage, useDocumentTitle } from "../shared/ui";

/**
 * Loads what the link leads to. `onError` takes a failed answer: an expired or spent link (410,
 * 409) becomes `linkProblem` and the view reloads; anything else is left to the caller.
 */
export function useMailedLink<T>(queryKey: QueryKey, url: string) {
  const queryClient = useQueryClient();
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<T>(url, undefined, signal),
    retry: false,
  });

  const onError = (error: unknown) => {
    if (isApiError(error) && (error.status === 410 || error.status === 409)) {
      setLinkProblem(error.detail);
      void queryClient.invalidateQueries({ queryKey });
      return true;
    }
    return false;
  };

  return { query, linkProblem, onError };
}

export function LinkPageShell<T extends { shopName: string }>({
  query,
  title,
  subtitle,
  unavailable,
  unavailableBody,
  mainPx,
  children,
}: {
  query: UseQueryResult<T>;
  title: string;
  subtitle: string;
  /** Title of the alert when the link cannot be loaded. */
  unavailable: string;
  /** What the alert says; by default the error's own message. */
  unavailableBody?: (error: unknown) => ReactNode;
  mainPx?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title);

  let content: ReactNode;
  if (query.isPending) {
    content = <DetailSkeleton />;
  } else if (query.isError) {
    content = (
      <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={unavailable} role="alert">
        {unavailableBody ? unavailableBody(query.error) : errorMessage(query.error, t("errors.loadFailed"))}
      </Alert>
    );
  } else {
    content = children(query.data);
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
                {subtitle}
              </Text>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} py="md" px={mainPx} component="main" id="main">
        <Title order={1} mb="md">
          {title}
        </Title>
        {content}
      </Container>
    </Box>
  );
}

/** The unit the link is about, with a detail line under it and its status. */
export function LinkSubject({
  unitLabel,
  plate,
  detail,
  badge,
}: {
  unitLabel: string;
  plate: string | null;
  detail: ReactNode;
  badge: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} size="h3" style={{ overflowWrap: "anywhere" }}>
            {plate ? `${unitLabel} (${plate})` : unitLabel}
          </Title>
          <Text size="sm" c="dimmed" className="pl-num">
            {detail}
          </Text>
        </Stack>
        {badge}
      </Group>
    </Paper>
  );
}

/** The answer went through: thank the customer. */
export function LinkThanks({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={title} role="status">
      {children}
    </Alert>
  );
}

/** The link was used already (or expired): the page shows the current state, read-only. */
export function LinkUsed({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={title} role="status">
      {children}
    </Alert>
  );
}
