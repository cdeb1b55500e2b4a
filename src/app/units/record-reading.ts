import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findUnit } from "../../db/queries/units";
import { unitReadings, units } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { notFound } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { applyReading, checkReading } from "../../domain/readings";
import { recordAudit } from "../support/audit";

export interface RecordReadingInput {
  odometerKm?: number | null;
  engineHours?: number | null;
  readAt?: Date;
  note?: string | null;
  override?: boolean;
}

export async function recordReading(
  db: Db,
  actor: StaffActor | PortalActor,
  unitId: string,
  input: RecordReadingInput,
) {
  return db.transaction(async (tx) => {
    // Lock the unit row: two readings at once must be compared one after the other.
    const [locked] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), eq(units.organisationId, actor.organisationId)))
      .for("update");
    const unit = locked ? await findUnit(tx, actor, unitId) : undefined;
    if (!unit || (actor.kind === "portal" && unit.customerId !== actor.customerId)) throw notFound("Unit");
    const next = { odometerKm: input.odometerKm ?? null, engineHours: input.engineHours ?? null };
    checkReading(unit, { ...next, override: input.override, note: input.note });
    const id = newId("reading");
    const [reading] = await tx
      .insert(unitReadings)
      .values({
        id,
        organisationId: actor.organisationId,
        locationId: unit.locationId,
        unitId,
        ...next,
        readAt: input.readAt ?? new Date(),
        source: actor.kind === "portal" ? "portal" : "shop",
        note: input.note?.trim() || null,
        override: Boolean(input.override),
        recordedByKind: actor.kind,
        recordedById: actor.id,
        recordedByName: actor.name,
      })
      .returning();
    const current = applyReading(unit, next);
    await tx
      .update(units)
      .set({ ...current, updatedAt: new Date() })
      .where(eq(units.id, unitId));
    await recordAudit(tx, actor, {
      entityType: "unit",
      entityId: unitId,
      action: input.override ? "reading-corrected" : "reading-recorded",
      note: input.note ?? null,
      data: {
        readingId: id,
        before: { odometerKm: unit.odometerKm, engineHours: unit.engineHours },
        after: current,
      },
    });
    return reading!;
  });
}
