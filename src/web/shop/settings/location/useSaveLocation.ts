import type { UseFormReturnType } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../../api";
import { parseScaled } from "../../../estimates/estimateApi";
import { applyServerErrors, emptyToNull, focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import { sessionKey } from "../../../shared/session";
import type { LocationSettings } from "../../../types";
import { invoiceKeys } from "../../invoices/invoiceApi";
import { locationKey } from "./locationApi";
import { directorsOf, EDITABLE, type FormValues } from "./locationValues";

/** Saves the location at the version it was loaded at; a 409 is a conflict to reload. */
export function useSaveLocation(
  location: LocationSettings,
  form: UseFormReturnType<FormValues>,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(false);
      const body: Record<string, unknown> = {};
      for (const field of EDITABLE) body[field] = emptyToNull(values[field]);
      body.managingDirectors = directorsOf(values.managingDirectors);
      body.country = values.country.trim().toUpperCase();
      const labourRate = parseScaled(values.labourRate, 100);
      if (labourRate !== null) body.labourRate = labourRate;
      if (location.eInvoiceDefault !== undefined) body.eInvoiceDefault = values.eInvoiceDefault;
      if (location.version !== undefined) body.version = location.version;
      try {
        const saved = await api.patch<LocationSettings>("/api/v1/settings/location", body);
        if (saved) queryClient.setQueryData(locationKey, saved);
        await queryClient.invalidateQueries({ queryKey: locationKey });
        // The header shows the location name and dates use its time zone.
        await queryClient.invalidateQueries({ queryKey: sessionKey });
        // An invoice's e-invoice may lack the shop's details no longer.
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.eInvoiceChecks });
        notifySuccess(t("settings.saved"));
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          setConflict(true);
          return;
        }
        setFormError(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  return { submit, formError, conflict };
}
