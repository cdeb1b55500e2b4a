import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { findCustomer } from "../../db/queries/customers";
import { findUnit } from "../../db/queries/units";
import { unitReadings, units } from "../../db/schema";
import type { PortalActor, StaffActor } from "../../domain/actor";
import { DomainError } from "../../domain/errors";
import { newId } from "../../domain/ids";
import { vinConflictFor } from "../../domain/vin-conflict";
import { recordAudit } from "../support/audit";
import { checkedVin } from "../support/units/unit-vin";
import type { UnitFields } from "./unit-input";

export interface CreateUnitInput extends UnitFields {
  customerId: string;
  odometerKm?: number | null;
  engineHours?: number | null;
}

/** Staff create units for any customer of their location; a portal account only for its own customer. */
export async function createUnit(db: Db, actor: StaffActor | PortalActor, input: CreateUnitInput) {
  const customerId = actor.kind === "portal" ? actor.customerId : input.customerId;
  const id = newId("unit");
  try {
    return await db.transaction(async (tx) => {
      const customer = await findCustomer(tx, actor, customerId);
      if (!customer) {
        throw new DomainError("validation", "Choose a customer of this location.", [
          { field: "customerId", message: "Choose a customer." },
        ]);
      }
      const vin = await checkedVin(tx, actor.organisationId, input.vin, input.year, undefined, () =>
        vinConflictFor(actor),
      );
      const odometerKm = input.odometerKm ?? null;
      const engineHours = input.engineHours ?? null;
      await tx.insert(units).values({
        id,
        organisationId: actor.organisationId,
        locationId: actor.locationId,
        customerId,
        vin,
        plate: input.plate,
        make: input.make,
        model: input.model,
        year: input.year,
        fleetNumber: input.fleetNumber,
        odometerKm,
        engineHours,
      });
      // The first counter values start the unit's reading history.
      if (odometerKm != null || engineHours != null) {
        await tx.insert(unitReadings).values({
          id: newId("reading"),
          organisationId: actor.organisationId,
          locationId: actor.locationId,
          unitId: id,
          odometerKm,
          engineHours,
          readAt: new Date(),
          source: actor.kind === "portal" ? "portal" : "shop",
          recordedByKind: actor.kind,
          recordedById: actor.id,
          recordedByName: actor.name,
        });
      }
      await recordAudit(tx, actor, {
        entityType: "unit",
        entityId: id,
        action: "create",
        data: { customerId },
      });
      return (await findUnit(tx, actor, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw vinConflictFor(actor);
    throw error;
  }
}
