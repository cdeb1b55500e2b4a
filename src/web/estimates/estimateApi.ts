import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { approvalTotals } from "../../domain/estimate";
import { api } from "../api";
import type { ActorKind } from "../shared/actorName";
import type { ListResponse } from "../types";

export type EstimateStatus =
  | "draft"
  | "awaiting_customer"
  | "disputed"
  | "revising"
  | "approved"
  | "declined";

export const ESTIMATE_STATUSES: readonly EstimateStatus[] = [
  "draft",
  "awaiting_customer",
  "disputed",
  "revising",
  "approved",
  "declined",
];

export interface EstimateSummary {
  id: string;
  number: string;
  status: EstimateStatus;
  customerId: string;
  customerName: string;
  unitId: string;
  unitLabel: string;
  plate: string | null;
  currency: string;
  poNumber: string | null;
  bookingRequestId: string | null;
  /** Last submitted version number; 0 = never submitted. */
  currentVersion: number;
  /** Optimistic version of the working copy: sent with every edit. */
  version: number;
  /** Gross of the latest submitted version, else of the working copy; null when empty. */
  gross?: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface EstimatePart {
  id: string;
  description: string;
  partNumber: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
}

/** Hourly: net = hours × rate. Flat: net = the price, whatever the (estimated) hours. */
export type LabourPricing = "hourly" | "flat";

export interface EstimateLabour {
  id: string;
  description: string;
  /** Hours (×1000); estimated only when the line is priced flat. */
  quantityMilli: number;
  /** The hourly rate, or the whole price when `pricing` is flat. */
  unitPrice: number;
  /** Absent from snapshots older than flat pricing: read as hourly. */
  pricing?: LabourPricing;
  taxRateBp: number;
  net: number;
  netWithParts: number;
  parts: EstimatePart[];
}

export interface EstimateTotals {
  net: number;
  tax: number;
  gross: number;
  byRate: { rateBp: number; net: number; tax: number }[];
}

export interface EstimateVersion {
  versionNo: number;
  lines: { labour: EstimateLabour[] };
  totals: EstimateTotals;
  note: string | null;
  submittedBy: string;
  at: string;
}

export interface EstimateDecision {
  versionNo: number;
  decision: "approve" | "decline" | "dispute";
  by: string;
  byKind: string;
  at: string;
  approvedLineIds: string[];
  declinedLineIds: string[];
  /** `withPart`: disputed only because one of its parts was (no note of its own). */
  disputedLines: { lineId: string; note: string; withPart?: boolean }[];
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type EstimateHistoryAction =
  | "create"
  | "add-labour"
  | "add-part"
  | "update-line"
  | "remove-line"
  | "reorder-lines"
  | "submit"
  | "acknowledge"
  | "revise"
  | "approve"
  | "decline"
  | "dispute";

export interface EstimateHistoryEntry {
  at: string;
  action: EstimateHistoryAction;
  by: string;
  byKind: ActorKind;
  side: "shop" | "customer" | "system";
  note: string | null;
  fromStatus: EstimateStatus | null;
  toStatus: EstimateStatus | null;
}

export interface Estimate extends EstimateSummary {
  draft?: { labour: EstimateLabour[]; totals: EstimateTotals };
  versions: EstimateVersion[];
  decisions: EstimateDecision[];
  /** Every move on the estimate, oldest first. */
  history?: EstimateHistoryEntry[];
  /** The location's hourly labour rate in minor units (shop only): Add Labour's default rate. */
  labourRate?: number;
}

/** What a mailed estimate link shows (GET /api/v1/links/estimate/:token). */
export interface EstimateLinkView {
  estimate: Estimate;
  shopName: string;
  linkUsed: boolean;
}

/** Everything estimate-related starts with "estimates". */
export const estimateKeys = {
  all: ["estimates"] as const,
  shopList: (params: { status: string; q: string; offset: number }) =>
    ["estimates", "shop", "list", params] as const,
  shopDetail: (id: string) => ["estimates", "shop", "detail", id] as const,
  /** Without a state: every portal list (to invalidate them all). */
  portalList: (state?: PortalEstimateState) =>
    state ? (["estimates", "portal", "list", state] as const) : (["estimates", "portal", "list"] as const),
  portalDetail: (id: string) => ["estimates", "portal", "detail", id] as const,
  link: (token: string) => ["estimates", "link", token] as const,
};

export const ESTIMATE_PAGE_SIZE = 25;

/** Who asks for a PDF: staff, the signed-in customer, or the holder of a mailed link. */
export type PdfSource = "shop" | "portal" | { linkToken: string };

/**
 * Where the estimate's PDF is (opened in a new tab). `version` 0 is the working copy (shop only);
 * left out, the current version (or, for staff, the working copy of a never submitted estimate).
 */
export function estimatePdfHref(source: PdfSource, estimateId: string, version?: number): string {
  const path =
    source === "shop"
      ? `/api/v1/estimates/${encodeURIComponent(estimateId)}/pdf`
      : source === "portal"
        ? `/api/v1/portal/estimates/${encodeURIComponent(estimateId)}/pdf`
        : `/api/v1/links/estimate/${encodeURIComponent(source.linkToken)}/pdf`;
  return version === undefined ? path : `${path}?version=${version}`;
}

/** Whether a labour line is priced flat (older snapshots have no pricing: hourly). */
export function isFlat(line: { pricing?: LabourPricing }): boolean {
  return line.pricing === "flat";
}

export function useShopEstimates(params: { status: string; q: string; offset: number }) {
  return useQuery({
    queryKey: estimateKeys.shopList(params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<EstimateSummary>>(
        "/api/v1/estimates",
        { status: params.status, q: params.q, limit: ESTIMATE_PAGE_SIZE, offset: params.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useShopEstimate(id: string) {
  return useQuery({
    queryKey: estimateKeys.shopDetail(id),
    queryFn: ({ signal }) =>
      api.get<Estimate>(`/api/v1/estimates/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** Pending Approval (waiting for the customer) or History (decided, or being revised by the shop). */
export type PortalEstimateState = "pending" | "history";

/** One page of a portal tab, in pages of the shop's lists' size (a fleet may hold thousands). */
export function usePortalEstimates(state: PortalEstimateState, offset = 0, limit = ESTIMATE_PAGE_SIZE) {
  return useQuery({
    queryKey: [...estimateKeys.portalList(state), offset, limit],
    queryFn: ({ signal }) =>
      api.get<ListResponse<EstimateSummary>>("/api/v1/portal/estimates", { state, limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many estimates wait for the customer's decision (the tab's and the navigation's badge): a count, no rows. */
export function usePendingEstimatesCount() {
  return usePortalEstimates("pending", 0, 1).data?.total ?? 0;
}

export function usePortalEstimate(id: string, enabled = true) {
  return useQuery({
    queryKey: estimateKeys.portalDetail(id),
    queryFn: ({ signal }) =>
      api.get<Estimate>(`/api/v1/portal/estimates/${encodeURIComponent(id)}`, undefined, signal),
    enabled,
  });
}

/** The latest submitted version, if any. */
export function latestVersion(estimate: Pick<Estimate, "versions">): EstimateVersion | undefined {
  return [...estimate.versions].sort((a, b) => a.versionNo - b.versionNo).at(-1);
}

/** The latest dispute decision (its lines are shown in red while the shop works on them). */
export function latestDispute(estimate: Pick<Estimate, "decisions">): EstimateDecision | undefined {
  return [...estimate.decisions]
    .filter((d) => d.decision === "dispute")
    .sort(byTime)
    .at(-1);
}

function byTime(a: { at: string }, b: { at: string }) {
  return a.at.localeCompare(b.at);
}

/** "1,5" / "1.5" / "1 234,50" → a number (null when not a number). */
export function parseDecimal(input: string): number | null {
  let text = input.replace(/[\s\u00a0€$£]/g, "");
  if (text === "") return null;
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  if (lastComma > -1 && lastDot > -1) {
    // The later separator is the decimal one; the other groups thousands.
    text = lastComma > lastDot ? text.replace(/\./g, "").replace(",", ".") : text.replace(/,/g, "");
  } else {
    text = text.replace(",", ".");
  }
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Decimal text → integer thousandths/cents (scale 1000 / 100); null when not a number. */
export function parseScaled(input: string, scale: number): number | null {
  const value = parseDecimal(input);
  return value === null ? null : Math.round(value * scale);
}

export type LineKind = "labour" | "part";

export interface FlatLine {
  id: string;
  kind: LineKind;
  description: string;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
  labourLineId: string | null;
  /** Labour lines only. */
  pricing?: LabourPricing;
}

export function flatten(labour: EstimateLabour[]): FlatLine[] {
  const lines: FlatLine[] = [];
  for (const l of labour) {
    lines.push({ ...l, kind: "labour", labourLineId: null });
    for (const p of l.parts) lines.push({ ...p, kind: "part", labourLineId: l.id });
  }
  return lines;
}

export interface LineChange {
  kind: "added" | "removed" | "changed";
  line: FlatLine;
  before?: FlatLine;
  fields: ("description" | "quantity" | "price" | "tax" | "pricing")[];
}

/** Per-line differences between two versions (line ids are stable across versions). */
export function diffLines(before: EstimateLabour[], after: EstimateLabour[]): LineChange[] {
  const old = new Map(flatten(before).map((line) => [line.id, line]));
  const next = flatten(after);
  const changes: LineChange[] = [];
  const seen = new Set<string>();
  for (const line of next) {
    seen.add(line.id);
    const prev = old.get(line.id);
    if (!prev) {
      changes.push({ kind: "added", line, fields: [] });
      continue;
    }
    const fields: LineChange["fields"] = [];
    if (prev.description !== line.description) fields.push("description");
    if (isFlat(prev) !== isFlat(line)) fields.push("pricing");
    if (prev.quantityMilli !== line.quantityMilli) fields.push("quantity");
    if (prev.unitPrice !== line.unitPrice) fields.push("price");
    if (prev.taxRateBp !== line.taxRateBp) fields.push("tax");
    if (fields.length > 0) changes.push({ kind: "changed", line, before: prev, fields });
  }
  for (const line of old.values()) {
    if (!seen.has(line.id)) changes.push({ kind: "removed", line, fields: [] });
  }
  return changes;
}

/** What approving these labour lines comes to: the estimate's own rule (domain/money), never a sum of per-line grosses. */
export function approvalOf(labour: readonly EstimateLabour[], approvedIds: Iterable<string>) {
  return approvalTotals(labour, approvedIds);
}

/**
 * The approval decided on this version, when it left lines out: its approved and declined totals.
 * Undefined while nothing was decided, or when every line was approved (the Totals say it all).
 */
export function partialApproval(estimate: Pick<Estimate, "status" | "decisions">, version: EstimateVersion) {
  if (estimate.status !== "approved") return undefined;
  const decision = [...estimate.decisions]
    .filter((d) => d.versionNo === version.versionNo)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
  if (decision?.decision !== "approve" || decision.declinedLineIds.length === 0) return undefined;
  return { decision, ...approvalOf(version.lines.labour, decision.approvedLineIds) };
}

/**
 * A disputed line's note for the screens: "" for a line disputed only with its part (its stored
 * note, "Disputed with its part", is in the customer's language; screens say it in the reader's).
 * Decisions recorded before the mark carry the note "N/A".
 */
export function disputeNote(line: { note: string; withPart?: boolean }): string {
  return line.withPart || line.note === "N/A" ? "" : line.note;
}
