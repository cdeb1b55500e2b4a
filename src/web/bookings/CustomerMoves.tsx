import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconCalendarRepeat, IconCheck, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { AppModal } from "../shared/AppModal";
import { emptyToUndefined } from "../shared/forms";
import { errorMessage, FormError } from "../shared/ui";
import type { BookingRequest, SlotsSource } from "./bookingApi";
import { ProposalModal } from "./ProposalModal";

interface CustomerMovesProps {
  booking: BookingRequest;
  /** POST target without the move, e.g. /api/v1/portal/booking-requests/:id or /api/v1/links/booking/:token */
  basePath: string;
  /** Where the "Suggest another time" modal reads free slots from. */
  scope: Exclude<SlotsSource, "shop">;
  onDone: (booking: BookingRequest, move: "accept" | "counter" | "cancel") => void;
  /** Returns true when it handled the error itself (conflict, used link). */
  onError?: (error: unknown) => boolean;
}

/** The customer's answers to the shop: Accept, Suggest another time, Cancel request (per `moves`). */
export function CustomerMoves({ booking, basePath, scope, onDone, onError }: CustomerMovesProps) {
  const { t } = useTranslation();
  const [counterOpen, setCounterOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelNote, setCancelNote] = useState("");
  const [busy, setBusy] = useState<"accept" | "cancel" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const can = (move: string) => booking.moves.includes(move);
  if (!can("accept") && !can("counter") && !can("cancel")) return null;

  const run = async (move: "accept" | "cancel", body: object) => {
    setBusy(move);
    setError(null);
    try {
      const next = await api.post<BookingRequest>(`${basePath}/${move}`, body);
      setCancelOpen(false);
      onDone(next, move);
    } catch (caught) {
      setCancelOpen(false);
      if (!onError?.(caught)) setError(errorMessage(caught, t("errors.saveFailed")));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm">
      <FormError message={error} />
      <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        {can("accept") ? (
          <Button
            leftSection={<IconCheck size={18} aria-hidden />}
            loading={busy === "accept"}
            onClick={() => void run("accept", {})}
          >
            {t("bookings.accept")}
          </Button>
        ) : null}
        {can("counter") ? (
          <Button
            variant="default"
            leftSection={<IconCalendarRepeat size={18} aria-hidden />}
            onClick={() => setCounterOpen(true)}
          >
            {t("bookings.counter")}
          </Button>
        ) : null}
        {can("cancel") ? (
          <Button
            variant="outline"
            color="red"
            leftSection={<IconX size={18} aria-hidden />}
            onClick={() => {
              setCancelNote("");
              setCancelOpen(true);
            }}
          >
            {t("bookings.cancelRequest")}
          </Button>
        ) : null}
      </Group>
      <ProposalModal
        opened={counterOpen}
        onClose={() => setCounterOpen(false)}
        title={t("bookings.counterTitle")}
        scope={scope}
        timeZone={booking.timeZone}
        initial={{ date: booking.proposedDate, time: booking.proposedTime }}
        onSubmit={async (body) => {
          const next = await api.post<BookingRequest>(`${basePath}/counter`, body);
          onDone(next, "counter");
        }}
        onError={onError}
      />
      <AppModal opened={cancelOpen} onClose={() => setCancelOpen(false)} title={t("bookings.cancelTitle")}>
        <Stack gap="md">
          <Text size="sm">{t("bookings.cancelBody")}</Text>
          <Textarea
            label={t("bookings.cancelNote")}
            autosize
            minRows={2}
            maxLength={1000}
            value={cancelNote}
            onChange={(event) => setCancelNote(event.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setCancelOpen(false)}>
              {t("bookings.keepRequest")}
            </Button>
            <Button
              color="red"
              loading={busy === "cancel"}
              onClick={() => void run("cancel", { note: emptyToUndefined(cancelNote) })}
            >
              {t("bookings.yesCancel")}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  );
}
