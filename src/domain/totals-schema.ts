import { z } from "zod";

/** Totals as stored in frozen documents (estimate versions, offers, billing) and sent over the API. */
export const totalsSchema = z.object({
  net: z.number().int(),
  tax: z.number().int(),
  gross: z.number().int(),
  byRate: z.array(z.object({ rateBp: z.number().int(), net: z.number().int(), tax: z.number().int() })),
});
