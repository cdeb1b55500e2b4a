import { and, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { estimateLines } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { recordAudit } from "../support/audit";
import { type LineFields, openForEdit, priceOf } from "../support/estimates/estimate-line-edits";

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
