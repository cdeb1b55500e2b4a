// A line's e-invoice facts (issue #16), optional on every line the API takes: without them the unit
// and the VAT category follow from the line and the customer (domain/e-invoice/tax-category.ts).
import { z } from "zod";
import { taxCategories, unitCodes } from "../../domain/e-invoice/tax-category";

export const eInvoiceLineFields = {
  unitCode: z
    .enum(unitCodes, { error: `Use a unit code of UN/ECE Rec 20: ${unitCodes.join(", ")}.` })
    .optional()
    .meta({
      description:
        "HUR hours, H87 pieces, C62 one (a service), LTR litres, KGM kilograms, MTR metres, SET sets.",
    }),
  taxCategory: z
    .enum(taxCategories, { error: `Use a VAT category: ${taxCategories.join(", ")}.` })
    .optional()
    .meta({
      description:
        "S standard, Z zero rated, E exempt (needs taxExemptionReason), AE reverse charge, K intra-community, G export, O not subject to VAT. Absent: S above 0 %, else from the customer's country and VAT ID.",
    }),
  taxExemptionReason: z.string().trim().min(1).max(200).optional(),
};
