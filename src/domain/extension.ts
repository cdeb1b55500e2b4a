// Order extensions (DESIGN.md §3): yellow and red inspection findings become recommendations; the
// shop prices them and sends the chosen ones to the customer, who approves or declines each one.
// Approved ones join the work order as jobs; declined ones stay on the unit as declined work.

import { DomainError } from "./errors";
import { lineNet, type Totals, totals } from "./money";

export const recommendationStatuses = ["open", "sent", "approved", "declined"] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];
export const partAvailabilities = ["in_stock", "next_day", "on_order"] as const;
export type PartAvailability = (typeof partAvailabilities)[number];

export interface PricedRecommendation {
  id: string;
  description: string;
  pricing: "hourly" | "flat";
  hoursMilli: number;
  unitPrice: number | null;
  taxRateBp: number;
  parts: { quantityMilli: number; unitPrice: number; taxRateBp: number }[];
}

/** Net and gross of one recommendation (labour and parts), each line rounded once. */
export function recommendationAmount(r: PricedRecommendation): { net: number; gross: number } {
  const lines = [
    {
      net: r.pricing === "flat" ? (r.unitPrice ?? 0) : lineNet(r.hoursMilli, r.unitPrice ?? 0),
      taxRateBp: r.taxRateBp,
    },
    ...r.parts.map((p) => ({ net: lineNet(p.quantityMilli, p.unitPrice), taxRateBp: p.taxRateBp })),
  ];
  const t = totals(lines);
  return { net: t.net, gross: t.gross };
}

/** Totals of several recommendations together (tax per rate on the sum, as on an invoice). */
export function offerTotals(items: readonly PricedRecommendation[]): Totals {
  return totals(
    items.flatMap((r) => [
      {
        net: r.pricing === "flat" ? (r.unitPrice ?? 0) : lineNet(r.hoursMilli, r.unitPrice ?? 0),
        taxRateBp: r.taxRateBp,
      },
      ...r.parts.map((p) => ({ net: lineNet(p.quantityMilli, p.unitPrice), taxRateBp: p.taxRateBp })),
    ]),
  );
}

/** Only priced recommendations go to the customer; sending nothing is a mistake worth saying. */
export function checkSendable(chosen: readonly PricedRecommendation[]): void {
  if (chosen.length === 0) {
    throw new DomainError("validation", "Choose at least one recommendation to send.", [
      { field: "recommendations", message: "Choose a recommendation." },
    ]);
  }
  const unpriced = chosen.filter((r) => r.unitPrice === null);
  if (unpriced.length > 0) {
    throw new DomainError(
      "validation",
      `Price the labour first: ${unpriced.map((r) => r.description).join(", ")}.`,
      unpriced.map((r) => ({ field: `recommendations.${r.id}.unitPrice`, message: "Price the labour." })),
    );
  }
}

/**
 * The customer decides every offered item exactly once: an item left out would be neither approved
 * nor declined, and an item not on the offer must not slip in.
 */
export function checkDecisions(
  offered: readonly string[],
  decisions: readonly { recommendationId: string; approve: boolean }[],
): { approved: string[]; declined: string[] } {
  const ids = new Set(offered);
  const seen = new Set<string>();
  for (const d of decisions) {
    if (!ids.has(d.recommendationId) || seen.has(d.recommendationId)) {
      throw new DomainError("validation", "Reload the page: the offer has changed.", [
        { field: "decisions", message: "Decide each item once." },
      ]);
    }
    seen.add(d.recommendationId);
  }
  const missing = offered.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw new DomainError("validation", "Approve or decline every item.", [
      { field: "decisions", message: "Approve or decline every item." },
    ]);
  }
  return {
    approved: decisions.filter((d) => d.approve).map((d) => d.recommendationId),
    declined: decisions.filter((d) => !d.approve).map((d) => d.recommendationId),
  };
}

export const openForQualification = (status: string) => {
  if (status !== "open") {
    throw new DomainError("conflict", "This recommendation went to the customer; it can no longer change.");
  }
};
