import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { findCustomer } from "../../db/queries/customers";
import { findUnit } from "../../db/queries/units";
import { units } from "../../db/schema";
import type { StaffActor } from "../../domain/actor";
import { DomainError, notFound, staleVersion } from "../../domain/errors";
import { duplicateVin } from "../../domain/vin-conflict";
import { recordAudit } from "../support/audit";
import { checkedVin } from "../support/units/unit-vin";
import type { UnitFields } from "./unit-input";

export async function updateUnit(
  db: Db,
  actor: StaffActor,
  id: string,
  input: Partial<UnitFields> & { customerId?: string; version: number },
) {
  try {
    return await db.transaction(async (tx) => {
      const current = await findUnit(tx, actor, id);
      if (!current) throw notFound("Unit");
      const { version, ...changes } = input;
      const next = { ...current, ...changes };
      if (changes.customerId && changes.customerId !== current.customerId) {
        if (!(await findCustomer(tx, actor, changes.customerId))) {
          throw new DomainError("validation", "Choose a customer of this location.", [
            { field: "customerId", message: "Choose a customer." },
          ]);
        }
      }
      const vin =
        "vin" in changes ? await checkedVin(tx, actor.organisationId, next.vin, next.year, id) : current.vin;
      const updated = await tx
        .update(units)
        .set({
          customerId: next.customerId,
          vin,
          plate: next.plate,
          make: next.make,
          model: next.model,
          year: next.year,
          fleetNumber: next.fleetNumber,
          version: sql`${units.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(eq(units.id, id), eq(units.organisationId, actor.organisationId), eq(units.version, version)),
        )
        .returning({ id: units.id });
      if (updated.length === 0) throw staleVersion("unit");
      await recordAudit(tx, actor, {
        entityType: "unit",
        entityId: id,
        action: "update",
        data: { changed: Object.keys(changes) },
      });
      return (await findUnit(tx, actor, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateVin();
    throw error;
  }
}
