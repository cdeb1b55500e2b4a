import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { notifySuccess } from "../../shared/notify";
import { useCurrentSession } from "../../shared/session";
import { errorMessage } from "../../shared/ui";
import {
  type InspectionItem,
  type InspectionResponse,
  inspectionKey,
  MAX_PHOTO_BYTES,
  uploadPhoto,
  useApplyInspection,
} from "./inspectionApi";
import type { Saver } from "./useItemSaver";

/** An item's rating, note and "parts needed" as the technician changes them, each saved in turn. */
export function useItemEdits(item: InspectionItem, workOrderId: string, save: Saver) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState(item.note ?? "");
  // Local copies so a tap shows at once (the query cache notifies on the next tick).
  const [rating, setRating] = useState(item.rating);
  const [partsNeeded, setPartsNeeded] = useState(item.partsNeeded);
  // While this item has saves under way, an answer to an earlier one (or a live refetch) must not
  // undo a later tap: follow the server only when nothing is pending.
  const pending = useRef(0);
  useEffect(() => {
    if (pending.current > 0) return;
    setRating(item.rating);
    setPartsNeeded(item.partsNeeded);
  }, [item.rating, item.partsNeeded]);
  const cachedItem = () =>
    queryClient
      .getQueryData<InspectionResponse>(inspectionKey(workOrderId))
      ?.inspection?.areas.flatMap((a) => a.items)
      .find((i) => i.id === item.id);
  const [error, setError] = useState<string | null>(null);

  // Follow the server's note (someone else's change, a reload) unless the user is typing in it.
  useEffect(() => {
    if (document.activeElement !== noteRef.current) setNote(item.note ?? "");
  }, [item.note]);

  const change = async (patch: Partial<Pick<InspectionItem, "rating" | "note" | "partsNeeded">>) => {
    setError(null);
    pending.current += 1;
    try {
      await save(item.id, patch);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        await queryClient.invalidateQueries({ queryKey: inspectionKey(workOrderId) });
        setNote(cachedItem()?.note ?? "");
        setError(e.hasType("stale-version") ? t("inspection.stale", { item: item.label }) : e.detail);
        return;
      }
      setError(errorMessage(e, t("errors.saveFailed")));
      // Drop the optimistic change: show what the server holds.
      await queryClient.invalidateQueries({ queryKey: inspectionKey(workOrderId) });
    } finally {
      pending.current -= 1;
      const latest = pending.current === 0 ? cachedItem() : undefined;
      if (latest) {
        setRating(latest.rating);
        setPartsNeeded(latest.partsNeeded);
      }
    }
  };

  const saveNote = () => {
    const value = note.trim();
    if (value === (item.note ?? "")) return;
    void change({ note: value || null });
  };
  return { noteRef, note, setNote, rating, setRating, partsNeeded, setPartsNeeded, error, change, saveNote };
}

/** A photo from the camera, uploaded with its progress; too large or not a photo says so. */
export function usePhotoUpload(item: InspectionItem, workOrderId: string) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const apply = useApplyInspection(workOrderId);
  const fileRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);

  const addPhoto = async (file: File) => {
    setPhotoError(null);
    if (file.size > MAX_PHOTO_BYTES) {
      setPhotoError(t("inspection.photoTooLarge"));
      return;
    }
    setProgress(0);
    try {
      apply(await uploadPhoto(item.id, file, session.csrfToken, setProgress));
      notifySuccess(t("inspection.photoAdded"));
    } catch (e) {
      if (isApiError(e) && e.status === 413) setPhotoError(t("inspection.photoTooLarge"));
      else if (isApiError(e) && e.status === 415) setPhotoError(t("inspection.notAPhoto"));
      else setPhotoError(errorMessage(e, t("errors.saveFailed")));
    } finally {
      setProgress(null);
      if (fileRef.current) fileRef.current.value = "";
    }
  };
  return { fileRef, progress, photoError, addPhoto };
}
