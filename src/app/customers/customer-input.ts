import { z } from "zod";
import { customerTypes, languages } from "../../domain/customer";
import { eInvoiceFormats } from "../../domain/e-invoice/format";
import { optionalEmail, optionalText } from "../support/fields";

/** The fields a shop edits on a customer; create and update share them. */
export const customerFields = z.object({
  type: z.enum(customerTypes, "Choose private or business."),
  firstName: optionalText(100),
  lastName: optionalText(100),
  companyName: optionalText(200),
  email: optionalEmail,
  phone: optionalText(50),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter country code, e.g. DE.")
    .default("DE"),
  vatId: optionalText(30),
  language: z.enum(languages, "Choose English or German.").default("de"),
  requiresInvoiceAuthorisation: z.boolean().default(false),
  paymentTermsDays: z.number().int("Whole days only.").min(0).max(365, "At most 365 days.").default(14),
  payOnAccount: z.boolean().default(false),
  notes: optionalText(2000),
  /** The e-invoice this customer's invoices go out as; null: the location's default for a business. */
  eInvoiceFormat: z
    .enum(eInvoiceFormats, "Choose none, zugferd, xrechnung_cii or xrechnung_ubl.")
    .nullable()
    .default(null),
  /** BT-10: a public buyer's Leitweg-ID (04011000-12345-34) or the reference the buyer asked for. */
  buyerReference: optionalText(100),
  /** BT-49: where the customer's system takes e-invoices; the email when empty. */
  eInvoiceAddress: optionalEmail,
});

export type CustomerFields = z.output<typeof customerFields>;

/**
 * A change names only the fields it changes. The create defaults must not apply here: a PATCH of
 * just the email would otherwise reset the language, payment terms and authorisation setting.
 */
export const customerPatch = customerFields
  .extend({
    country: customerFields.shape.country.unwrap(),
    language: customerFields.shape.language.unwrap(),
    requiresInvoiceAuthorisation: customerFields.shape.requiresInvoiceAuthorisation.unwrap(),
    paymentTermsDays: customerFields.shape.paymentTermsDays.unwrap(),
    payOnAccount: customerFields.shape.payOnAccount.unwrap(),
    eInvoiceFormat: customerFields.shape.eInvoiceFormat.unwrap(),
  })
  .partial();
