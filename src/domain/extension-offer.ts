// The offer as frozen on order_extensions.offer: exactly what the customer was shown and decided on.
import { z } from "zod";
import { totalsSchema } from "./totals-schema";

const offerPart = z.object({
  description: z.string(),
  partNumber: z.string().nullable(),
  quantityMilli: z.number().int(),
  unitPrice: z.number().int(),
  taxRateBp: z.number().int(),
  availability: z.enum(["in_stock", "next_day", "on_order"]),
});

export const offerSchema = z.object({
  workOrderNumber: z.string(),
  unitLabel: z.string(),
  plate: z.string().nullable(),
  currency: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      // Offers sent before the field existed have none.
      repairDescription: z.string().nullable().default(null),
      urgency: z.enum(["attention", "urgent"]),
      note: z.string().nullable(),
      pricing: z.enum(["hourly", "flat"]),
      hoursMilli: z.number().int(),
      unitPrice: z.number().int(),
      taxRateBp: z.number().int(),
      parts: z.array(offerPart),
      photoIds: z.array(z.string()),
      net: z.number().int(),
      gross: z.number().int(),
    }),
  ),
  totals: totalsSchema,
});

export type Offer = z.infer<typeof offerSchema>;
