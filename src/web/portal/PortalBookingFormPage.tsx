import { Anchor, Button, Group, Paper, Select, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../api";
import { type BookingRequest, bookingKeys } from "../bookings/bookingApi";
import { DateTimeFields } from "../bookings/bookingUi";
import { applyServerErrors, emptyToUndefined, focusFirstInvalid } from "../shared/forms";
import { notifySuccess } from "../shared/notify";
import { useCurrentSession } from "../shared/session";
import { FormError, PageHeader } from "../shared/ui";
import { usePortalUnits } from "./portalApi";

interface Values {
  unitId: string;
  date: string;
  time: string;
  notes: string;
}

/** The customer asks for a time (POST /api/v1/portal/booking-requests). */
export function PortalBookingFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const units = usePortalUnits("", 0);
  const { location } = useCurrentSession();
  const form = useForm<Values>({
    initialValues: { unitId: "", date: "", time: "", notes: "" },
    validate: {
      unitId: (value) => (value ? null : t("errors.required")),
      date: (value) => (value ? null : t("errors.required")),
      time: (value) => (value ? null : t("errors.required")),
    },
  });
  const unitOptions = (units.data?.items ?? []).map((unit) => {
    const name = `${unit.make} ${unit.model}`.trim();
    return { value: unit.id, label: unit.plate ? `${name} (${unit.plate})` : name };
  });

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const booking = await api.post<BookingRequest>("/api/v1/portal/booking-requests", {
          unitId: values.unitId,
          date: values.date,
          time: values.time,
          notes: emptyToUndefined(values.notes),
        });
        queryClient.setQueryData(bookingKeys.portalDetail(booking.id), booking);
        await queryClient.invalidateQueries({ queryKey: bookingKeys.all });
        notifySuccess(t("bookings.portal.submitted"));
        navigate("/portal/bookings");
      } catch (error) {
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <>
      <PageHeader title={t("bookings.portal.submitRequest")} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} maw={720}>
          <Stack gap="md">
            <FormError message={formError} />
            <Stack gap={4}>
              <Select
                label={t("bookings.form.unit")}
                required
                data={unitOptions}
                placeholder={units.isPending ? t("common.loading") : t("bookings.form.pickUnit")}
                nothingFoundMessage={t("bookings.form.noUnits")}
                error={form.errors.unitId}
                value={form.values.unitId || null}
                onChange={(value) => form.setFieldValue("unitId", value ?? "")}
              />
              <Anchor component={Link} to="/portal/units/new" size="sm">
                {t("portal.newUnit")}
              </Anchor>
            </Stack>
            <DateTimeFields
              scope="portal"
              date={form.values.date}
              time={form.values.time}
              onDateChange={(value) => form.setFieldValue("date", value)}
              onTimeChange={(value) => form.setFieldValue("time", value)}
              dateError={form.errors.date}
              timeError={form.errors.time}
              timeZone={location.timeZone}
            />
            <Textarea
              label={t("bookings.form.bookingNotes")}
              description={t("bookings.form.bookingNotesHint")}
              autosize
              minRows={3}
              maxLength={2000}
              {...form.getInputProps("notes")}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate("/portal/bookings")}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t("bookings.portal.submitButton")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
    </>
  );
}
