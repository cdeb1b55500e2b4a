// The hand-over to invoicing: a finished work order's billable lines (labour hours approved or
// clocked, as the order's location bills them, or the flat price; parts used) and totals. Invoicing (the invoice issue) builds its invoice from exactly
// these lines; the work order keeps a frozen copy from the moment it was invoiced.

import { z } from "zod";
import { totals } from "./money";
import { totalsSchema } from "./totals-schema";
import type { BillingLine } from "./work-order";

export const billingSchema = z.object({
  lines: z.array(
    z.object({
      kind: z.enum(["labour", "part"]),
      description: z.string(),
      partNumber: z.string().nullable(),
      quantityMilli: z.number().int(),
      unitPrice: z.number().int(),
      taxRateBp: z.number().int(),
      net: z.number().int(),
    }),
  ),
  totals: totalsSchema,
});
export type Billing = z.infer<typeof billingSchema>;

export function billingOf(lines: BillingLine[]): Billing {
  return { lines, totals: totals(lines.map((l) => ({ net: l.net, taxRateBp: l.taxRateBp }))) };
}
