import { useQueryClient } from "@tanstack/react-query";
import { type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, isApiError } from "../../../api";
import { focusFirstInvalid } from "../../../shared/forms";
import { notifySuccess } from "../../../shared/notify";
import {
  type Invoice,
  type InvoiceDetail,
  type InvoiceLineInput,
  invoiceKeys,
  invoicePath,
} from "../invoiceApi";
import { type InvoiceFormState, serverErrors, toInputs } from "./invoiceFormValues";

/**
 * Saves the form: a new draft, or the draft's changes at the version it was loaded at. A 409 is a
 * conflict to reload; the server's field errors go under their inputs.
 */
export function useSaveInvoice(
  invoice: Invoice | null,
  form: InvoiceFormState,
  formRef: RefObject<HTMLFormElement | null>,
) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      setConflict(null);
      const lines = toInputs(values.lines).filter((line): line is InvoiceLineInput => line !== null);
      try {
        const saved = invoice
          ? await api.patch<InvoiceDetail>(invoicePath(invoice.id), {
              unitId: values.unitId || null,
              lines,
              serviceDate: values.serviceDate || null,
              dueDate: values.dueDate || null,
              poNumber: values.poNumber.trim() || null,
              note: values.note.trim() || null,
              version: invoice.version,
            })
          : await api.post<InvoiceDetail>("/api/v1/invoices", {
              customerId: values.customerId,
              unitId: values.unitId || undefined,
              lines,
              serviceDate: values.serviceDate || undefined,
              dueDate: values.dueDate || undefined,
              poNumber: values.poNumber.trim() || undefined,
              note: values.note.trim() || undefined,
            });
        queryClient.setQueryData(invoiceKeys.detail(saved.id), saved);
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
        notifySuccess(t(invoice ? "invoices.saved" : "invoices.created"));
        form.resetDirty();
        navigate(`/shop/invoices/${saved.id}`);
      } catch (error) {
        if (isApiError(error) && error.status === 409) {
          setConflict(error.detail || t("invoices.stale"));
          return;
        }
        const { fields, rest } = serverErrors(error, values);
        form.setErrors(fields);
        setFormError(rest ?? (Object.keys(fields).length > 0 ? t("errors.checkFields") : null));
        focusFirstInvalid(formRef.current);
      }
    },
    () => focusFirstInvalid(formRef.current),
  );

  const reload = () => {
    setConflict(null);
    if (invoice) void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) });
  };

  return { submit, formError, conflict, reload };
}
