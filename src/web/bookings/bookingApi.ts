import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../api";
import type { ActorKind } from "../shared/actorName";
import type { ListResponse } from "../types";

export type BookingStatus =
  | "new"
  | "awaiting_customer"
  | "awaiting_shop"
  | "confirmed"
  | "declined"
  | "cancelled";
export type BookingSide = "shop" | "customer";
export type BookingAction = "submit" | "suggest" | "counter" | "confirm" | "accept" | "decline" | "cancel";

export const BOOKING_STATUSES: readonly BookingStatus[] = [
  "new",
  "awaiting_shop",
  "awaiting_customer",
  "confirmed",
  "declined",
  "cancelled",
];
export const OPEN_STATUSES: readonly BookingStatus[] = ["new", "awaiting_shop", "awaiting_customer"];

export interface BookingHistoryEntry {
  at: string;
  action: BookingAction | string;
  by: string;
  byKind: ActorKind;
  side: BookingSide | "system";
  fromStatus: string | null;
  toStatus: string | null;
  date: string | null;
  time: string | null;
  note: string | null;
}

export interface BookingRequest {
  id: string;
  status: BookingStatus;
  nextMove: BookingSide | null;
  moves: string[];
  customerId: string;
  customerName: string;
  unitId: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
  requestedDate: string;
  requestedTime: string;
  proposedDate: string;
  proposedTime: string;
  proposedBy: BookingSide;
  timeZone: string;
  notes: string | null;
  declineReason: string | null;
  capacityOverride: boolean;
  estimateId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  history?: BookingHistoryEntry[];
}

export interface BookingSlots {
  date: string;
  timeZone: string;
  capacityPerHour: number;
  slots: { time: string; free: number }[];
}

export interface BookingLinkView {
  booking: BookingRequest;
  shopName: string;
  linkUsed: boolean;
}

/**
 * Where a day's free slots come from: the shop's or the portal's endpoint (session), the public
 * endpoint of a mailed booking link (by its token), or nowhere (null: no slot chips).
 */
export type SlotsSource = "shop" | "portal" | { linkToken: string } | null;

function slotsPath(source: Exclude<SlotsSource, null>): string {
  if (source === "shop") return "/api/v1/booking-slots";
  if (source === "portal") return "/api/v1/portal/booking-slots";
  return `/api/v1/links/booking/${encodeURIComponent(source.linkToken)}/slots`;
}

/** Everything booking-related starts with "bookings", so live updates can refresh it all at once. */
export const bookingKeys = {
  all: ["bookings"] as const,
  shopList: (params: { status: string; q: string; offset: number }) =>
    ["bookings", "shop", "list", params] as const,
  shopDetail: (id: string) => ["bookings", "shop", "detail", id] as const,
  portalList: () => ["bookings", "portal", "list"] as const,
  portalDetail: (id: string) => ["bookings", "portal", "detail", id] as const,
  link: (token: string) => ["bookings", "link", token] as const,
  slots: (source: Exclude<SlotsSource, null>, date: string) =>
    typeof source === "string"
      ? (["bookings", "slots", source, date] as const)
      : (["bookings", "slots", "link", source.linkToken, date] as const),
};

export const BOOKING_PAGE_SIZE = 25;

export function useShopBookings(params: { status: string; q: string; offset: number }) {
  return useQuery({
    queryKey: bookingKeys.shopList(params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<BookingRequest>>(
        "/api/v1/booking-requests",
        { status: params.status, q: params.q, limit: BOOKING_PAGE_SIZE, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useShopBooking(id: string) {
  return useQuery({
    queryKey: bookingKeys.shopDetail(id),
    queryFn: ({ signal }) =>
      api.get<BookingRequest>(`/api/v1/booking-requests/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** One page of the customer's booking requests, newest first (a fleet may hold thousands). */
export function usePortalBookings(offset: number, limit: number) {
  return useQuery({
    queryKey: [...bookingKeys.portalList(), offset, limit],
    queryFn: ({ signal }) =>
      api.get<ListResponse<BookingRequest>>("/api/v1/portal/booking-requests", { limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePortalBooking(id: string) {
  return useQuery({
    queryKey: bookingKeys.portalDetail(id),
    queryFn: ({ signal }) =>
      api.get<BookingRequest>(`/api/v1/portal/booking-requests/${encodeURIComponent(id)}`, undefined, signal),
  });
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Free hourly slots of a day (shop, portal or mailed-link endpoint); disabled until the date is complete. */
export function useBookingSlots(source: SlotsSource, date: string) {
  return useQuery({
    queryKey: bookingKeys.slots(source ?? "portal", date),
    queryFn: ({ signal }) => api.get<BookingSlots>(slotsPath(source ?? "portal"), { date }, signal),
    enabled: source !== null && DATE_PATTERN.test(date),
  });
}
