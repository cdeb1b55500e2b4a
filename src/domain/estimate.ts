// Estimates (DESIGN.md §2): labour lines, each with zero or more parts. The customer approves chosen
// labour lines, declines the whole estimate, or disputes single lines with a note; the shop
// acknowledges, revises and submits a new version. These are the rules; storage and versions live in app/.
import { DomainError, type FieldError } from "./errors";
import { allowedEvents, type TransitionTable, transition } from "./lifecycle";
import { lineNet, type Totals, totals } from "./money";

export const estimateStatuses = [
  "draft",
  "awaiting_customer",
  "disputed",
  "revising",
  "approved",
  "declined",
] as const;
export type EstimateStatus = (typeof estimateStatuses)[number];

export const estimateEvents = ["submit", "approve", "decline", "dispute", "acknowledge", "revise"] as const;
export type EstimateEvent = (typeof estimateEvents)[number];

export const estimateTransitions: TransitionTable<EstimateStatus, EstimateEvent> = {
  draft: { submit: "awaiting_customer" },
  awaiting_customer: { approve: "approved", decline: "declined", dispute: "disputed", revise: "revising" },
  // Acknowledge Dispute: the shop has read the notes and works on a new version.
  disputed: { acknowledge: "revising" },
  revising: { submit: "awaiting_customer" },
  // A declined estimate ends unless the shop issues a new version.
  declined: { revise: "revising" },
  approved: {},
};

export const nextEstimateStatus = (state: EstimateStatus, event: EstimateEvent) =>
  transition(estimateTransitions, "estimate", state, event);

export const estimateMoves = (state: EstimateStatus) => allowedEvents(estimateTransitions, state);

/** Whether the shop may still change the lines: only before a version is frozen or while revising. */
export const isEditable = (state: EstimateStatus) => state === "draft" || state === "revising";

export interface PartLine {
  id: string;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
}

/**
 * How a labour line is priced: hours × rate (the location's labour rate by default), or a flat price
 * for the job whatever the hours. The hours stay on the line either way: they are the estimate that
 * the technician's clocked time is compared with.
 */
export type LabourPricing = "hourly" | "flat";

export interface LabourLine {
  id: string;
  /** Estimated hours, in thousandths. */
  quantityMilli: number;
  /** The hourly rate, or the whole price when pricing is flat. */
  unitPrice: number;
  pricing?: LabourPricing;
  taxRateBp: number;
  parts: PartLine[];
}

/** An estimate without a labour line has nothing for the customer to approve. */
export function checkSubmittable(labour: readonly LabourLine[]): void {
  if (labour.length === 0) {
    throw new DomainError("validation", "Add at least one labour line before submitting the estimate.", [
      { field: "labour", message: "Add a labour line." },
    ]);
  }
}

export interface LineTotals {
  labour: { id: string; net: number; parts: { id: string; net: number }[]; netWithParts: number }[];
  totals: Totals;
}

export const labourNet = (l: Pick<LabourLine, "quantityMilli" | "unitPrice" | "pricing">) =>
  l.pricing === "flat" ? l.unitPrice : lineNet(l.quantityMilli, l.unitPrice);

/** Net per line (rounded once each), and the estimate's totals with tax per rate. */
export function estimateTotals(labour: readonly LabourLine[]): LineTotals {
  const taxable: { net: number; taxRateBp: number }[] = [];
  const rows = labour.map((l) => {
    const net = labourNet(l);
    taxable.push({ net, taxRateBp: l.taxRateBp });
    const parts = l.parts.map((p) => {
      const partNet = lineNet(p.quantityMilli, p.unitPrice);
      taxable.push({ net: partNet, taxRateBp: p.taxRateBp });
      return { id: p.id, net: partNet };
    });
    return { id: l.id, net, parts, netWithParts: net + parts.reduce((s, p) => s + p.net, 0) };
  });
  return { labour: rows, totals: totals(taxable) };
}

/** A priced labour line as versions keep it: its net and its parts' nets, already rounded once each. */
export interface PricedLabour {
  id: string;
  net: number;
  taxRateBp: number;
  parts: readonly { net: number; taxRateBp: number }[];
}

/**
 * What an approval comes to: the approved labour lines with their parts, and the declined rest,
 * each totalled like the estimate itself (tax per rate on the sum of line nets, domain/money). A
 * sum of per-line grosses rounds tax once per line and can differ by a cent (€495.38 against the
 * estimate's €495.37), so nothing adds grosses.
 */
export function approvalTotals(
  labour: readonly PricedLabour[],
  approvedIds: Iterable<string>,
): { approved: Totals; declined: Totals } {
  const approved = new Set(approvedIds);
  const taxable = (lines: readonly PricedLabour[]) =>
    lines.flatMap((l) => [{ net: l.net, taxRateBp: l.taxRateBp }, ...l.parts]);
  return {
    approved: totals(taxable(labour.filter((l) => approved.has(l.id)))),
    declined: totals(taxable(labour.filter((l) => !approved.has(l.id)))),
  };
}

export interface DisputedLine {
  lineId: string;
  note: string;
  /**
   * Disputed only because one of its parts was: the customer wrote nothing for the line itself, so
   * its note says so ("Disputed with its part", in the customer's language), and screens and mails
   * say it in their reader's language.
   */
  withPart?: true;
}

/**
 * The lines a dispute covers. Every chosen line needs a note; disputing a part disputes its labour
 * line too, marked `withPart` with the note `withPartNote` unless the customer wrote something for it.
 */
export function expandDispute(
  labour: readonly LabourLine[],
  chosen: readonly DisputedLine[],
  withPartNote = "Disputed with its part",
): DisputedLine[] {
  if (chosen.length === 0) {
    throw new DomainError("validation", "Choose at least one line to dispute.", [
      { field: "lines", message: "Choose a line." },
    ]);
  }
  const parentOf = new Map<string, string>();
  const labourIds = new Set(labour.map((l) => l.id));
  for (const l of labour) for (const p of l.parts) parentOf.set(p.id, l.id);
  const errors: FieldError[] = [];
  const result = new Map<string, DisputedLine>();
  chosen.forEach((line, i) => {
    if (!labourIds.has(line.lineId) && !parentOf.has(line.lineId)) {
      errors.push({ field: `lines.${i}.lineId`, message: "This line is not in the current version." });
    } else if (!line.note.trim()) {
      errors.push({ field: `lines.${i}.note`, message: "Say what is wrong with this line." });
    } else {
      result.set(line.lineId, { lineId: line.lineId, note: line.note.trim() });
    }
  });
  if (errors.length) throw new DomainError("validation", "Some disputed lines need attention.", errors);
  for (const [lineId] of [...result]) {
    const parent = parentOf.get(lineId);
    if (parent && !result.has(parent))
      result.set(parent, { lineId: parent, note: withPartNote, withPart: true });
  }
  return [...result.values()];
}

/** Approval names labour lines of the current version; anything else is refused. */
export function checkApproval(labour: readonly LabourLine[], approvedIds: readonly string[]): void {
  const ids = new Set(labour.map((l) => l.id));
  const unknown = approvedIds.filter((id) => !ids.has(id));
  if (unknown.length) {
    throw new DomainError("validation", "The approval names lines that are not in the current version.", [
      { field: "labourLineIds", message: "Reload the estimate: it has changed." },
    ]);
  }
  if (approvedIds.length === 0) {
    throw new DomainError(
      "validation",
      "Choose at least one labour line to approve, or decline the estimate.",
      [{ field: "labourLineIds", message: "Choose a line." }],
    );
  }
}
