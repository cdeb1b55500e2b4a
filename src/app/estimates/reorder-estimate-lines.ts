import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { estimateLines } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { recordAudit } from "../support/audit";
import { openForEdit } from "../support/estimates/estimate-line-edits";

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
