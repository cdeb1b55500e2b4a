// Numbers people read (EST-2026-000123): gapless per location, kind and year. The counter row is
// incremented inside the caller's transaction, so a rolled-back command gives its number back and
// concurrent commands queue on the row instead of skipping or doubling a number.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { documentSequences } from "../../db/schema";

export type NumberKind = "EST" | "WO" | "INV" | "CN";

export async function nextNumber(
  tx: DbOrTx,
  locationId: string,
  kind: NumberKind,
  year: number,
): Promise<string> {
  const [row] = await tx
    .insert(documentSequences)
    .values({ locationId, kind, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentSequences.locationId, documentSequences.kind, documentSequences.year],
      set: { last: sql`${documentSequences.last} + 1` },
    })
    .returning({ last: documentSequences.last });
  return `${kind}-${year}-${String(row!.last).padStart(6, "0")}`;
}
