import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recommendations } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { staleVersion } from "../../domain/errors";
import { openForQualification } from "../../domain/extension";
import { recordAudit } from "../support/audit";
import { orderInScope, recommendationInScope } from "../support/extensions/in-scope";
import { publishWorkOrder } from "../work-orders/publish";

export async function updateRecommendation(
  db: Db,
  actor: StaffActor,
  id: string,
  input: {
    description?: string | undefined;
    repairDescription?: string | null | undefined;
    pricing?: "hourly" | "flat" | undefined;
    hoursMilli?: number | undefined;
    unitPrice?: number | null | undefined;
    taxRateBp?: number | undefined;
    selected?: boolean | undefined;
    version: number;
  },
) {
  return db.transaction(async (tx) => {
    const rec = await recommendationInScope(tx, actor, id);
    openForQualification(rec.status);
    const { version, ...changes } = input;
    const [row] = await tx
      .update(recommendations)
      .set({ ...changes, version: sql`${recommendations.version} + 1` })
      .where(and(eq(recommendations.id, id), eq(recommendations.version, version)))
      .returning();
    if (!row) throw staleVersion("recommendation");
    await recordAudit(tx, actor, {
      entityType: "work-order",
      entityId: rec.workOrderId,
      action: "qualify",
      data: { recommendationId: id, ...changes },
    });
    await publishWorkOrder(tx, await orderInScope(tx, actor, rec.workOrderId));
    return rec.workOrderId;
  });
}
