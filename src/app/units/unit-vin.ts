import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { units } from "../../db/schema";
import { DomainError } from "../../domain/errors";
import { validateVin } from "../../domain/vin";

/** Validates and normalises a VIN and makes sure no other unit of the organisation has it. */
export async function checkedVin(
  tx: DbOrTx,
  organisationId: string,
  vin: string | null,
  year: number | null,
  unitId?: string,
  conflict: () => DomainError = duplicateVin,
): Promise<string | null> {
  if (!vin) return null;
  const result = validateVin(vin, year);
  if (!result.ok)
    throw new DomainError("validation", result.message, [{ field: "vin", message: result.message }]);
  const conditions = [eq(units.organisationId, organisationId), eq(units.vin, result.vin)];
  if (unitId) conditions.push(ne(units.id, unitId));
  const [other] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(...conditions))
    .limit(1);
  if (other) throw conflict();
  return result.vin;
}

export const duplicateVin = () =>
  new DomainError("duplicate-vin", "A unit with this VIN already exists.", [
    { field: "vin", message: "A unit with this VIN already exists." },
  ]);

/**
 * What a portal account hears about a VIN the shop already has: nothing about the VIN, because the
 * unit may be another customer's. The shop sorts it out (a vehicle changed hands, a typo).
 */
export const unitNotAdded = () =>
  new DomainError(
    "conflict",
    "This unit could not be added here. Contact the shop: they will add it to your units.",
  );

/** The VIN conflict as the actor may learn it. */
export const vinConflictFor = (actor: { kind: "staff" | "portal" }) =>
  actor.kind === "portal" ? unitNotAdded() : duplicateVin();
