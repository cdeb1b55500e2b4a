import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  DataList,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCalendarRepeat, IconCheck, IconFileDollar, IconX } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, isApiError } from "../../api";
import {
  BookingDetailFrame,
  BookingHistoryCard,
  DeclineReasonItem,
  RequestedItem,
} from "../../bookings/BookingDetailParts";
import { type BookingRequest, bookingKeys, useShopBooking } from "../../bookings/bookingApi";
import {
  ProposalSummary,
  useMoveErrorHandler,
  useNextMoveLabel,
  useWallClock,
} from "../../bookings/bookingUi";
import { ProposalModal } from "../../bookings/ProposalModal";
import { AppModal } from "../../shared/AppModal";
import { applyServerErrors, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { useCan } from "../../shared/session";
import { errorMessage, FormError } from "../../shared/ui";

export function BookingDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useShopBooking(id);
  return (
    <BookingDetailFrame query={query} back={{ to: "/shop/bookings", label: t("bookings.backToBoard") }}>
      {(booking) => <BookingDetail booking={booking} />}
    </BookingDetailFrame>
  );
}

function BookingDetail({ booking }: { booking: BookingRequest }) {
  const { t } = useTranslation();
  const canWrite = useCan("bookings:write");
  const clock = useWallClock();
  const nextMoveLabel = useNextMoveLabel();
  const queryClient = useQueryClient();
  const handleMoveError = useMoveErrorHandler();
  const [suggestOpen, setSuggestOpen] = useState(false);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [confirming, setConfirming] = useState<"plain" | "estimate" | null>(null);
  const [capacityProblem, setCapacityProblem] = useState<string | null>(null);
  const [overrideCapacity, setOverrideCapacity] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [estimateCreated, setEstimateCreated] = useState(false);
  const can = (move: string) => canWrite && booking.moves.includes(move);
  const base = `/api/v1/booking-requests/${encodeURIComponent(booking.id)}`;
  const empty = t("common.notSet");

  const applied = (next: BookingRequest) => {
    queryClient.setQueryData(bookingKeys.shopDetail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
  };

  const confirm = async (createEstimate: boolean) => {
    setConfirming(createEstimate ? "estimate" : "plain");
    setActionError(null);
    try {
      const next = await api.post<BookingRequest>(`${base}/confirm`, {
        createEstimate,
        overrideCapacity: capacityProblem ? overrideCapacity : false,
      });
      setCapacityProblem(null);
      setOverrideCapacity(false);
      applied(next);
      if (createEstimate) setEstimateCreated(true);
      notifySuccess(t("bookings.confirmed"));
    } catch (error) {
      if (isApiError(error) && error.status === 409 && error.hasType("capacity-exceeded")) {
        setCapacityProblem(error.detail);
      } else if (!handleMoveError(error)) {
        setActionError(errorMessage(error, t("errors.saveFailed")));
      }
    } finally {
      setConfirming(null);
    }
  };

  const showActions = can("confirm") || can("suggest") || can("decline");

  return (
    <>
      <Stack gap="lg">
        {estimateCreated || (booking.estimateId && booking.status === "confirmed") ? (
          <Alert
            color="green"
            icon={<IconFileDollar aria-hidden />}
            role="status"
            title={t("bookings.estimateCreated")}
          >
            {t("bookings.estimateCreatedHint")}{" "}
            {booking.estimateId ? (
              <Anchor component={Link} to={`/shop/estimates/${booking.estimateId}`}>
                {t("bookings.openEstimate")}
              </Anchor>
            ) : null}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper withBorder radius="md" p="lg">
            <Title order={2} mb="md">
              {t("bookings.request")}
            </Title>
            <DataList labelWidth="10rem">
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.col.customer")}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Anchor component={Link} to={`/shop/customers/${booking.customerId}`}>
                    {booking.customerName}
                  </Anchor>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.col.unit")}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <Anchor component={Link} to={`/shop/units/${booking.unitId}`}>
                    {booking.plate ? `${booking.unitLabel} (${booking.plate})` : booking.unitLabel}
                  </Anchor>
                  {booking.fleetNumber ? (
                    <Text size="xs" c="dimmed">
                      {t("bookings.fleetNumber", { number: booking.fleetNumber })}
                    </Text>
                  ) : null}
                </DataList.ItemValue>
              </DataList.Item>
              <RequestedItem booking={booking} />
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.proposed")}</DataList.ItemLabel>
                <DataList.ItemValue fw={700}>
                  {clock.full(booking.proposedDate, booking.proposedTime, booking.timeZone)}
                  <Text size="xs" c="dimmed" fw={400}>
                    {booking.proposedBy === "shop"
                      ? t("bookings.proposedByShop")
                      : t("bookings.proposedByCustomer")}
                  </Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.col.nextMove")}</DataList.ItemLabel>
                <DataList.ItemValue>{nextMoveLabel(booking.nextMove)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t("bookings.customerNotes")}</DataList.ItemLabel>
                <DataList.ItemValue style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                  {booking.notes || empty}
                </DataList.ItemValue>
              </DataList.Item>
              <DeclineReasonItem booking={booking} />
              {booking.capacityOverride ? (
                <DataList.Item>
                  <DataList.ItemLabel>{t("bookings.capacity")}</DataList.ItemLabel>
                  <DataList.ItemValue>{t("bookings.beyondCapacity")}</DataList.ItemValue>
                </DataList.Item>
              ) : null}
            </DataList>
          </Paper>
          <Stack gap="lg">
            {showActions ? (
              <Paper withBorder radius="md" p="lg">
                <Title order={2} mb="md">
                  {t("bookings.actions")}
                </Title>
                <Stack gap="sm">
                  <ProposalSummary booking={booking} />
                  <FormError message={actionError} />
                  {capacityProblem ? (
                    <Alert
                      color="orange"
                      icon={<IconAlertTriangle aria-hidden />}
                      role="alert"
                      title={t("bookings.capacityTitle")}
                    >
                      <Stack gap="xs">
                        <Text size="sm">{capacityProblem}</Text>
                        <Checkbox
                          label={t("bookings.overrideCapacity")}
                          checked={overrideCapacity}
                          onChange={(event) => setOverrideCapacity(event.currentTarget.checked)}
                        />
                      </Stack>
                    </Alert>
                  ) : null}
                  {can("confirm") ? (
                    <>
                      <Button
                        color="green.9"
                        leftSection={<IconCheck size={18} aria-hidden />}
                        loading={confirming === "plain"}
                        disabled={confirming !== null || (!!capacityProblem && !overrideCapacity)}
                        onClick={() => void confirm(false)}
                      >
                        {t("bookings.confirm")}
                      </Button>
                      <Button
                        variant="light"
                        leftSection={<IconFileDollar size={18} aria-hidden />}
                        loading={confirming === "estimate"}
                        disabled={confirming !== null || (!!capacityProblem && !overrideCapacity)}
                        onClick={() => void confirm(true)}
                      >
                        {t("bookings.confirmWithEstimate")}
                      </Button>
                    </>
                  ) : null}
                  {can("suggest") ? (
                    <Button
                      variant="default"
                      leftSection={<IconCalendarRepeat size={18} aria-hidden />}
                      onClick={() => setSuggestOpen(true)}
                    >
                      {t("bookings.suggest")}
                    </Button>
                  ) : null}
                  {can("decline") ? (
                    <Button
                      variant="outline"
                      color="red"
                      leftSection={<IconX size={18} aria-hidden />}
                      onClick={() => setDeclineOpen(true)}
                    >
                      {t("bookings.decline")}
                    </Button>
                  ) : null}
                </Stack>
              </Paper>
            ) : null}
            <BookingHistoryCard booking={booking} viewer="shop" />
          </Stack>
        </SimpleGrid>
      </Stack>
      <ProposalModal
        opened={suggestOpen}
        onClose={() => setSuggestOpen(false)}
        title={t("bookings.suggestTitle")}
        scope="shop"
        timeZone={booking.timeZone}
        initial={{ date: booking.proposedDate, time: booking.proposedTime }}
        onSubmit={async (body) => {
          const next = await api.post<BookingRequest>(`${base}/suggest`, body);
          applied(next);
          notifySuccess(t("bookings.suggestionSent"));
        }}
        onError={handleMoveError}
      />
      <DeclineModal
        opened={declineOpen}
        onClose={() => setDeclineOpen(false)}
        path={`${base}/decline`}
        onDone={applied}
        onError={handleMoveError}
      />
    </>
  );
}

function DeclineModal({
  opened,
  onClose,
  path,
  onDone,
  onError,
}: {
  opened: boolean;
  onClose: () => void;
  path: string;
  onDone: (booking: BookingRequest) => void;
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (value) => (value.trim() ? null : t("errors.required")) },
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const next = await api.post<BookingRequest>(path, { reason: values.reason.trim() });
        onDone(next);
        notifySuccess(t("bookings.declined"));
        form.reset();
        onClose();
      } catch (error) {
        if (onError(error)) {
          onClose();
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );
  return (
    <AppModal opened={opened} onClose={onClose} title={t("bookings.decline")}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={formError} />
          <Textarea
            label={t("bookings.reason")}
            description={t("bookings.reasonHint")}
            required
            autosize
            minRows={3}
            maxLength={1000}
            {...form.getInputProps("reason")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={form.submitting}>
              {t("bookings.declineSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
