import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { estimateLines } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { recordAudit } from "../support/audit";
import { type LineFields, lineInScope, openForEdit } from "../support/estimates/estimate-line-edits";

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
