// What every invoice dialog does with its one request: busy while it runs, the server's problem as
// the form's error unless the dialog puts it under a field itself.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import type { Invoice } from "./invoiceApi";
import { problemText } from "./invoiceUi";

export interface InvoiceDialogProps {
  invoice: Invoice;
  onClose: () => void;
  onDone: () => void;
}

/** Runs one request with busy and error state; true when it succeeded. */
export function useInvoiceAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>, onError?: (err: unknown) => boolean) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      if (!onError?.(err)) setError(problemText(err, t("errors.saveFailed")));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

export function fieldError(err: unknown, field: string): string | null {
  if (!isApiError(err)) return null;
  return err.fieldErrors.find((e) => e.field === field)?.message ?? null;
}
