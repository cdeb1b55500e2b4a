// The shop edits the working copy of an estimate while it is a draft or being revised. Every edit
// names the estimate version it was made on; an edit on an older version loses with 409, so two
// advisors never overwrite each other silently.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { type EstimateView, findEstimate } from "../../../db/queries/estimates";
import { estimateLines, estimates, locations } from "../../../db/schema";
import type { StaffActor } from "../../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../../domain/errors";
import { isEditable, type LabourPricing } from "../../../domain/estimate";
import { publishLive } from "../live";

export interface LineFields {
  description: string;
  partNumber?: string | null;
  quantityMilli: number;
  unitPrice: number;
  taxRateBp: number;
  /** Labour only: hours × rate (default) or a flat price. */
  pricing?: LabourPricing;
}

/**
 * The price a new line is saved with. An hourly labour line without a price takes the location's
 * labour rate, so an advisor only types the hours; a flat price and a part's price must be given.
 */
export async function priceOf(
  tx: DbOrTx,
  actor: StaffActor,
  input: { kind: "labour" | "part"; unitPrice?: number | undefined; pricing?: LabourPricing | undefined },
): Promise<number> {
  if (input.unitPrice !== undefined) return input.unitPrice;
  if (input.kind === "labour" && (input.pricing ?? "hourly") === "hourly") {
    const [location] = await tx
      .select({ labourRate: locations.labourRate })
      .from(locations)
      .where(eq(locations.id, actor.locationId));
    if (location) return location.labourRate;
  }
  throw new DomainError("validation", "Enter a price.", [
    {
      field: "unitPrice",
      message: input.kind === "part" ? "Enter the price of one part." : "Enter the flat price.",
    },
  ]);
}

export async function openForEdit(
  tx: DbOrTx,
  actor: StaffActor,
  estimateId: string,
  version: number,
): Promise<EstimateView> {
  const estimate = await findEstimate(tx, actor, estimateId);
  if (!estimate) throw notFound("Estimate");
  if (!isEditable(estimate.status)) {
    throw new DomainError(
      "conflict",
      "A submitted version cannot change. Revise the estimate to make a new version.",
    );
  }
  const bumped = await tx
    .update(estimates)
    .set({ version: sql`${estimates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(estimates.id, estimateId), eq(estimates.version, version)))
    .returning({ id: estimates.id });
  if (bumped.length === 0) throw staleVersion("estimate");
  // A second advisor with the editor open sees the change (and the new version) without reloading.
  await publishLive(tx, {
    type: "estimate.changed",
    organisationId: estimate.organisationId,
    locationId: estimate.locationId,
    customerId: estimate.customerId,
    id: estimate.id,
    status: estimate.status,
  });
  return estimate;
}

export async function lineInScope(tx: DbOrTx, actor: StaffActor, lineId: string) {
  const [line] = await tx
    .select()
    .from(estimateLines)
    .where(
      and(
        eq(estimateLines.id, lineId),
        eq(estimateLines.organisationId, actor.organisationId),
        eq(estimateLines.locationId, actor.locationId),
      ),
    );
  if (!line) throw notFound("Estimate line");
  return line;
}
