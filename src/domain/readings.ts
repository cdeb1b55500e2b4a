// Odometer and engine-hour readings only ever go up on a working instrument. A lower value is almost
// always a typo, so it is refused unless someone states that it is a correction (a replaced cluster,
// a wrong earlier entry) and says why: the note keeps the history explainable.
import { DomainError, type FieldError } from "./errors";

export interface Reading {
  odometerKm: number | null;
  engineHours: number | null;
}

export interface NewReading extends Reading {
  override?: boolean;
  note?: string | null;
}

export function checkReading(current: Reading, next: NewReading): void {
  if (next.odometerKm == null && next.engineHours == null) {
    throw new DomainError("validation", "Enter an odometer reading, engine hours or both.", [
      { field: "odometerKm", message: "Enter an odometer reading or engine hours." },
    ]);
  }
  const backwards: FieldError[] = [];
  if (next.odometerKm != null && current.odometerKm != null && next.odometerKm < current.odometerKm) {
    backwards.push({
      field: "odometerKm",
      message: `Lower than the last reading (${current.odometerKm} km).`,
    });
  }
  if (next.engineHours != null && current.engineHours != null && next.engineHours < current.engineHours) {
    backwards.push({
      field: "engineHours",
      message: `Lower than the last reading (${current.engineHours} h).`,
    });
  }
  if (backwards.length === 0) return;
  if (!next.override) {
    throw new DomainError(
      "reading-goes-backwards",
      "A reading cannot be lower than the last one. If this is a correction, mark it as one and add a note.",
      backwards,
    );
  }
  if (!next.note?.trim()) {
    throw new DomainError("validation", "A correction to a lower reading needs a note saying why.", [
      { field: "note", message: "Say why the reading is lower (e.g. instrument cluster replaced)." },
    ]);
  }
}

/** The unit's current values after a reading: a reading may carry only one of the two counters. */
export function applyReading(current: Reading, next: Reading): Reading {
  return {
    odometerKm: next.odometerKm ?? current.odometerKm,
    engineHours: next.engineHours ?? current.engineHours,
  };
}
