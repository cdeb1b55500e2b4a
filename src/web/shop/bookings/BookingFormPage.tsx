import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { api, isApiError } from "../../api";
import { type BookingRequest, bookingKeys } from "../../bookings/bookingApi";
import { DateTimeFields } from "../../bookings/bookingUi";
import { applyServerErrors, emptyToUndefined, focusFirstInvalid } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { FormError, PageHeader } from "../../shared/ui";
import { CustomerSelect } from "../units/CustomerSelect";
import { unitTitle, useUnitList } from "../units/unitApi";

interface Values {
  customerId: string;
  unitId: string;
  date: string;
  time: string;
  notes: string;
  confirmNow: boolean;
  overrideCapacity: boolean;
}

/** A booking taken by phone or at the counter (POST /api/v1/booking-requests). */
export function BookingFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [capacityProblem, setCapacityProblem] = useState<string | null>(null);

  const form = useForm<Values>({
    initialValues: {
      customerId: searchParams.get("customerId") ?? "",
      unitId: "",
      date: "",
      time: "",
      notes: "",
      confirmNow: false,
      overrideCapacity: false,
    },
    validate: {
      customerId: (value) => (value ? null : t("errors.required")),
      unitId: (value) => (value ? null : t("errors.required")),
      date: (value) => (value ? null : t("errors.required")),
      time: (value) => (value ? null : t("errors.required")),
    },
  });
  const customerId = form.values.customerId;
  const units = useUnitList({ customerId: customerId || undefined, offset: 0, limit: 100 });
  const unitOptions = customerId
    ? (units.data?.items ?? [])
        .filter((unit) => unit.customerId === customerId)
        .map((unit) => ({
          value: unit.id,
          label: unit.fleetNumber ? `${unitTitle(unit)} · #${unit.fleetNumber}` : unitTitle(unit),
        }))
    : [];

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const booking = await api.post<BookingRequest>("/api/v1/booking-requests", {
          unitId: values.unitId,
          date: values.date,
          time: values.time,
          notes: emptyToUndefined(values.notes),
          confirmNow: values.confirmNow,
          overrideCapacity: capacityProblem ? values.overrideCapacity : false,
        });
        queryClient.setQueryData(bookingKeys.shopDetail(booking.id), booking);
        void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
        notifySuccess(t("bookings.created"));
        navigate(`/shop/bookings/${booking.id}`);
      } catch (error) {
        if (isApiError(error) && error.status === 409 && error.hasType("capacity-exceeded")) {
          setCapacityProblem(error.detail);
          return;
        }
        setFormError(applyServerErrors(form, error, { date: "date", time: "time" }));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return (
    <>
      <PageHeader title={t("bookings.newBookingTitle")} description={t("bookings.newBookingHint")} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} maw={720}>
          <Stack gap="md">
            <FormError message={formError} />
            <CustomerSelect
              required
              value={customerId}
              onChange={(value) => {
                form.setFieldValue("customerId", value);
                form.setFieldValue("unitId", "");
              }}
              error={form.errors.customerId}
            />
            <Select
              label={t("bookings.form.unit")}
              required
              data={unitOptions}
              disabled={!customerId}
              placeholder={customerId ? undefined : t("bookings.form.pickCustomerFirst")}
              nothingFoundMessage={t("bookings.form.noUnits")}
              searchable
              {...form.getInputProps("unitId")}
              value={form.values.unitId || null}
              onChange={(value) => form.setFieldValue("unitId", value ?? "")}
            />
            <DateTimeFields
              scope="shop"
              date={form.values.date}
              time={form.values.time}
              onDateChange={(value) => form.setFieldValue("date", value)}
              onTimeChange={(value) => form.setFieldValue("time", value)}
              dateError={form.errors.date}
              timeError={form.errors.time}
            />
            <Textarea
              label={t("bookings.form.notes")}
              autosize
              minRows={3}
              maxLength={2000}
              {...form.getInputProps("notes")}
            />
            <Checkbox
              label={t("bookings.form.confirmNow")}
              description={t("bookings.form.confirmNowHint")}
              {...form.getInputProps("confirmNow", { type: "checkbox" })}
            />
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
                    {...form.getInputProps("overrideCapacity", { type: "checkbox" })}
                  />
                </Stack>
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate("/shop/bookings")}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t("bookings.form.save")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
    </>
  );
}
