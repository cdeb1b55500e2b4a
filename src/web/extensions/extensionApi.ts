// Qualification and order extensions: the shop's recommendations (from the completed inspection) and
// the extensions sent to the customer, plus the customer's side (portal and mailed link). The shop's
// keys start with "work-orders" and the portal's with ["portal", "extensions"], which the live stream
// (useLiveUpdates) refetches on `work-order.changed`.
import { useQuery } from "@tanstack/react-query";
import { api } from "../api";

export type Urgency = "attention" | "urgent";
export type Availability = "in_stock" | "next_day" | "on_order";
export const AVAILABILITIES: readonly Availability[] = ["in_stock", "next_day", "on_order"];
export type RecommendationStatus = "open" | "sent" | "approved" | "declined";
export type Pricing = "hourly" | "flat";

export interface Photo {
  id: string;
  url: string;
}

export interface RecommendationPart {
  id: string;
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  availability: Availability;
}

export interface Recommendation {
  id: string;
  description: string;
  /** What will be done, in words for the customer; null until the advisor writes it. */
  repairDescription: string | null;
  urgency: Urgency;
  note: string | null;
  pricing: Pricing;
  hoursMilli: number;
  /** Minor units; null while the labour is not priced yet. */
  unitPrice: number | null;
  taxRateBp: number;
  /** Goes on the next extension. */
  selected: boolean;
  status: RecommendationStatus;
  parts: RecommendationPart[];
  photos: Photo[];
  net: number;
  gross: number;
  version: number;
}

export interface ExtensionItem {
  id: string;
  description: string;
  repairDescription: string | null;
  urgency: Urgency;
  note: string | null;
  pricing: Pricing;
  hoursMilli: number;
  unitPrice: number | null;
  taxRateBp: number;
  parts: Omit<RecommendationPart, "id">[];
  photos: Photo[];
  net: number;
  gross: number;
}

export interface Extension {
  id: string;
  workOrderId: string;
  status: "sent" | "decided";
  workOrderNumber: string;
  unitLabel: string;
  plate: string | null;
  currency: string;
  note: string | null;
  sentBy: string;
  sentAt: string;
  items: ExtensionItem[];
  totals: { net: number; tax: number; gross: number; byRate: { rateBp: number; net: number; tax: number }[] };
  decision: null | {
    by: string;
    at: string;
    approvedIds: string[];
    declinedIds: string[];
    ip: string | null;
    userAgent: string | null;
  };
}

export interface Qualification {
  /** The location's hourly labour rate: an unpriced item's starting Price per hour. */
  labourRate: number;
  recommendations: Recommendation[];
  extensions: Extension[];
}

export interface ExtensionLinkView {
  extension: Extension;
  shopName: string;
  linkUsed: boolean;
}

export interface Decision {
  recommendationId: string;
  approve: boolean;
}

export const extensionKeys = {
  qualification: (workOrderId: string) => ["work-orders", workOrderId, "recommendations"] as const,
  portalAll: ["portal", "extensions"] as const,
  portalList: (status: string) => ["portal", "extensions", "list", status] as const,
  portalDetail: (id: string) => ["portal", "extensions", "detail", id] as const,
  link: (token: string) => ["extension-link", token] as const,
};

export function useQualification(workOrderId: string) {
  return useQuery({
    queryKey: extensionKeys.qualification(workOrderId),
    queryFn: ({ signal }) =>
      api.get<Qualification>(
        `/api/v1/work-orders/${encodeURIComponent(workOrderId)}/recommendations`,
        undefined,
        signal,
      ),
  });
}

export function usePortalExtensions(status?: "sent" | "decided") {
  return useQuery({
    queryKey: extensionKeys.portalList(status ?? "all"),
    queryFn: ({ signal }) =>
      api.get<{ items: Extension[] }>("/api/v1/portal/extensions", status ? { status } : undefined, signal),
  });
}

/** How many extensions wait for the customer's decision (the nav badge). */
export function useWaitingExtensionsCount() {
  const query = usePortalExtensions("sent");
  return query.data?.items.length ?? 0;
}

export function usePortalExtension(id: string) {
  return useQuery({
    queryKey: extensionKeys.portalDetail(id),
    queryFn: ({ signal }) =>
      api.get<Extension>(`/api/v1/portal/extensions/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** Gross of the approved items (or of the given ids). */
export function grossOf(extension: Extension, ids: Iterable<string>) {
  const set = new Set(ids);
  return extension.items.filter((i) => set.has(i.id)).reduce((sum, i) => sum + i.gross, 0);
}
