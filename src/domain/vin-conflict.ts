// The refusal of a VIN another unit of the organisation already has, as staff and portal accounts
// may learn it.
import { DomainError } from "./errors";

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
