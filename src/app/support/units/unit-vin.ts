// A unit's VIN checked and normalised before it is stored, shared by Create Unit and Update Unit.
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { units } from "../../../db/schema";
import { DomainError } from "../../../domain/errors";
import { validateVin } from "../../../domain/vin";
import { duplicateVin } from "../../../domain/vin-conflict";

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
