// The shop edits the working copy of an estimate while it is a draft or being revised. Every edit
// names the estimate version it was made on; an edit on an older version loses with 409, so two
// advisors never overwrite each other silently.
import { and, eq, max, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { type EstimateView, findEstimate } from "../../db/queries/estimates";
import { estimateLines, estimates, locations } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { isEditable, type LabourPricing } from "../../domain/estimate";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { publishLive } from "../support/live";

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
async function priceOf(
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

async function openForEdit(
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

export async function addEstimateLine(
  db: Db,
  actor: StaffActor,
  estimateId: string,
  input: Omit<LineFields, "unitPrice"> & {
    unitPrice?: number | undefined;
    kind: "labour" | "part";
    labourLineId?: string | null;
    version: number;
  },
) {
  return db.transaction(async (tx) => {
    const estimate = await openForEdit(tx, actor, estimateId, input.version);
    if (input.kind === "part") {
      const [labour] = input.labourLineId
        ? await tx
            .select({ id: estimateLines.id })
            .from(estimateLines)
            .where(
              and(
                eq(estimateLines.id, input.labourLineId),
                eq(estimateLines.estimateId, estimateId),
                eq(estimateLines.kind, "labour"),
              ),
            )
        : [];
      if (!labour) {
        throw new DomainError("validation", "Every part belongs to a labour line: choose one.", [
          { field: "labourLineId", message: "Choose the labour line this part is for." },
        ]);
      }
    }
    const unitPrice = await priceOf(tx, actor, input);
    const [last] = await tx
      .select({ n: max(estimateLines.position) })
      .from(estimateLines)
      .where(eq(estimateLines.estimateId, estimateId));
    const id = newId(input.kind === "labour" ? "labourLine" : "partLine");
    await tx.insert(estimateLines).values({
      id,
      organisationId: estimate.organisationId,
      locationId: estimate.locationId,
      estimateId,
      kind: input.kind,
      labourLineId: input.kind === "part" ? input.labourLineId! : null,
      position: Number(last?.n ?? 0) + 1,
      description: input.description,
      partNumber: input.kind === "part" ? (input.partNumber ?? null) : null,
      quantityMilli: input.quantityMilli,
      unitPrice,
      pricing: input.kind === "labour" ? (input.pricing ?? "hourly") : "hourly",
      taxRateBp: input.taxRateBp,
    });
    await recordAudit(tx, actor, {
      entityType: "estimate",
      entityId: estimateId,
      action: `add-${input.kind}`,
      data: { lineId: id },
    });
    return id;
  });
}

export async function updateEstimateLine(
  db: Db,
  actor: StaffActor,
  lineId: string,
  input: Partial<LineFields> & { version: number },
) {
  return db.transaction(async (tx) => {
    const line = await lineInScope(tx, actor, lineId);
    await openForEdit(tx, actor, line.estimateId, input.version);
    const { version: _v, ...changes } = input;
    // Only labour has a pricing mode; a part is always quantity × price.
    if (line.kind === "part") delete changes.pricing;
    await tx.update(estimateLines).set(changes).where(eq(estimateLines.id, lineId));
    await recordAudit(tx, actor, {
      entityType: "estimate",
      entityId: line.estimateId,
      action: "update-line",
      data: { lineId, changes },
    });
    return line.estimateId;
  });
}

/** Removing a labour line removes its parts with it. */
export async function removeEstimateLine(db: Db, actor: StaffActor, lineId: string, version: number) {
  return db.transaction(async (tx) => {
    const line = await lineInScope(tx, actor, lineId);
    await openForEdit(tx, actor, line.estimateId, version);
    await tx
      .delete(estimateLines)
      .where(or(eq(estimateLines.id, lineId), eq(estimateLines.labourLineId, lineId)));
    await recordAudit(tx, actor, {
      entityType: "estimate",
      entityId: line.estimateId,
      action: "remove-line",
      data: { lineId },
    });
    return line.estimateId;
  });
}

async function lineInScope(tx: DbOrTx, actor: StaffActor, lineId: string) {
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

/** Puts the labour lines (and, within each, its parts) in the order given; every line must be named once. */
export async function reorderEstimateLines(
  db: Db,
  actor: StaffActor,
  estimateId: string,
  lineIds: string[],
  version: number,
) {
  return db.transaction(async (tx) => {
    await openForEdit(tx, actor, estimateId, version);
    const rows = await tx
      .select({ id: estimateLines.id })
      .from(estimateLines)
      .where(eq(estimateLines.estimateId, estimateId));
    const known = new Set(rows.map((r) => r.id));
    if (
      lineIds.length !== known.size ||
      new Set(lineIds).size !== lineIds.length ||
      !lineIds.every((id) => known.has(id))
    ) {
      throw new DomainError("validation", "Name every line of the estimate exactly once.", [
        { field: "lineIds", message: "The list does not match the estimate's lines. Reload and try again." },
      ]);
    }
    for (const [i, id] of lineIds.entries()) {
      await tx
        .update(estimateLines)
        .set({ position: i + 1 })
        .where(eq(estimateLines.id, id));
    }
    await recordAudit(tx, actor, { entityType: "estimate", entityId: estimateId, action: "reorder-lines" });
  });
}
