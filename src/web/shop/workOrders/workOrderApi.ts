// Work orders (repair orders), the Service Board and the technician's clock: API shapes, query keys and
// hooks. Everything here starts with "service-board", "work-orders" or "clock", which the live stream
// (useLiveUpdates) refetches on `work-order.changed` and `estimate.changed`.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { JobStatus, ShopWorkOrderEvent, WorkOrderStatus } from "../../../domain/work-order";
import { api } from "../../api";
import type { EstimateTotals } from "../../estimates/estimateApi";
import type { ActorKind } from "../../shared/actorName";
import type { ListResponse } from "../../types";

// The unions come from the domain, so a status or move the server can send and the screens have
// no text for fails typecheck at t(`workOrders.moves.${move}`) instead of showing the raw key.
export type { JobStatus, WorkOrderStatus };

export const WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  "in_progress",
  "unit_ready",
  "ready_to_submit",
  "awaiting_authorization",
  "invoiced",
];

/** Approved work on a unit that is not on a work order yet (Work Required). */
export interface WorkItem {
  id: string;
  unitId: string;
  /** Null for work that did not come from an estimate (e.g. an approved order extension). */
  estimateId: string | null;
  estimateNumber: string | null;
  labourLineId: string | null;
  versionNo: number | null;
  description: string;
  net: number;
  currency: string;
  status: "required" | "declined";
  createdAt: string;
}

export type UnitWorkStatus = "required" | "on_order" | "done" | "invoiced" | "declined";

/** A unit's work as it stands (GET /units/{id}/work-items), from its estimates and its work orders. */
export interface UnitWork {
  id: string;
  workItemId: string | null;
  estimateId: string | null;
  estimateNumber: string | null;
  description: string;
  net: number;
  currency: string;
  status: UnitWorkStatus;
  workOrder: { id: string; number: string } | null;
  createdAt: string;
}

export type BoardColumn =
  | "work_required"
  | "in_progress"
  | "waiting_customer"
  | "waiting_parts"
  | "unit_ready"
  | "ready_to_submit";

export const BOARD_COLUMNS: readonly BoardColumn[] = [
  "work_required",
  "in_progress",
  "waiting_customer",
  "waiting_parts",
  "unit_ready",
  "ready_to_submit",
];

export interface ClockedOn {
  id: string;
  name: string;
}

export interface BoardCard {
  unitId: string;
  unitLabel: string;
  plate: string | null;
  fleetNumber: string | null;
  customerName: string;
  column: BoardColumn;
  workOrder: null | {
    id: string;
    number: string;
    status: WorkOrderStatus;
    waitingForParts: boolean;
    requiresAuthorisation: boolean;
    jobsDone: number;
    jobsTotal: number;
    clockedOn: (ClockedOn & { job: string })[];
    technicianIds: string[];
  };
  /** Approved work not yet on a work order. */
  work: WorkItem[];
}

export interface ServiceBoard {
  items: BoardCard[];
  technicians: { id: string; name: string }[];
}

export interface WorkOrderSummary {
  id: string;
  number: string;
  status: WorkOrderStatus;
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
  /** Minor units. */
  gross: number;
  version: number;
}

export interface JobPart {
  id: string;
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
}

export interface Job {
  id: string;
  description: string;
  pricing: "hourly" | "flat";
  estimatedHoursMilli: number;
  clockedHoursMilli: number;
  /** Hours billed as the location bills (approved or clocked); null for a flat price. */
  billedHoursMilli: number | null;
  /** Billed hours differ from the approved by more than the location's tolerance. */
  beyondTolerance: boolean;
  /** The hourly rate, or the whole price of a flat job. */
  unitPrice: number;
  taxRateBp: number;
  status: JobStatus;
  finishedAt: string | null;
  clockedOn: (ClockedOn & { since: string })[];
  parts: JobPart[];
  timeEntries: { technicianId: string; technicianName: string; startedAt: string; endedAt: string | null }[];
}

/** What the server offers the shop (workOrderMoves(state, "shop")): never the customer's Authorize. */
export type WorkOrderMove = ShopWorkOrderEvent;

export interface WorkOrder extends WorkOrderSummary {
  billingPolicy: { mode: "approved" | "clocked"; tolerancePct: number };
  jobs: Job[];
  billing: {
    lines: {
      kind: "labour" | "part";
      description: string;
      partNumber: string | null;
      quantityMilli: number;
      unitPrice: number;
      taxRateBp: number;
      net: number;
    }[];
    totals: EstimateTotals;
  };
  moves: WorkOrderMove[];
  history: {
    at: string;
    action: string;
    by: string;
    byKind: ActorKind;
    note: string | null;
    fromStatus: WorkOrderStatus | null;
    toStatus: WorkOrderStatus | null;
  }[];
}

export interface RunningClock {
  jobId: string;
  job: string;
  workOrderId: string;
  workOrderNumber: string;
  unitId: string;
  since: string;
}

/** The URL segment of each move (POST /api/v1/work-orders/:id/<path>). */
export const MOVE_PATHS: Record<WorkOrderMove, string> = {
  unit_ready: "unit-ready",
  reopen: "reopen",
  ready_to_submit: "ready-to-submit",
  submit: "submit",
  invoice: "invoice",
};

export const workOrderKeys = {
  all: ["work-orders"] as const,
  list: (params: { status: string; q: string; offset: number }) => ["work-orders", "list", params] as const,
  detail: (id: string) => ["work-orders", "detail", id] as const,
  board: (params: { technician: string; column: string }) => ["service-board", params] as const,
  clock: ["clock"] as const,
};

export const WORK_ORDER_PAGE_SIZE = 25;

export function useServiceBoard(params: { technician: string; column: string }) {
  return useQuery({
    queryKey: workOrderKeys.board(params),
    queryFn: ({ signal }) => api.get<ServiceBoard>("/api/v1/service-board", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrders(params: { status: string; q: string; offset: number }) {
  return useQuery({
    queryKey: workOrderKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<WorkOrderSummary>>(
        "/api/v1/work-orders",
        { status: params.status, q: params.q, limit: WORK_ORDER_PAGE_SIZE, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrder(id: string) {
  return useQuery({
    queryKey: workOrderKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<WorkOrder>(`/api/v1/work-orders/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useClock(enabled: boolean) {
  return useQuery({
    queryKey: workOrderKeys.clock,
    queryFn: ({ signal }) => api.get<{ running: RunningClock | null }>("/api/v1/clock", undefined, signal),
    enabled,
  });
}
