// Vehicle inspections (health checks) on a work order, their templates and the staff notifications
// they raise: API shapes, query keys and hooks. The inspection key starts with "work-orders", so the
// live stream (useLiveUpdates) refetches it on every `work-order.changed`.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { defaultText } from "../../../domain/inspection";
import type { NoticeParams } from "../../../domain/notices";
import { ApiError, api } from "../../api";
import { i18n, isLanguage } from "../../i18n";

export type Rating = "ok" | "attention" | "urgent";
export const RATINGS: readonly Rating[] = ["ok", "attention", "urgent"];

export interface InspectionPhoto {
  id: string;
  url: string;
  width: number;
  height: number;
  rejected: boolean;
  rejectionNote: string | null;
  createdAt: string;
}

export interface InspectionItem {
  id: string;
  area: string;
  label: string;
  rating: Rating | null;
  note: string | null;
  partsNeeded: boolean;
  version: number;
  photos: InspectionPhoto[];
}

export interface Inspection {
  id: string;
  templateName: string;
  status: "in_progress" | "complete";
  completedAt: string | null;
  areas: { area: string; items: InspectionItem[] }[];
  counts: { ok: number; attention: number; urgent: number; open: number };
}

export interface InspectionResponse {
  inspection: Inspection | null;
}

export interface TemplateItem {
  area: string;
  label: string;
}

export interface InspectionTemplate {
  id: string;
  name: string;
  items: TemplateItem[];
  isDefault: boolean;
  version: number;
}

export const inspectionKey = (workOrderId: string) => ["work-orders", workOrderId, "inspection"] as const;
export const templatesKey = ["inspection-templates"] as const;

/** The reader's language for the default checklist's words (domain/inspection `defaultText`). */
function useDefaultText() {
  const { i18n: instance } = useTranslation();
  const language = isLanguage(instance.resolvedLanguage) ? instance.resolvedLanguage : "en";
  return useCallback((text: string) => defaultText(text, language), [language]);
}

export function useInspection(workOrderId: string) {
  const say = useDefaultText();
  return useQuery({
    queryKey: inspectionKey(workOrderId),
    queryFn: ({ signal }) =>
      api.get<InspectionResponse>(
        `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/inspection`,
        undefined,
        signal,
      ),
    // The default checklist reads in the reader's language; the cache keeps what the server said.
    select: useCallback(
      (data: InspectionResponse): InspectionResponse =>
        data.inspection
          ? {
              inspection: {
                ...data.inspection,
                templateName: say(data.inspection.templateName),
                areas: data.inspection.areas.map((a) => ({
                  area: say(a.area),
                  items: a.items.map((i) => ({ ...i, area: say(i.area), label: say(i.label) })),
                })),
              },
            }
          : data,
      [say],
    ),
  });
}

/** Puts an answer of any inspection call into the cache. */
export function useApplyInspection(workOrderId: string) {
  const queryClient = useQueryClient();
  return (response: InspectionResponse) => queryClient.setQueryData(inspectionKey(workOrderId), response);
}

export function useTemplates() {
  const say = useDefaultText();
  return useQuery({
    queryKey: templatesKey,
    queryFn: ({ signal }) =>
      api.get<{ items: InspectionTemplate[] }>("/api/v1/inspection-templates", undefined, signal),
    select: useCallback(
      (data: { items: InspectionTemplate[] }) => ({
        items: data.items.map((t) => ({
          ...t,
          name: say(t.name),
          items: t.items.map((i) => ({ area: say(i.area), label: say(i.label) })),
        })),
      }),
      [say],
    ),
  });
}

/** Largest photo the server takes (it answers 413 above this). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * POST a photo as multipart/form-data (field "photo"). XMLHttpRequest rather than fetch so the
 * technician sees upload progress on slow shop Wi-Fi; same CSRF header as the JSON client.
 */
export function uploadPhoto(
  itemId: string,
  file: File,
  csrfToken: string,
  onProgress: (fraction: number) => void,
): Promise<InspectionResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/inspection-items/${encodeURIComponent(itemId)}/photos`);
    xhr.setRequestHeader("accept", "application/json, application/problem+json");
    xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, {}, i18n.t("errors.network")));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as InspectionResponse);
        return;
      }
      const problem = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
      reject(new ApiError(xhr.status, problem, i18n.t("errors.http", { status: xhr.status })));
    };
    const form = new FormData();
    form.append("photo", file, file.name);
    xhr.send(form);
  });
}

export interface StaffNotification {
  id: string;
  kind: string;
  /** The facts the notice names; the bell says it in the reader's language from them. */
  params: NoticeParams | null;
  /** The notice in English, for kinds this app does not know. */
  title: string;
  body: string | null;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationsResponse {
  items: StaffNotification[];
  unread: number;
  notifyByEmail: boolean;
}

export const notificationsKey = ["notifications"] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api.get<NotificationsResponse>("/api/v1/notifications", undefined, signal),
  });
}
