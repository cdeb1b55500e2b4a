// After a customer decides: approved labour lines become Work Required on the unit's service board
// entry; declined ones stay on the unit as declined work. A later version's decision replaces an
// earlier one for the same line.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { EstimateView } from "../../db/queries/estimates";
import { workItems } from "../../db/schema";
import { newId } from "../../domain/ids";
import type { Snapshot } from "../support/estimates/estimate-snapshot";

export async function recordWork(
  tx: DbOrTx,
  estimate: EstimateView,
  versionNo: number,
  lines: Snapshot["labour"],
  approved: ReadonlySet<string>,
) {
  if (lines.length === 0) return;
  await tx
    .insert(workItems)
    .values(
      lines.map((l) => ({
        id: newId("workItem"),
        organisationId: estimate.organisationId,
        locationId: estimate.locationId,
        unitId: estimate.unitId,
        estimateId: estimate.id,
        labourLineId: l.id,
        versionNo,
        description: l.description,
        net: l.netWithParts,
        status: approved.has(l.id) ? ("required" as const) : ("declined" as const),
      })),
    )
    .onConflictDoUpdate({
      target: [workItems.estimateId, workItems.labourLineId],
      set: {
        status: sql`excluded.status`,
        versionNo: sql`excluded.version_no`,
        description: sql`excluded.description`,
        net: sql`excluded.net`,
      },
    });
}
