import { eq, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { estimateLines } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { recordAudit } from "../support/audit";
import { lineInScope, openForEdit } from "../support/estimates/estimate-line-edits";

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
