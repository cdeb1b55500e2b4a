import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, isApiError } from "../../api";
import { normaliseField } from "../../shared/forms";
import { notifySuccess } from "../../shared/notify";
import { errorMessage } from "../../shared/ui";
import { type Estimate, type EstimateLabour, type EstimateVersion, flatten } from "../estimateApi";

/**
 * Disputing lines: which the customer ticks, the note each needs, and sending them; a field error
 * the server gives for a line's note shows at that line.
 */
export function useDispute({
  labour,
  current,
  base,
  applied,
  handleConflict,
}: {
  labour: EstimateLabour[];
  current: EstimateVersion | undefined;
  base: string;
  applied: (next: Estimate) => void;
  handleConflict: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"view" | "dispute">("view");
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<string, string>>({});
  const [disputeError, setDisputeError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const disputeRef = useRef<HTMLDivElement>(null);

  const sendDispute = async () => {
    const lines = flatten(labour).filter((line) => picked[line.id]);
    setDisputeError(null);
    if (lines.length === 0) {
      setDisputeError(t("estimates.portal.disputeNone"));
      return;
    }
    const errors: Record<string, string> = {};
    for (const line of lines) {
      if (!(notes[line.id] ?? "").trim()) errors[line.id] = t("estimates.portal.noteRequired");
    }
    setNoteErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() =>
        disputeRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setSending(true);
    try {
      const next = await api.post<Estimate>(`${base}/dispute`, {
        versionNo: current?.versionNo,
        lines: lines.map((line) => ({ lineId: line.id, note: (notes[line.id] ?? "").trim() })),
      });
      applied(next);
      setMode("view");
      notifySuccess(t("estimates.portal.disputeSent"));
    } catch (error) {
      if (handleConflict(error)) return;
      const fieldErrors: Record<string, string> = {};
      const leftovers: string[] = [];
      if (isApiError(error)) {
        for (const { field, message } of error.fieldErrors) {
          const match = /^lines\.(\d+)\.note$/.exec(normaliseField(field));
          const line = match ? lines[Number(match[1])] : undefined;
          if (line) fieldErrors[line.id] = message;
          else leftovers.push(message);
        }
      }
      setNoteErrors(fieldErrors);
      setDisputeError(
        Object.keys(fieldErrors).length > 0 && leftovers.length === 0
          ? t("errors.checkFields")
          : errorMessage(error, t("errors.saveFailed")),
      );
    } finally {
      setSending(false);
    }
  };
  return {
    mode,
    setMode,
    picked,
    setPicked,
    notes,
    setNotes,
    noteErrors,
    disputeError,
    setDisputeError,
    sending,
    sendDispute,
    disputeRef,
  };
}

export type Dispute = ReturnType<typeof useDispute>;
