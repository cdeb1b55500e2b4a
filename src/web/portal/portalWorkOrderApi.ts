// The fleet customer's work orders: Awaiting Authorization, Repair Orders – History (with the PO search
// and the CSV export), one work order with its jobs and billing, the PO number and Authorize Invoice.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, buildUrl } from "../api";
import type { ListResponse } from "../types";

export const portalWorkOrderStatuses = [
  "in_progress",
  "unit_ready",
  "ready_to_submit",
  "awaiting_authorization",
  "invoiced",
] as const;
export type PortalWorkOrderStatus = (typeof portalWorkOrderStatuses)[number];

export function isPortalWorkOrderStatus(value: string): value is PortalWorkOrderStatus {
  return (portalWorkOrderStatuses as readonly string[]).includes(value);
}

export interface PortalWorkOrderSummary {
  id: string;
  number: string;
  status: PortalWorkOrderStatus;
  customerId: string;
  customerName: string;
  unitId: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
  poNumber: string | null;
  currency: string;
  requiresAuthorisation: boolean;
  waitingForParts: boolean;
  openedAt: string;
  unitReadyAt: string | null;
  readyToSubmitAt: string | null;
  invoicedAt: string | null;
  /** Minor units; frozen once invoiced, else as the clock and parts stand now. */
  gross: number;
  version: number;
}

export interface PortalWorkOrderPart {
  id: string;
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
}

export interface PortalWorkOrderJob {
  id: string;
  description: string;
  pricing: "hourly" | "flat";
  estimatedHoursMilli: number;
  clockedHoursMilli: number;
  unitPrice: number;
  taxRateBp: number;
  status: "to_do" | "started" | "done";
  parts: PortalWorkOrderPart[];
}

export interface PortalBillingLine {
  kind: "labour" | "part";
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
}

export interface PortalWorkOrder extends PortalWorkOrderSummary {
  jobs: PortalWorkOrderJob[];
  billing: {
    lines: PortalBillingLine[];
    totals: {
      net: number;
      tax: number;
      gross: number;
      byRate: { rateBp: number; net: number; tax: number }[];
    };
  };
  /** The issued invoice (authorising issues it); null until the shop has issued one. */
  invoice: {
    id: string;
    number: string | null;
    status: "draft" | "issued";
    gross: number;
    open: number;
    dueDate: string | null;
  } | null;
  moves: string[];
}

export const portalInvoicePdfHref = (invoiceId: string) =>
  `/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}/pdf`;

export interface PortalWorkOrderFilters {
  status?: string;
  po?: string;
}

export const portalWorkOrderKeys = {
  all: ["portal", "work-orders"] as const,
  list: (filters: PortalWorkOrderFilters, offset: number, limit: number) =>
    ["portal", "work-orders", "list", filters.status ?? "", filters.po ?? "", offset, limit] as const,
  detail: (id: string) => ["portal", "work-orders", "detail", id] as const,
};

const base = "/api/v1/portal/work-orders";

export function usePortalWorkOrders(filters: PortalWorkOrderFilters, offset: number, limit: number) {
  return useQuery({
    queryKey: portalWorkOrderKeys.list(filters, offset, limit),
    queryFn: ({ signal }) =>
      api.get<ListResponse<PortalWorkOrderSummary>>(
        base,
        { status: filters.status, po: filters.po, limit, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** How many work orders wait for the customer's authorisation (for the navigation badge). */
export function useAwaitingAuthorizationCount() {
  const query = useQuery({
    queryKey: portalWorkOrderKeys.list({ status: "awaiting_authorization" }, 0, 1),
    queryFn: ({ signal }) =>
      api.get<ListResponse<PortalWorkOrderSummary>>(
        base,
        { status: "awaiting_authorization", limit: 1, offset: 0 },
        signal,
      ),
    staleTime: 30_000,
  });
  return query.data?.total ?? 0;
}

export function usePortalWorkOrder(id: string) {
  return useQuery({
    queryKey: portalWorkOrderKeys.detail(id),
    queryFn: ({ signal }) => api.get<PortalWorkOrder>(`${base}/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function savePoNumber(id: string, poNumber: string | null) {
  return api.patch<PortalWorkOrder>(`${base}/${encodeURIComponent(id)}`, { poNumber });
}

export function authorizeInvoice(id: string, poNumber: string | null) {
  return api.post<PortalWorkOrder>(`${base}/${encodeURIComponent(id)}/authorize`, { poNumber });
}

/** The CSV of the listed repair orders, with the same filters as the list. */
export function exportHref(filters: PortalWorkOrderFilters): string {
  return buildUrl(`${base}/export`, { status: filters.status, po: filters.po });
}
