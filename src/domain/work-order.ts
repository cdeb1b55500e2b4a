// Work orders (DESIGN.md §3): approved work becomes jobs on a work order, opened by the first
// Clock On. Technicians record time per job; when every job is done the unit is ready, then the
// order is ready to submit and goes to invoicing — through the customer's authorisation first
// when the customer asks for it. These are the rules; storage lives in app/.
import { DomainError } from "./errors";
import { allowedEvents, type TransitionTable, transition } from "./lifecycle";
import { lineNet } from "./money";

export const workOrderStatuses = [
  "in_progress",
  "unit_ready",
  "ready_to_submit",
  "awaiting_authorization",
  "invoiced",
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

export const workOrderEvents = [
  "unit_ready",
  "reopen",
  "ready_to_submit",
  "submit",
  "authorize",
  "invoice",
] as const;
export type WorkOrderEvent = (typeof workOrderEvents)[number];

export const workOrderTransitions: TransitionTable<WorkOrderStatus, WorkOrderEvent> = {
  in_progress: { unit_ready: "unit_ready" },
  // More work found after the unit was ready (or a job done too early) reopens the order.
  unit_ready: { ready_to_submit: "ready_to_submit", reopen: "in_progress" },
  // Submit: the customer requires authorisation before invoicing; Invoice: the shop invoices directly.
  ready_to_submit: { submit: "awaiting_authorization", invoice: "invoiced", reopen: "in_progress" },
  awaiting_authorization: { authorize: "invoiced" },
  invoiced: {},
};

export const nextWorkOrderStatus = (state: WorkOrderStatus, event: WorkOrderEvent) =>
  transition(workOrderTransitions, "work order", state, event);

/** Authorising is the fleet customer's move (in the portal); every other move is the shop's. */
export const customerWorkOrderEvents = ["authorize"] as const satisfies readonly WorkOrderEvent[];
export type CustomerWorkOrderEvent = (typeof customerWorkOrderEvents)[number];
export type ShopWorkOrderEvent = Exclude<WorkOrderEvent, CustomerWorkOrderEvent>;

const isCustomerEvent = (e: WorkOrderEvent): e is CustomerWorkOrderEvent =>
  (customerWorkOrderEvents as readonly WorkOrderEvent[]).includes(e);

/**
 * The moves one side may make now. The shop is never offered the customer's Authorize: it has no
 * shop route, so a button for it could only fail.
 */
export function workOrderMoves(state: WorkOrderStatus, side: "shop"): ShopWorkOrderEvent[];
export function workOrderMoves(state: WorkOrderStatus, side: "customer"): CustomerWorkOrderEvent[];
export function workOrderMoves(state: WorkOrderStatus, side: "shop" | "customer"): WorkOrderEvent[];
export function workOrderMoves(state: WorkOrderStatus, side: "shop" | "customer"): WorkOrderEvent[] {
  const allowed = allowedEvents(workOrderTransitions, state);
  return side === "customer" ? allowed.filter(isCustomerEvent) : allowed.filter((e) => !isCustomerEvent(e));
}

export const jobStatuses = ["to_do", "started", "done"] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobEvents = ["start", "finish", "reopen"] as const;
export type JobEvent = (typeof jobEvents)[number];

export const jobTransitions: TransitionTable<JobStatus, JobEvent> = {
  // A job can be finished without anyone clocking on (a flat-price or sublet job); it then bills
  // its estimated hours.
  to_do: { start: "started", finish: "done" },
  started: { finish: "done" },
  done: { reopen: "started" },
};

export const nextJobStatus = (state: JobStatus, event: JobEvent) =>
  transition(jobTransitions, "job", state, event);

/** Jobs can change (time, parts, new jobs) only while the order is being worked on. */
export const acceptsWork = (state: WorkOrderStatus) => state === "in_progress";

/** Unit Ready needs every job done and nobody still clocked on. */
export function checkUnitReady(
  jobs: readonly { status: JobStatus; description: string }[],
  clockedOn: number,
) {
  const open = jobs.filter((j) => j.status !== "done");
  if (open.length > 0) {
    throw new DomainError(
      "conflict",
      `Finish every job first: ${open.map((j) => j.description).join(", ")}.`,
    );
  }
  if (clockedOn > 0)
    throw new DomainError("conflict", "A technician is still clocked on to this work order.");
}

/** Which way to invoicing: the customer authorises first, or the shop invoices directly. */
export function checkInvoicingRoute(event: "submit" | "invoice", requiresAuthorization: boolean) {
  if (event === "invoice" && requiresAuthorization) {
    throw new DomainError(
      "conflict",
      "This customer authorises invoices first: Submit the work order for their authorisation.",
    );
  }
  if (event === "submit" && !requiresAuthorization) {
    throw new DomainError("conflict", "This customer does not require authorisation: invoice directly.");
  }
}

export interface TimeSpan {
  startedAt: Date;
  endedAt: Date | null;
}

/** Clocked time in thousandths of an hour; an entry still running counts up to `now`. */
export function clockedHoursMilli(entries: readonly TimeSpan[], now: Date): number {
  let ms = 0;
  for (const e of entries) ms += Math.max(0, (e.endedAt ?? now).getTime() - e.startedAt.getTime());
  return Math.round(ms / 3_600);
}

/**
 * Hours billed for an hourly job: the clocked time rounded up to the next tenth of an hour (six
 * minutes, the usual shop unit), or the estimated hours when nobody clocked on (work done on the
 * estimate's word, e.g. a sublet job).
 */
export function billedHoursMilli(estimatedMilli: number, clockedMilli: number): number {
  if (clockedMilli <= 0) return estimatedMilli;
  return Math.ceil(clockedMilli / 100) * 100;
}

export const billingModes = ["approved", "clocked"] as const;
/** A location's choice: bill the hours the customer approved, or the hours clocked. */
export type BillingMode = (typeof billingModes)[number];

/**
 * Hours billed for an hourly job under the location's mode: the approved (estimated) hours, or the
 * clocked time as `billedHoursMilli` rounds it (the estimate when nobody clocked).
 */
export function hoursToBill(mode: BillingMode, estimatedMilli: number, clockedMilli: number): number {
  return mode === "approved" ? estimatedMilli : billedHoursMilli(estimatedMilli, clockedMilli);
}

/**
 * Whether billed hours differ from the approved hours by more than the tolerance (percent of the
 * approved). Approved zero hours: any billed time is a difference worth a look.
 */
export function beyondTolerance(approvedMilli: number, billedMilli: number, tolerancePct: number): boolean {
  const difference = Math.abs(billedMilli - approvedMilli);
  if (approvedMilli <= 0) return difference > 0;
  // Integers only: difference / approved > pct / 100.
  return difference * 100 > approvedMilli * tolerancePct;
}

export interface JobForBilling {
  description: string;
  pricing: "hourly" | "flat";
  estimatedHoursMilli: number;
  clockedHoursMilli: number;
  /** The hourly rate, or the whole price when flat. */
  unitPrice: number;
  taxRateBp: number;
  parts: {
    description: string;
    partNumber: string | null;
    quantityMilli: number;
    unitPrice: number;
    taxRateBp: number;
  }[];
}

export interface BillingLine {
  kind: "labour" | "part";
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
}

/**
 * What a finished work order hands to invoicing: per job a labour line (hours × rate, the hours
 * approved or clocked as the location bills, or the flat price as one) followed by its parts. Net per line is rounded once, as on the
 * estimate, so the invoice's totals follow the same EN 16931 rule.
 */
export function billingLines(jobs: readonly JobForBilling[], mode: BillingMode): BillingLine[] {
  const out: BillingLine[] = [];
  for (const j of jobs) {
    if (j.pricing === "flat") {
      out.push({
        kind: "labour",
        description: j.description,
        partNumber: null,
        quantityMilli: 1000,
        unitPrice: j.unitPrice,
        taxRateBp: j.taxRateBp,
        net: j.unitPrice,
      });
    } else {
      const hours = hoursToBill(mode, j.estimatedHoursMilli, j.clockedHoursMilli);
      out.push({
        kind: "labour",
        description: j.description,
        partNumber: null,
        quantityMilli: hours,
        unitPrice: j.unitPrice,
        taxRateBp: j.taxRateBp,
        net: lineNet(hours, j.unitPrice),
      });
    }
    for (const p of j.parts) {
      out.push({ kind: "part", ...p, net: lineNet(p.quantityMilli, p.unitPrice) });
    }
  }
  return out;
}

export const boardColumns = [
  "work_required",
  "in_progress",
  "waiting_customer",
  "waiting_parts",
  "unit_ready",
  "ready_to_submit",
] as const;
export type BoardColumn = (typeof boardColumns)[number];

/**
 * Where a unit's card sits on the Service Board. A unit without a work order has approved work
 * waiting; an order being worked on waits for the customer while an extension is out, for parts
 * while the shop says so, and is otherwise in progress. An order awaiting the customer's
 * authorisation is still the shop's to chase, so it stays under Ready to Submit.
 */
export function boardColumn(
  order: { status: WorkOrderStatus; extensionPending: boolean; waitingForParts: boolean } | null,
): BoardColumn | null {
  if (!order) return "work_required";
  switch (order.status) {
    case "in_progress":
      if (order.extensionPending) return "waiting_customer";
      if (order.waitingForParts) return "waiting_parts";
      return "in_progress";
    case "unit_ready":
      return "unit_ready";
    case "ready_to_submit":
    case "awaiting_authorization":
      return "ready_to_submit";
    case "invoiced":
      return null;
  }
}

export const unitWorkStates = ["required", "on_order", "done", "invoiced", "declined"] as const;
export type UnitWorkState = (typeof unitWorkStates)[number];

/**
 * Where a piece of a unit's work stands, for the unit page: approved and waiting (Work Required),
 * on an open work order, done there, invoiced, or declined. Work on an order follows its job and
 * order, not the estimate decision it came from, which never changes after approval.
 */
export function unitWorkState(
  decision: "required" | "declined",
  job: { status: JobStatus; orderStatus: WorkOrderStatus } | null,
): UnitWorkState {
  if (decision === "declined") return "declined";
  if (!job) return "required";
  if (job.orderStatus === "invoiced") return "invoiced";
  return job.status === "done" ? "done" : "on_order";
}
