import "../shared/areaSetup";
import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, isApiError } from "../api";
import { type BookingLinkView, type BookingRequest, bookingKeys } from "../bookings/bookingApi";
import { BookingStatusBadge, ProposalSummary, shopNote, useWallClock } from "../bookings/bookingUi";
import { CustomerMoves } from "../bookings/CustomerMoves";
import { LanguageSwitch } from "../shared/LanguageSwitch";
import { DetailSkeleton, errorMessage, useDocumentTitle } from "../shared/ui";

/** Public page behind the link mailed to customers without an account: /b/:token */
export default function BookingLinkPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const queryClient = useQueryClient();
  const clock = useWallClock();
  const [answered, setAnswered] = useState<BookingRequest | null>(null);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  useDocumentTitle(t("bookings.link.title"));
  const query = useQuery({
    queryKey: bookingKeys.link(token),
    queryFn: ({ signal }) =>
      api.get<BookingLinkView>(`/api/v1/links/booking/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
  });

  const onError = (error: unknown) => {
    if (isApiError(error) && (error.status === 410 || error.status === 409)) {
      setLinkProblem(error.detail);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.link(token) });
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
        title={t("bookings.link.unavailable")}
        role="alert"
      >
        {errorMessage(query.error, t("errors.loadFailed"))}
      </Alert>
    );
  } else {
    const { booking, linkUsed } = query.data;
    const current = answered ?? booking;
    const note = shopNote(current);
    content = (
      <Stack gap="md">
        {answered ? (
          <Alert
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={t("bookings.link.thanks")}
            role="status"
          >
            <Group gap="xs">
              <Text size="sm">{t("bookings.link.newStatus")}</Text>
              <BookingStatusBadge status={answered.status} />
            </Group>
          </Alert>
        ) : linkUsed || linkProblem ? (
          <Alert
            color="blue"
            icon={<IconInfoCircle aria-hidden />}
            title={t("bookings.link.used")}
            role="status"
          >
            <Stack gap="xs">
              {linkProblem ? <Text size="sm">{linkProblem}</Text> : null}
              <Group gap="xs">
                <Text size="sm">{t("bookings.link.currentStatus")}</Text>
                <BookingStatusBadge status={booking.status} />
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Title order={2} size="h3">
                {current.plate ? `${current.unitLabel} (${current.plate})` : current.unitLabel}
              </Title>
              <BookingStatusBadge status={current.status} />
            </Group>
            <ProposalSummary booking={current} viewer="customer" />
            {note ? (
              <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {t("common.quoted", { text: note })}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {t("bookings.link.requested", {
                when: clock.full(current.requestedDate, current.requestedTime, current.timeZone),
              })}
            </Text>
            {current.notes ? (
              <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {current.notes}
              </Text>
            ) : null}
            {!answered && !linkUsed && !linkProblem ? (
              <CustomerMoves
                booking={current}
                basePath={`/api/v1/links/booking/${encodeURIComponent(token)}`}
                scope={{ linkToken: token }}
                onDone={(next) => {
                  setAnswered(next);
                }}
                onError={onError}
              />
            ) : null}
          </Stack>
        </Paper>
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
                {t("bookings.link.subtitle")}
              </Text>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} py="md" component="main" id="main">
        <Title order={1} mb="md">
          {t("bookings.link.title")}
        </Title>
        {content}
      </Container>
    </Box>
  );
}
