// How records look on the wire: the response schemas (which also feed the OpenAPI document) and the
// functions that turn rows into them. Timestamps are ISO 8601 strings in UTC.
import { z } from "zod";
import type { CustomerWithCounts } from "../db/queries/customers";
import type { MailRow, MailSummaryRow } from "../db/queries/outbox";
import { minSubstringLength } from "../db/queries/search";
import type { UnitWithCustomer } from "../db/queries/units";
import type { unitReadings } from "../db/schema";
import { eInvoiceFormats } from "../domain/e-invoice/format";
import {
  customerLinkPurposes,
  customerLinkState,
  maskMailText,
  resendPermission,
  resendRefusal,
} from "../domain/link-tokens";
import { can, type StaffRole } from "../domain/permissions";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const customerSchema = z
  .object({
    id: z.string(),
    type: z.enum(["private", "business"]),
    displayName: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    companyName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    vatId: z.string().nullable(),
    language: z.enum(["en", "de"]),
    requiresInvoiceAuthorisation: z.boolean(),
    paymentTermsDays: z.number().int(),
    payOnAccount: z.boolean(),
    notes: z.string().nullable(),
    /** The e-invoice format (null: the location's default for a business customer, none for a private one). */
    eInvoiceFormat: z.enum(eInvoiceFormats).nullable(),
    /** BT-10, e.g. a public buyer's Leitweg-ID. */
    buyerReference: z.string().nullable(),
    /** BT-49: where e-invoices go (the email when null). */
    eInvoiceAddress: z.string().nullable(),
    /** Agreed to payment requests and reminders by text message: when and where it was recorded. */
    smsConsent: z.object({ at: z.string(), source: z.enum(["shop", "portal"]) }).nullable(),
    /** Dunning is paused for all of the customer's invoices. */
    dunningPaused: z.boolean(),
    unitCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Customer" });

export function presentCustomer(c: CustomerWithCounts): z.infer<typeof customerSchema> {
  return {
    id: c.id,
    type: c.type,
    displayName: c.displayName,
    firstName: c.firstName,
    lastName: c.lastName,
    companyName: c.companyName,
    email: c.email,
    phone: c.phone,
    street: c.street,
    postalCode: c.postalCode,
    city: c.city,
    country: c.country,
    vatId: c.vatId,
    language: c.language,
    requiresInvoiceAuthorisation: c.requiresInvoiceAuthorisation,
    paymentTermsDays: c.paymentTermsDays,
    payOnAccount: c.payOnAccount,
    notes: c.notes,
    eInvoiceFormat: c.eInvoiceFormat,
    buyerReference: c.buyerReference,
    eInvoiceAddress: c.eInvoiceAddress,
    smsConsent:
      c.smsConsentAt && c.smsConsentSource
        ? { at: c.smsConsentAt.toISOString(), source: c.smsConsentSource }
        : null,
    dunningPaused: c.dunningPausedAt !== null,
    unitCount: c.unitCount,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const unitSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    vin: z.string().nullable(),
    plate: z.string().nullable(),
    make: z.string(),
    model: z.string(),
    year: z.number().int().nullable(),
    fleetNumber: z.string().nullable(),
    odometerKm: z.number().int().nullable(),
    engineHours: z.number().int().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Unit" });

export function presentUnit(u: UnitWithCustomer): z.infer<typeof unitSchema> {
  return {
    id: u.id,
    customerId: u.customerId,
    customerName: u.customerName,
    vin: u.vin,
    plate: u.plate,
    make: u.make,
    model: u.model,
    year: u.year,
    fleetNumber: u.fleetNumber,
    odometerKm: u.odometerKm,
    engineHours: u.engineHours,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export const readingSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    odometerKm: z.number().int().nullable(),
    engineHours: z.number().int().nullable(),
    readAt: z.string(),
    source: z.enum(["shop", "portal"]),
    note: z.string().nullable(),
    override: z.boolean(),
    recordedBy: z.string(),
  })
  .meta({ id: "UnitReading" });

export function presentReading(r: typeof unitReadings.$inferSelect): z.infer<typeof readingSchema> {
  return {
    id: r.id,
    unitId: r.unitId,
    odometerKm: r.odometerKm,
    engineHours: r.engineHours,
    readAt: r.readAt.toISOString(),
    source: r.source,
    note: r.note,
    override: r.override,
    recordedBy: r.recordedByName,
  };
}

const customerLinkSchema = z
  .object({
    purpose: z.enum(customerLinkPurposes),
    state: z.enum(["active", "used", "expired", "cancelled"]),
    /** The signed-in user may send it again (a fresh link to the same address). */
    resendable: z.boolean(),
  })
  .meta({
    id: "MailCustomerLink",
    description: "The customer link a mail carries. Its token is never shown: texts say …/e/••••••.",
  });

export const mailSummarySchema = z
  .object({
    id: z.string(),
    /** An email, or a text message (then `to` is the phone number). */
    channel: z.enum(["email", "sms"]),
    to: z.string(),
    subject: z.string(),
    status: z.enum(["queued", "sent", "stored", "failed"]),
    attempts: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.string(),
    /** When the SMTP server took the mail; null unless `status` is `sent` (a stored mail was never sent). */
    sentAt: z.string().nullable(),
    customerLink: customerLinkSchema.nullable(),
  })
  .meta({ id: "MailSummary" });

export const mailSchema = mailSummarySchema
  .extend({
    text: z.string(),
    html: z.string().nullable(),
    /** The files sent with the mail (their content stays on the server). */
    attachments: z.array(
      z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).meta({
        id: "MailAttachmentSummary",
      }),
    ),
  })
  .meta({ id: "Mail" });

/**
 * Staff read every mail with the customer's link tokens masked: a link is the customer's own
 * credential, and a decision staff take for a customer goes through "on the customer's behalf".
 */
export function presentMailSummary(m: MailSummaryRow, role: StaffRole): z.infer<typeof mailSummarySchema> {
  const state = m.link ? customerLinkState(m.link) : null;
  return {
    id: m.id,
    channel: m.channel,
    to: m.to,
    subject: maskMailText(m.subject),
    status: m.status,
    attempts: m.attempts,
    error: m.error === null ? null : maskMailText(m.error),
    createdAt: m.createdAt.toISOString(),
    sentAt: m.status === "sent" ? iso(m.sentAt) : null,
    customerLink:
      m.link && state
        ? {
            purpose: m.link.purpose,
            state,
            // A text is not resent from the Outbox: sending the invoice again texts it again.
            resendable:
              m.channel === "email" &&
              resendRefusal(state) === null &&
              can(role, resendPermission[m.link.purpose]),
          }
        : null,
  };
}

export const presentMail = (m: MailRow, role: StaffRole): z.infer<typeof mailSchema> => ({
  ...presentMailSummary(m, role),
  text: maskMailText(m.text),
  html: m.html === null ? null : maskMailText(m.html),
  attachments: (m.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    sizeBytes: base64Bytes(a.contentBase64),
  })),
});

/** The decoded size of base64 content, without decoding it. */
function base64Bytes(base64: string): number {
  const clean = base64.replace(/[^A-Za-z0-9+/=]/g, "");
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Matches, counted up to 10,000 (db/queries/paging.ts). */
    total: z.number().int(),
    /** More matches than `total`: show "10,000+". */
    totalCapped: z.boolean(),
  });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
};

/**
 * A location-wide document search (bookings, estimates, work orders): empty, or at least three
 * characters, as the trigram indexes need (db/queries/search.ts).
 */
export const documentSearch = z
  .string()
  .trim()
  .max(100)
  .refine((q) => q.length === 0 || q.length >= minSubstringLength, {
    message: `Type at least ${minSubstringLength} characters to search.`,
  })
  .optional();

export const idParams = z.object({ id: z.string().min(1).max(64) });

/** A calendar day as YYYY-MM-DD that exists (2026-02-30 does not): the one date type of the API. */
export const localDate = z.iso.date("Enter a date that exists, as YYYY-MM-DD.");
