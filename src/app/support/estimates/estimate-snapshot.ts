// What a submitted version freezes: every line with its net amount, and the totals, exactly as the
// customer is shown them. Stored as JSON and read back through this schema.
import { z } from "zod";
import type { EstimateLineRow } from "../../../db/queries/estimates";
import { toLabourLines } from "../../../db/queries/estimates";
import { estimateTotals } from "../../../domain/estimate";
import { totalsSchema } from "../../../domain/totals-schema";

const part = z.object({
  id: z.string(),
  description: z.string(),
  partNumber: z.string().nullable(),
  quantityMilli: z.number().int(),
  unitPrice: z.number().int(),
  taxRateBp: z.number().int(),
  net: z.number().int(),
});
const labour = part.omit({ partNumber: true }).extend({
  // Versions frozen before flat prices existed were all hourly.
  pricing: z.enum(["hourly", "flat"]).default("hourly"),
  parts: z.array(part),
  netWithParts: z.number().int(),
});
export const snapshotSchema = z.object({ labour: z.array(labour) });
export { totalsSchema };
export type Snapshot = z.infer<typeof snapshotSchema>;

export function snapshotOf(rows: readonly EstimateLineRow[]) {
  const labourLines = toLabourLines(rows);
  const computed = estimateTotals(labourLines);
  const snapshot: Snapshot = {
    labour: labourLines.map((l, i) => {
      const t = computed.labour[i]!;
      return {
        id: l.id,
        description: l.row.description,
        quantityMilli: l.quantityMilli,
        unitPrice: l.unitPrice,
        pricing: l.row.pricing,
        taxRateBp: l.taxRateBp,
        net: t.net,
        netWithParts: t.netWithParts,
        parts: l.partRows.map((p, j) => ({
          id: p.id,
          description: p.description,
          partNumber: p.partNumber,
          quantityMilli: p.quantityMilli,
          unitPrice: p.unitPrice,
          taxRateBp: p.taxRateBp,
          net: t.parts[j]!.net,
        })),
      };
    }),
  };
  return { snapshot, totals: computed.totals, labourLines };
}
