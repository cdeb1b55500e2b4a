// The one schema definition. drizzle-kit generates the numbered SQL migrations in ./drizzle from it;
// never push it to a database directly.
import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AccountingSettings } from "../domain/accounting";
import type { ApiScope } from "../domain/api-scopes";
import type { BookingStatus } from "../domain/booking";
import type { CustomerType, Language } from "../domain/customer";
import type { DunningLevel } from "../domain/dunning";
import type { EInvoiceFormat } from "../domain/e-invoice/format";
import type { DisputedLine, EstimateStatus } from "../domain/estimate";
import type { PartAvailability, RecommendationStatus } from "../domain/extension";
import type { Rating, TemplateItem } from "../domain/inspection";
import type { InvoiceLine } from "../domain/invoice";
import type { PaymentMethod, StandingStatus } from "../domain/invoice-case";
import type {
  UploadExtraction,
  UploadReason,
  UploadSourceKind,
  UploadStatus,
} from "../domain/invoice-upload";
import type { CustomerLinkPurpose } from "../domain/link-tokens";
import type { Totals } from "../domain/money";
import type { NoticeParams } from "../domain/notices";
import type { StaffRole } from "../domain/permissions";
import type { JobStatus, WorkOrderStatus } from "../domain/work-order";

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/** Raw bytes (a document's content), kept in the database so storing it is part of the transaction. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

// Lists at volume (docs/ARCHITECTURE.md): each list's filters and sort have a btree index led by the
// tenancy columns, so page 400 is an index range, not a sort of every match; substring search uses
// pg_trgm GIN indexes. An index with ascending columns serves an all-descending ORDER BY by scanning
// backwards, so the indexes below stay ascending (drizzle-kit writes .desc() as DESC NULLS LAST, which
// a plain ORDER BY … DESC cannot use).

/**
 * What a list's search looks through, kept in the row: the searched fields in lower case, one per
 * line (nobody types a line break into a search box, so a match never spans two fields). Matching
 * is `search_text LIKE lower('%…%')` through one trigram index, and the index's recheck is one
 * case-sensitive LIKE per row instead of an ILIKE per field, which lower-cases every field again.
 */
const searchTextOf = (...fields: SQL[]) =>
  sql`lower(${sql.join(
    fields.map((f) => sql`coalesce(${f}, '')`),
    sql` || chr(10) || `,
  )})`;

/**
 * Booking requests waiting for someone (new, awaiting the shop or the customer) sort first: 0, the
 * rest 1. The list orders by this expression and its indexes hold the same one.
 */
export const bookingOpenRank = (status: AnyPgColumn) =>
  sql`(case when ${status} in ('new', 'awaiting_customer', 'awaiting_shop') then 0 else 1 end)`;

/** An estimate waiting for the customer's decision (the portal's Pending Approval comes first). */
export const estimatePendingApproval = (status: AnyPgColumn) => sql`(${status} = 'awaiting_customer')`;

/** An order extension waiting for the customer's decision (listed first in the portal). */
export const extensionWaiting = (status: AnyPgColumn) => sql`(${status} = 'sent')`;

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** Every tenant row belongs to an organisation and one of its locations (DESIGN.md, Tenancy). */
const tenancy = () => ({
  organisationId: text("organisation_id")
    .notNull()
    .references(() => organisations.id),
  locationId: text("location_id")
    .notNull()
    .references(() => locations.id),
});

export const locations = pgTable(
  "locations",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    currency: text("currency").notNull(),
    locale: text("locale").notNull(),
    legalName: text("legal_name").notNull(),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    country: text("country").notNull(),
    vatId: text("vat_id"),
    /**
     * The commercial register entry and the managing directors a German GmbH must print on every
     * business letter, invoices and estimates included (§35a GmbHG).
     */
    registerCourt: text("register_court"),
    registerNumber: text("register_number"),
    managingDirectors: jsonb("managing_directors").$type<string[]>().notNull().default([]),
    iban: text("iban"),
    bic: text("bic"),
    phone: text("phone"),
    email: text("email"),
    // How many bookings the shop takes per hour; confirming beyond it needs an explicit override.
    bookingCapacityPerHour: integer("booking_capacity_per_hour").notNull().default(2),
    // The shop's hourly labour rate in minor units: Add Labour prices hours with it unless a flat price is set.
    labourRate: integer("labour_rate").notNull().default(9500),
    /**
     * Which hours an hourly job bills: what the customer approved (the estimate) or what was clocked;
     * a job whose billed hours differ from the approved by more than the tolerance (percent) is flagged.
     */
    billingMode: text("billing_mode").$type<"approved" | "clocked">().notNull().default("clocked"),
    billingTolerancePct: integer("billing_tolerance_pct").notNull().default(20),
    /** The shop's logo (a PNG in the upload folder), shown on the payment page. */
    logoKey: text("logo_key"),
    /** How the payment page takes money: the built-in sandbox (no keys) or Stripe. */
    paymentProvider: text("payment_provider").$type<"sandbox" | "stripe">().notNull().default("sandbox"),
    /** Methods the payment page offers, in this order. */
    paymentMethods: jsonb("payment_methods")
      .$type<PaymentMethod[]>()
      .notNull()
      .default(["card", "paypal", "instant_transfer", "bank_transfer", "counter"]),
    /**
     * What happens to an invoice the DMS pushes without saying: mail the payment request at once, or
     * wait for Send invoice in the shop.
     */
    dmsSendMode: text("dms_send_mode").$type<"immediately" | "on_send">().notNull().default("on_send"),
    /**
     * Webhooks may go to private, loopback or link-local addresses (an on-premises DMS in the shop's
     * own network). Off by default: a webhook URL must not let anyone probe the server's network.
     */
    webhooksAllowPrivate: boolean("webhooks_allow_private").notNull().default(false),
    /** The tax adviser's DATEV numbers and the location's accounts for the booking export (issue #15). */
    accounting: jsonb("accounting").$type<AccountingSettings>(),
    /**
     * E-invoices (issue #16): the tax number (Steuernummer, BT-32) for a seller without a VAT id, the
     * seller's electronic address (BT-34; the location's email when empty) and the format a business
     * customer gets unless their own record says otherwise.
     */
    taxNumber: text("tax_number"),
    eInvoiceAddress: text("e_invoice_address"),
    eInvoiceDefault: text("e_invoice_default").$type<EInvoiceFormat>().notNull().default("none"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("locations_organisation_idx").on(t.organisationId),
    check("locations_booking_capacity_check", sql`${t.bookingCapacityPerHour} between 1 and 100`),
    check("locations_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("locations_billing_mode_check", sql`${t.billingMode} in ('approved', 'clocked')`),
    check("locations_billing_tolerance_check", sql`${t.billingTolerancePct} between 0 and 100`),
    check("locations_dms_send_mode_check", sql`${t.dmsSendMode} in ('immediately', 'on_send')`),
    check(
      "locations_e_invoice_default_check",
      sql`${t.eInvoiceDefault} in ('none', 'zugferd', 'xrechnung_cii', 'xrechnung_ubl')`,
    ),
  ],
);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").$type<StaffRole>().notNull(),
    passwordHash: text("password_hash").notNull(),
    language: text("language").$type<Language>().notNull().default("en"),
    active: boolean("active").notNull().default(true),
    /** Also mail me my notifications (the bell is always on). */
    notifyByEmail: boolean("notify_by_email").notNull().default(false),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Login is by email alone, so an address identifies one staff user across all organisations.
    uniqueIndex("staff_users_email_key").on(t.email),
    index("staff_users_organisation_idx").on(t.organisationId),
    check(
      "staff_users_role_check",
      sql`${t.role} in ('admin', 'service_advisor', 'technician', 'parts', 'accounting')`,
    ),
    check("staff_users_language_check", sql`${t.language} in ('en', 'de')`),
  ],
);

export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    type: text("type").$type<CustomerType>().notNull(),
    displayName: text("display_name").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    companyName: text("company_name"),
    email: text("email"),
    phone: text("phone"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country").notNull().default("DE"),
    vatId: text("vat_id"),
    language: text("language").$type<Language>().notNull().default("de"),
    requiresInvoiceAuthorisation: boolean("requires_invoice_authorisation").notNull().default(false),
    paymentTermsDays: integer("payment_terms_days").notNull().default(14),
    payOnAccount: boolean("pay_on_account").notNull().default(false),
    /** No reminders for any of this customer's invoices while set (issue #15). */
    dunningPausedAt: timestamp("dunning_paused_at", { withTimezone: true }),
    /**
     * The customer agreed to payment requests and reminders by text message (issue #15): when, where
     * (the shop recorded it, or the customer in the portal) and who recorded it. Null: no texts.
     */
    smsConsentAt: timestamp("sms_consent_at", { withTimezone: true }),
    smsConsentSource: text("sms_consent_source").$type<"shop" | "portal">(),
    smsConsentById: text("sms_consent_by_id"),
    /**
     * E-invoices (issue #16): the format this customer's invoices go out in (null: the location's
     * default for a business customer, none for a private one), the buyer reference (BT-10; a public
     * buyer's Leitweg-ID) and the electronic address (BT-49; the email when empty).
     */
    eInvoiceFormat: text("e_invoice_format").$type<EInvoiceFormat>(),
    buyerReference: text("buyer_reference"),
    eInvoiceAddress: text("e_invoice_address"),
    notes: text("notes"),
    /** The DMS's id of this customer: a pushed invoice finds (and updates) the customer by it. */
    externalId: text("external_id"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Name, person, company, email, phone and city for the customer search (see searchTextOf). */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL =>
        searchTextOf(
          sql`${customers.displayName}`,
          sql`coalesce(${customers.firstName}, '') || ' ' || coalesce(${customers.lastName}, '')`,
          sql`${customers.companyName}`,
          sql`${customers.email}`,
          sql`${customers.phone}`,
          sql`${customers.city}`,
        ),
    ),
  },
  (t) => [
    index("customers_list_idx").on(t.organisationId, t.locationId, t.displayName, t.id),
    index("customers_type_idx").on(t.organisationId, t.locationId, t.type, t.displayName, t.id),
    index("customers_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    // Other lists find customers by name; a one- or two-character search matches its start.
    index("customers_display_name_trgm").using("gin", t.displayName.op("gin_trgm_ops")),
    // Upload invoice (issue #17) finds the buyer of a document by VAT id, else email, else postal
    // code and name: each an index range within the location, whatever the size of the customer list.
    index("customers_vat_id_idx")
      .on(t.locationId, sql`upper(replace(${t.vatId}, ' ', ''))`)
      .where(sql`${t.vatId} is not null`),
    index("customers_email_idx").on(t.locationId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    index("customers_postal_code_idx").on(t.locationId, t.postalCode).where(sql`${t.postalCode} is not null`),
    uniqueIndex("customers_external_id_key")
      .on(t.locationId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    check("customers_type_check", sql`${t.type} in ('private', 'business')`),
    check("customers_language_check", sql`${t.language} in ('en', 'de')`),
    check("customers_payment_terms_check", sql`${t.paymentTermsDays} between 0 and 365`),
    check(
      "customers_e_invoice_format_check",
      sql`${t.eInvoiceFormat} in ('none', 'zugferd', 'xrechnung_cii', 'xrechnung_ubl')`,
    ),
  ],
);

export const portalAccounts = pgTable(
  "portal_accounts",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    language: text("language").$type<Language>().notNull().default("de"),
    active: boolean("active").notNull().default(true),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("portal_accounts_email_key").on(t.email),
    index("portal_accounts_customer_idx").on(t.customerId),
    check("portal_accounts_language_check", sql`${t.language} in ('en', 'de')`),
  ],
);

export const units = pgTable(
  "units",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    vin: text("vin"),
    plate: text("plate"),
    make: text("make").notNull(),
    model: text("model").notNull(),
    year: integer("year"),
    fleetNumber: text("fleet_number"),
    odometerKm: integer("odometer_km"),
    engineHours: integer("engine_hours"),
    /** The DMS's id of this vehicle: a pushed invoice finds (and updates) the unit by it. */
    externalId: text("external_id"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Plate, fleet number, VIN, make and model for the unit search (see searchTextOf). */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL =>
        searchTextOf(
          sql`${units.plate}`,
          sql`${units.fleetNumber}`,
          sql`${units.vin}`,
          sql`${units.make}`,
          sql`${units.model}`,
        ),
    ),
  },
  (t) => [
    index("units_list_idx").on(t.organisationId, t.locationId, t.plate, t.id),
    // A customer's units in list order (the portal's My Units; a search by the customer's name), and
    // their count; tenancy last, so that is an index-only range.
    index("units_customer_idx").on(t.customerId, t.plate, t.id, t.organisationId, t.locationId),
    index("units_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    // Estimates and work orders find units by plate (and fleet number); one or two characters match their start.
    index("units_plate_trgm").using("gin", t.plate.op("gin_trgm_ops")),
    index("units_fleet_number_trgm").using("gin", t.fleetNumber.op("gin_trgm_ops")),
    uniqueIndex("units_vin_key").on(t.organisationId, t.vin).where(sql`${t.vin} is not null`),
    uniqueIndex("units_external_id_key")
      .on(t.locationId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    check("units_odometer_check", sql`${t.odometerKm} is null or ${t.odometerKm} >= 0`),
    check("units_engine_hours_check", sql`${t.engineHours} is null or ${t.engineHours} >= 0`),
  ],
);

export const unitReadings = pgTable(
  "unit_readings",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    odometerKm: integer("odometer_km"),
    engineHours: integer("engine_hours"),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
    source: text("source").$type<"shop" | "portal">().notNull(),
    note: text("note"),
    override: boolean("override").notNull().default(false),
    recordedByKind: text("recorded_by_kind").notNull(),
    recordedById: text("recorded_by_id").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_readings_unit_idx").on(t.unitId, t.readAt, t.createdAt),
    check("unit_readings_source_check", sql`${t.source} in ('shop', 'portal')`),
    check("unit_readings_some_value_check", sql`${t.odometerKm} is not null or ${t.engineHours} is not null`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie's token: a database leak does not hand out live sessions.
    tokenHash: text("token_hash").primaryKey(),
    subjectKind: text("subject_kind").$type<"staff" | "portal">().notNull(),
    subjectId: text("subject_id").notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    csrfToken: text("csrf_token").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("sessions_subject_idx").on(t.subjectKind, t.subjectId),
    check("sessions_subject_kind_check", sql`${t.subjectKind} in ('staff', 'portal')`),
  ],
);

/**
 * Sign-in attempts per account (app/support/auth/login-throttle.ts), shared by every API process. The key is
 * the SHA-256 of audience and email (or of a trusted browser and that account), so an unknown email
 * is counted exactly like a real one and what a stranger typed is not stored. A success deletes the
 * row; rows quiet for an hour are purged.
 */
export const loginThrottles = pgTable(
  "login_throttles",
  {
    key: text("key").primaryKey(),
    attempts: integer("attempts").notNull(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("login_throttles_last_attempt_idx").on(t.lastAttemptAt)],
);

/**
 * Browsers that signed in to an account before (a `pitlane_device` cookie, stored as its SHA-256):
 * their attempts are counted on their own, so strangers guessing an account's password cannot lock
 * its owner out of a browser the owner already uses.
 */
export const loginDevices = pgTable(
  "login_devices",
  {
    tokenHash: text("token_hash").notNull(),
    accountKey: text("account_key").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tokenHash, t.accountKey] }),
    index("login_devices_expires_idx").on(t.expiresAt),
  ],
);

/**
 * A location's API keys for its DMS. The key itself is shown once and stored only as its SHA-256;
 * `visiblePrefix` (pl_live_ + 6 characters) lets an admin tell keys apart.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    name: text("name").notNull(),
    visiblePrefix: text("visible_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: jsonb("scopes").$type<ApiScope[]>().notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: text("revoked_by_id").references(() => staffUsers.id),
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    index("api_keys_location_idx").on(t.organisationId, t.locationId, t.createdAt),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    locationId: text("location_id").references(() => locations.id),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note"),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("audit_events_id_key").on(t.id),
    index("audit_events_entity_idx").on(t.organisationId, t.entityType, t.entityId),
    check(
      "audit_events_actor_kind_check",
      sql`${t.actorKind} in ('staff', 'portal', 'system', 'link', 'api_key')`,
    ),
  ],
);

export const mailMessages = pgTable(
  "mail_messages",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    locationId: text("location_id").references(() => locations.id),
    /** Email, or a text message (issue #15): its `to` is then the phone number in E.164. */
    channel: text("channel").$type<"email" | "sms">().notNull().default("email"),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text_body").notNull(),
    html: text("html_body"),
    /** Files sent with the message (a calendar invitation, later invoices), content base64-encoded. */
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status").$type<"queued" | "sent" | "stored" | "failed">().notNull().default("queued"),
    /**
     * The customer link (customer_links.token_hash) the mail carries, if any: the Outbox masks the
     * token and offers Resend instead, which needs to know the link without reading the body.
     */
    linkTokenHash: text("link_token_hash"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_messages_list_idx").on(t.organisationId, t.locationId, t.createdAt, t.id),
    check("mail_messages_status_check", sql`${t.status} in ('queued', 'sent', 'stored', 'failed')`),
    check("mail_messages_channel_check", sql`${t.channel} in ('email', 'sms')`),
  ],
);

/** Opening hours per location and ISO weekday (1 = Monday); a weekday without a row is closed. */
export const openingHours = pgTable(
  "opening_hours",
  {
    ...tenancy(),
    weekday: integer("weekday").notNull(),
    opens: text("opens").notNull(),
    closes: text("closes").notNull(),
  },
  (t) => [
    uniqueIndex("opening_hours_location_weekday_key").on(t.locationId, t.weekday),
    check("opening_hours_weekday_check", sql`${t.weekday} between 1 and 7`),
    check(
      "opening_hours_times_check",
      sql`${t.opens} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.closes} ~ '^[0-2][0-9]:[0-5][0-9]$' and ${t.opens} < ${t.closes}`,
    ),
  ],
);

export const bookingRequests = pgTable(
  "booking_requests",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    status: text("status").$type<BookingStatus>().notNull(),
    // Wall-clock date and time in the location's zone: a DST change never moves an appointment.
    requestedDate: date("requested_date", { mode: "string" }).notNull(),
    requestedTime: text("requested_time").notNull(),
    /** The time on the table now, and which side put it there. */
    proposedDate: date("proposed_date", { mode: "string" }).notNull(),
    proposedTime: text("proposed_time").notNull(),
    proposedBy: text("proposed_by").$type<"shop" | "customer">().notNull(),
    notes: text("notes"),
    declineReason: text("decline_reason"),
    capacityOverride: boolean("capacity_override").notNull().default(false),
    estimateId: text("estimate_id"),
    createdByKind: text("created_by_kind").$type<"staff" | "portal">().notNull(),
    createdById: text("created_by_id").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // status last: an expression's columns must be in the index as themselves for an index-only scan.
    index("booking_requests_list_idx").on(
      t.organisationId,
      t.locationId,
      bookingOpenRank(t.status),
      t.proposedDate,
      t.proposedTime,
      t.id,
      t.status,
    ),
    index("booking_requests_status_idx").on(
      t.organisationId,
      t.locationId,
      t.status,
      t.proposedDate,
      t.proposedTime,
      t.id,
    ),
    index("booking_requests_slot_idx").on(t.locationId, t.proposedDate, t.status),
    // A customer's or a unit's requests (the portal's list; a search that found customers or
    // units), with status and tenancy last so that they are an index-only range.
    index("booking_requests_customer_idx").on(
      t.customerId,
      bookingOpenRank(t.status),
      t.proposedDate,
      t.proposedTime,
      t.id,
      t.status,
      t.organisationId,
      t.locationId,
    ),
    index("booking_requests_unit_idx").on(
      t.unitId,
      t.proposedDate,
      t.proposedTime,
      t.id,
      t.status,
      t.organisationId,
      t.locationId,
    ),
    check(
      "booking_requests_status_check",
      sql`${t.status} in ('new', 'awaiting_customer', 'awaiting_shop', 'confirmed', 'declined', 'cancelled')`,
    ),
    check("booking_requests_proposed_by_check", sql`${t.proposedBy} in ('shop', 'customer')`),
  ],
);

/**
 * An estimate for a unit. `status` follows domain/estimate.ts; `version` counts optimistic saves of the
 * working copy; `currentVersion` is the last version submitted to the customer (0 while a draft).
 */
export const estimates = pgTable(
  "estimates",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    /** EST-<year>-<seq>, gapless per location and year. */
    number: text("number").notNull(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    bookingRequestId: text("booking_request_id").references(() => bookingRequests.id),
    status: text("status").$type<EstimateStatus>().notNull().default("draft"),
    currency: text("currency").notNull(),
    poNumber: text("po_number"),
    currentVersion: integer("current_version").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Number and PO for the estimate search (see searchTextOf). */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL => searchTextOf(sql`${estimates.number}`, sql`${estimates.poNumber}`),
    ),
  },
  (t) => [
    index("estimates_list_idx").on(t.organisationId, t.locationId, t.updatedAt, t.id),
    index("estimates_status_idx").on(t.organisationId, t.locationId, t.status, t.updatedAt, t.id),
    // A customer's or a unit's estimates (the portal's Pending Approval; a search that found customers
    // or units). Status and tenancy last make them an index-only range (an expression's columns must
    // be in the index as themselves for that).
    index("estimates_customer_idx").on(
      t.customerId,
      estimatePendingApproval(t.status),
      t.updatedAt,
      t.id,
      t.status,
      t.organisationId,
      t.locationId,
    ),
    index("estimates_unit_idx").on(t.unitId, t.updatedAt, t.id, t.status, t.organisationId, t.locationId),
    index("estimates_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    uniqueIndex("estimates_number_key").on(t.locationId, t.number),
    check(
      "estimates_status_check",
      sql`${t.status} in ('draft', 'awaiting_customer', 'disputed', 'revising', 'approved', 'declined')`,
    ),
  ],
);

/** The shop's working copy of an estimate's lines; frozen into estimate_versions on Submit. */
export const estimateLines = pgTable(
  "estimate_lines",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    estimateId: text("estimate_id")
      .notNull()
      .references(() => estimates.id),
    kind: text("kind").$type<"labour" | "part">().notNull(),
    /** A part's labour line; every part belongs to one. */
    labourLineId: text("labour_line_id"),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    partNumber: text("part_number"),
    /** Labour: hours; parts: quantity (both in thousandths). */
    quantityMilli: integer("quantity_milli").notNull(),
    /** Labour: the hourly rate, or the whole price when pricing is flat; parts: the price of one. */
    unitPrice: integer("unit_price").notNull(),
    pricing: text("pricing").$type<"hourly" | "flat">().notNull().default("hourly"),
    taxRateBp: integer("tax_rate_bp").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("estimate_lines_pricing_check", sql`${t.pricing} in ('hourly', 'flat')`),
    index("estimate_lines_estimate_idx").on(t.estimateId, t.position),
    check("estimate_lines_kind_check", sql`${t.kind} in ('labour', 'part')`),
    check(
      "estimate_lines_parent_check",
      sql`(${t.kind} = 'labour' and ${t.labourLineId} is null) or (${t.kind} = 'part' and ${t.labourLineId} is not null)`,
    ),
    check("estimate_lines_quantity_check", sql`${t.quantityMilli} > 0`),
    check("estimate_lines_tax_check", sql`${t.taxRateBp} between 0 and 10000`),
  ],
);

/** A submitted version: what the customer saw, frozen (lines and totals as JSON). */
export const estimateVersions = pgTable(
  "estimate_versions",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    estimateId: text("estimate_id")
      .notNull()
      .references(() => estimates.id),
    versionNo: integer("version_no").notNull(),
    lines: jsonb("lines").notNull(),
    totals: jsonb("totals").notNull(),
    note: text("note"),
    submittedById: text("submitted_by_id").notNull(),
    submittedByName: text("submitted_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("estimate_versions_no_key").on(t.estimateId, t.versionNo)],
);

/** Consent records: who decided what on which version, with what they saw. Never changed. */
export const estimateDecisions = pgTable(
  "estimate_decisions",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    estimateId: text("estimate_id")
      .notNull()
      .references(() => estimates.id),
    versionNo: integer("version_no").notNull(),
    decision: text("decision").$type<"approve" | "decline" | "dispute">().notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    /** Set when staff record a decision the customer gave by phone. */
    onBehalf: boolean("on_behalf").notNull().default(false),
    approvedLineIds: jsonb("approved_line_ids").$type<string[]>().notNull().default([]),
    declinedLineIds: jsonb("declined_line_ids").$type<string[]>().notNull().default([]),
    disputedLines: jsonb("disputed_lines").$type<DisputedLine[]>().notNull().default([]),
    reason: text("reason"),
    totalsSeen: jsonb("totals_seen").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    index("estimate_decisions_estimate_idx").on(t.estimateId, t.versionNo),
    check("estimate_decisions_decision_check", sql`${t.decision} in ('approve', 'decline', 'dispute')`),
  ],
);

/**
 * Work on a unit that came out of an estimate decision: approved labour lines are Work Required on the
 * service board; declined ones stay on the unit as declined work for follow-up.
 */
export const workItems = pgTable(
  "work_items",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    /** The estimate the work came from; null for a recommendation the customer declined on an extension. */
    estimateId: text("estimate_id").references(() => estimates.id),
    labourLineId: text("labour_line_id"),
    versionNo: integer("version_no"),
    recommendationId: text("recommendation_id"),
    description: text("description").notNull(),
    /** Net of the labour line with its parts, in the estimate's currency. */
    net: integer("net").notNull(),
    status: text("status").$type<"required" | "declined">().notNull(),
    /**
     * The job that carries out this work, once it is on a work order: a projection of
     * `jobs.work_item_id`, written in the transaction that adds the job, so the Service Board finds
     * the work still waiting without an anti-join over every job.
     */
    jobId: text("job_id"),
    /**
     * Approved and not yet on a work order: the Service Board's Work Required. One column, so the
     * planner knows how few rows it is (status and job_id alone suggest thousands).
     */
    waiting: boolean("waiting").generatedAlwaysAs(
      (): SQL => sql`${workItems.status} = 'required' and ${workItems.jobId} is null`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    index("work_items_unit_idx").on(t.unitId, t.status),
    // Work Required on the Service Board: approved, not yet on a work order.
    index("work_items_waiting_idx").on(t.organisationId, t.locationId, t.createdAt).where(sql`${t.waiting}`),
    uniqueIndex("work_items_line_key").on(t.estimateId, t.labourLineId),
    uniqueIndex("work_items_recommendation_key").on(t.recommendationId),
    check("work_items_status_check", sql`${t.status} in ('required', 'declined')`),
  ],
);

/** Next number per location, kind and year; taken under a row lock, so numbers have no gaps. */
export const documentSequences = pgTable(
  "document_sequences",
  {
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id),
    kind: text("kind").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [uniqueIndex("document_sequences_key").on(t.locationId, t.kind, t.year)],
);

/**
 * Links mailed to customers without a portal account. The token is stored only as its hash; a link
 * serves one purpose for one record, once, until it expires.
 */
export const customerLinks = pgTable(
  "customer_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    ...tenancy(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    purpose: text("purpose").$type<CustomerLinkPurpose>().notNull(),
    subjectId: text("subject_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** The shop withdrew the link (a cancelled payment link): the page says so. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Who cancelled it (a staff member); null when replaced by a new send or never cancelled. */
    revokedById: text("revoked_by_id"),
    /** When the customer first opened the page behind the link (the invoice shows it). */
    openedAt: timestamp("opened_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("customer_links_subject_idx").on(t.subjectId),
    check(
      "customer_links_purpose_check",
      sql`${t.purpose} in ('booking-response', 'estimate-response', 'extension-response', 'invoice-payment')`,
    ),
  ],
);

/**
 * A work order (repair order): opened by the first Clock On to a unit's approved work, numbered
 * WO-<year>-<seq> per location. Its jobs are copied from the approved estimate lines, so later
 * changes to an estimate never change work already ordered.
 */
export const workOrders = pgTable(
  "work_orders",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    number: text("number").notNull(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    status: text("status").$type<WorkOrderStatus>().notNull().default("in_progress"),
    currency: text("currency").notNull(),
    poNumber: text("po_number"),
    /** Set by the shop while the order waits for parts to arrive (a Service Board column). */
    waitingForParts: boolean("waiting_for_parts").notNull().default(false),
    /** The lines handed to invoicing when the order was invoiced, frozen. */
    billing: jsonb("billing"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    unitReadyAt: timestamp("unit_ready_at", { withTimezone: true }),
    readyToSubmitAt: timestamp("ready_to_submit_at", { withTimezone: true }),
    invoicedAt: timestamp("invoiced_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Number and PO for the work order search (see searchTextOf). */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL => searchTextOf(sql`${workOrders.number}`, sql`${workOrders.poNumber}`),
    ),
  },
  (t) => [
    uniqueIndex("work_orders_number_key").on(t.locationId, t.number),
    index("work_orders_list_idx").on(t.organisationId, t.locationId, t.openedAt, t.id),
    index("work_orders_status_idx").on(t.organisationId, t.locationId, t.status, t.openedAt, t.id),
    // A customer's or a unit's orders (the portal's lists; a search that found customers or units),
    // with status and tenancy last so that they are an index-only range.
    index("work_orders_customer_idx").on(
      t.customerId,
      t.openedAt,
      t.id,
      t.status,
      t.organisationId,
      t.locationId,
    ),
    index("work_orders_customer_status_idx").on(
      t.customerId,
      t.status,
      t.openedAt,
      t.id,
      t.organisationId,
      t.locationId,
    ),
    index("work_orders_unit_idx").on(t.unitId, t.openedAt, t.id, t.status, t.organisationId, t.locationId),
    index("work_orders_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    // One order at a time per unit is being worked on; approved work joins it.
    uniqueIndex("work_orders_one_open_per_unit")
      .on(t.unitId)
      .where(sql`${t.status} in ('in_progress', 'unit_ready', 'ready_to_submit', 'awaiting_authorization')`),
    check(
      "work_orders_status_check",
      sql`${t.status} in ('in_progress', 'unit_ready', 'ready_to_submit', 'awaiting_authorization', 'invoiced')`,
    ),
  ],
);

/** A job on a work order: one approved labour line (or, later, an approved recommendation). */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    /** The Work Required item it came from; each item is ordered once. */
    workItemId: text("work_item_id").references(() => workItems.id),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    pricing: text("pricing").$type<"hourly" | "flat">().notNull(),
    estimatedHoursMilli: integer("estimated_hours_milli").notNull(),
    unitPrice: integer("unit_price").notNull(),
    taxRateBp: integer("tax_rate_bp").notNull(),
    status: text("status").$type<JobStatus>().notNull().default("to_do"),
    finishedById: text("finished_by_id").references(() => staffUsers.id),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("jobs_order_idx").on(t.workOrderId, t.position),
    uniqueIndex("jobs_work_item_key").on(t.workItemId),
    check("jobs_status_check", sql`${t.status} in ('to_do', 'started', 'done')`),
    check("jobs_pricing_check", sql`${t.pricing} in ('hourly', 'flat')`),
  ],
);

/** Parts used on a job: copied from the estimate, or added by the parts department. */
export const jobParts = pgTable(
  "job_parts",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id),
    description: text("description").notNull(),
    partNumber: text("part_number"),
    quantityMilli: integer("quantity_milli").notNull(),
    unitPrice: integer("unit_price").notNull(),
    taxRateBp: integer("tax_rate_bp").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("job_parts_job_idx").on(t.jobId)],
);

/** A technician's time on a job, from Clock On to Clock Off. */
export const timeEntries = pgTable(
  "time_entries",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id),
    technicianId: text("technician_id")
      .notNull()
      .references(() => staffUsers.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("time_entries_job_idx").on(t.jobId),
    index("time_entries_order_idx").on(t.workOrderId),
    // A technician is on one job at a time, whatever the application does.
    uniqueIndex("time_entries_one_running_per_technician")
      .on(t.technicianId)
      .where(sql`${t.endedAt} is null`),
    check("time_entries_span_check", sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** Inspection checklists per location; one is the default a new inspection starts from. */
export const inspectionTemplates = pgTable(
  "inspection_templates",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    name: text("name").notNull(),
    /** [{ area, label }] in the order the technician walks round the vehicle. */
    items: jsonb("items").$type<TemplateItem[]>().notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("inspection_templates_location_idx").on(t.locationId),
    uniqueIndex("inspection_templates_one_default").on(t.locationId).where(sql`${t.isDefault}`),
  ],
);

/** The inspection of a work order: items copied from a template, so editing it later changes nothing here. */
export const inspections = pgTable(
  "inspections",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    templateName: text("template_name").notNull(),
    status: text("status").$type<"in_progress" | "complete">().notNull().default("in_progress"),
    startedById: text("started_by_id").notNull(),
    completedById: text("completed_by_id"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("inspections_work_order_key").on(t.workOrderId),
    check("inspections_status_check", sql`${t.status} in ('in_progress', 'complete')`),
  ],
);

export const inspectionItems = pgTable(
  "inspection_items",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    position: integer("position").notNull(),
    area: text("area").notNull(),
    label: text("label").notNull(),
    rating: text("rating").$type<Rating>(),
    note: text("note"),
    /** The technician thinks parts are needed: the parts department hears when the inspection completes. */
    partsNeeded: boolean("parts_needed").notNull().default(false),
    ratedById: text("rated_by_id"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("inspection_items_inspection_idx").on(t.inspectionId, t.position),
    check(
      "inspection_items_rating_check",
      sql`${t.rating} is null or ${t.rating} in ('ok', 'attention', 'urgent')`,
    ),
  ],
);

/** A photo of an inspection item: validated, resized and stripped of metadata before it is stored. */
export const inspectionPhotos = pgTable(
  "inspection_photos",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    itemId: text("item_id")
      .notNull()
      .references(() => inspectionItems.id),
    /** Path of the stored JPEG, relative to the upload folder. */
    storageKey: text("storage_key").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    uploadedById: text("uploaded_by_id").notNull(),
    /** The advisor sent it back to the technician (blurred, wrong part): not shown to the customer. */
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectedById: text("rejected_by_id"),
    rejectionNote: text("rejection_note"),
    createdAt: createdAt(),
  },
  (t) => [index("inspection_photos_item_idx").on(t.itemId)],
);

/** In-app notifications (the bell); mailed too when the user chose so. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => staffUsers.id),
    kind: text("kind").notNull(),
    /**
     * The facts the notice names (domain/notices renders them in the reader's language); title and
     * body keep the English sentence, and are all that notices written before this column have.
     */
    params: jsonb("params").$type<NoticeParams>(),
    title: text("title").notNull(),
    body: text("body"),
    /** Where the notification leads in the shop app, e.g. /work-orders/wko_… */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt, t.id),
    // The bell's unread count.
    index("notifications_unread_idx").on(t.recipientId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * A recommendation from the inspection (a yellow or red item): the parts department adds parts,
 * prices and availability, the advisor prices the labour and chooses what goes to the customer.
 */
export const recommendations = pgTable(
  "recommendations",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    inspectionItemId: text("inspection_item_id").references(() => inspectionItems.id),
    description: text("description").notNull(),
    /** What the shop will do about the finding, in words for the customer (the extension shows it). */
    repairDescription: text("repair_description"),
    urgency: text("urgency").$type<"attention" | "urgent">().notNull(),
    /** The technician's finding, shown to the customer. */
    note: text("note"),
    pricing: text("pricing").$type<"hourly" | "flat">().notNull().default("hourly"),
    hoursMilli: integer("hours_milli").notNull().default(1000),
    /** Hourly rate or flat price; null until the advisor has priced the labour. */
    unitPrice: integer("unit_price"),
    taxRateBp: integer("tax_rate_bp").notNull().default(1900),
    /** The advisor chose to offer it on the next extension. */
    selected: boolean("selected").notNull().default(true),
    status: text("status").$type<RecommendationStatus>().notNull().default("open"),
    extensionId: text("extension_id"),
    jobId: text("job_id"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("recommendations_order_idx").on(t.workOrderId),
    uniqueIndex("recommendations_item_key").on(t.inspectionItemId),
    check("recommendations_status_check", sql`${t.status} in ('open', 'sent', 'approved', 'declined')`),
    check("recommendations_urgency_check", sql`${t.urgency} in ('attention', 'urgent')`),
  ],
);

export const recommendationParts = pgTable(
  "recommendation_parts",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    recommendationId: text("recommendation_id")
      .notNull()
      .references(() => recommendations.id),
    description: text("description").notNull(),
    partNumber: text("part_number"),
    quantityMilli: integer("quantity_milli").notNull(),
    unitPrice: integer("unit_price").notNull(),
    taxRateBp: integer("tax_rate_bp").notNull(),
    availability: text("availability").$type<PartAvailability>().notNull().default("in_stock"),
    createdAt: createdAt(),
  },
  (t) => [
    index("recommendation_parts_idx").on(t.recommendationId),
    check(
      "recommendation_parts_availability_check",
      sql`${t.availability} in ('in_stock', 'next_day', 'on_order')`,
    ),
  ],
);

/** An order extension sent to the customer: what they were shown, frozen, and whether they decided. */
export const orderExtensions = pgTable(
  "order_extensions",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    status: text("status").$type<"sent" | "decided">().notNull().default("sent"),
    /** The recommendations with photos, prices and totals as sent. */
    offer: jsonb("offer").notNull(),
    note: text("note"),
    sentById: text("sent_by_id").notNull(),
    sentByName: text("sent_by_name").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("order_extensions_order_idx").on(t.workOrderId),
    index("order_extensions_customer_idx").on(
      t.customerId,
      extensionWaiting(t.status),
      t.createdAt,
      t.id,
      t.status,
    ),
    // One extension at a time waits for the customer.
    uniqueIndex("order_extensions_one_open").on(t.workOrderId).where(sql`${t.status} = 'sent'`),
    check("order_extensions_status_check", sql`${t.status} in ('sent', 'decided')`),
  ],
);

/** Consent records for extensions, as for estimates: never changed. */
export const extensionDecisions = pgTable(
  "extension_decisions",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    extensionId: text("extension_id")
      .notNull()
      .references(() => orderExtensions.id),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    onBehalf: boolean("on_behalf").notNull().default(false),
    approvedIds: jsonb("approved_ids").$type<string[]>().notNull(),
    declinedIds: jsonb("declined_ids").$type<string[]>().notNull(),
    /** Gross of each item as the customer saw it, and of what they approved. */
    amountsSeen: jsonb("amounts_seen").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("extension_decisions_extension_key").on(t.extensionId)],
);

/**
 * Invoices and credit notes. A draft can change; Issue gives it a gapless number per location and
 * year and freezes lines, totals, parties and dates (a trigger refuses any later change to them);
 * corrections go through a credit note. What happens afterwards (sent, delivered, booked) is the
 * case around the invoice; payments are a ledger of their own.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    kind: text("kind").$type<"invoice" | "credit_note">().notNull().default("invoice"),
    number: text("number"),
    status: text("status").$type<"draft" | "issued">().notNull().default("draft"),
    source: text("source").$type<"work_order" | "manual" | "api" | "upload">().notNull(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    unitId: text("unit_id").references(() => units.id),
    workOrderId: text("work_order_id").references(() => workOrders.id),
    /** The invoice a credit note reverses (in full or in part). */
    creditedInvoiceId: text("credited_invoice_id"),
    currency: text("currency").notNull(),
    lines: jsonb("lines").$type<InvoiceLine[]>().notNull(),
    totals: jsonb("totals").$type<Totals>().notNull(),
    /** Dates are the location's calendar days (yyyy-mm-dd). */
    serviceDate: text("service_date"),
    issueDate: text("issue_date"),
    dueDate: text("due_date"),
    note: text("note"),
    poNumber: text("po_number"),
    /**
     * The DMS's id of an invoice it pushed (source 'api'); such an invoice keeps the DMS's number in
     * `number` (never one of Pitlane's sequence) and arrives issued.
     */
    externalId: text("external_id"),
    /** Seller and buyer as printed, frozen at issue. */
    parties: jsonb("parties"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    issuedById: text("issued_by_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    sentTo: text("sent_to"),
    sentById: text("sent_by_id"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deliveredById: text("delivered_by_id"),
    deliveredTo: text("delivered_to"),
    bookedAt: timestamp("booked_at", { withTimezone: true }),
    bookedById: text("booked_by_id"),
    version: integer("version").notNull().default(1),
    // The payment position's projection: domain/invoice-case.ts `ledgerStanding` of the ledger and
    // the credit notes, written in the transaction of every change to them (app/payments/position.ts
    // `recordPosition`), so lists filter, sort and sum on columns. "Overdue" is not stored: it
    // depends on today and is added when read (`statusOn`).
    receivedAmount: integer("received_amount").notNull().default(0),
    creditedAmount: integer("credited_amount").notNull().default(0),
    openAmount: integer("open_amount").notNull().default(0),
    overpaid: boolean("overpaid").notNull().default(false),
    foreignCurrency: boolean("foreign_currency").notNull().default(false),
    paymentStatus: text("payment_status").$type<StandingStatus>().notNull().default("draft"),
    /**
     * Dunning (issue #15): the highest reminder level sent for this invoice (0: none yet) and when,
     * written by the dunning run in the transaction that records the reminder, so open items show and
     * filter on it without reading the reminders. A paused invoice is not chased (the customer
     * disputes it) until the pause is lifted.
     */
    dunningLevel: integer("dunning_level").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    dunningPausedAt: timestamp("dunning_paused_at", { withTimezone: true }),
    /**
     * Fees and default interest the sent reminders charged (minor units). They are owed on top of the
     * gross, so they are part of the open amount the ledger's projection derives (`ledgerStanding`):
     * the pay link, the EPC QR and a bank transfer settle the reminder's total, not only the invoice.
     */
    dunningCharges: integer("dunning_charges").notNull().default(0),
    /** Number, PO number, customer name and plate, lower-cased, for the dashboard's search (kept by triggers). */
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.locationId, t.number).where(sql`${t.number} is not null`),
    uniqueIndex("invoices_external_id_key")
      .on(t.locationId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    uniqueIndex("invoices_work_order_key")
      .on(t.workOrderId)
      .where(sql`${t.workOrderId} is not null and ${t.kind} = 'invoice'`),
    // The dashboard's order (newest first) with the id as tie-break, so a page is an index range;
    // the search column last, so a search that matches much (and its count) is read from the index
    // alone rather than from the rows.
    index("invoices_scope_idx").on(t.organisationId, t.locationId, t.createdAt, t.id, t.searchText),
    // The same order without the search column, for the unfiltered dashboard: less than half the
    // size, so paging deep into years of invoices walks fewer pages (page 400: 9 ms → 3.5 ms).
    index("invoices_list_idx").on(t.organisationId, t.locationId, t.createdAt, t.id),
    // One partial index per dashboard filter, in the list's order and with the search column (a
    // filtered search is read from the index too); open_amount in the open one lets the open total
    // be summed from the index alone.
    index("invoices_open_idx")
      .on(t.organisationId, t.locationId, t.createdAt, t.id, t.openAmount, t.searchText)
      .where(sql`${t.kind} = 'invoice' and ${t.status} = 'issued' and ${t.openAmount} > 0`),
    // Open items (issue #15): the open invoices by due date, oldest first, carrying the open amount and
    // the customer, so a page, an aging bucket (a due-date range) and the buckets' totals are ranges
    // of this index alone.
    // Issued documents by issue date: the DATEV booking export's date range, walked by keyset (#15).
    index("invoices_issued_idx")
      .on(t.organisationId, t.locationId, t.issueDate, t.id)
      .where(sql`${t.status} = 'issued'`),
    // A customer's issued documents, newest first (the portal's Invoices, issue #15).
    index("invoices_portal_idx")
      .on(t.organisationId, t.locationId, t.customerId, t.issueDate, t.id)
      .where(sql`${t.status} = 'issued'`),
    index("invoices_open_items_idx")
      .on(t.organisationId, t.locationId, t.dueDate, t.id, t.openAmount, t.customerId)
      .where(sql`${t.kind} = 'invoice' and ${t.status} = 'issued' and ${t.openAmount} > 0`),
    index("invoices_delivered_unpaid_idx")
      .on(t.organisationId, t.locationId, t.createdAt, t.id, t.searchText)
      .where(
        sql`${t.kind} = 'invoice' and ${t.status} = 'issued' and ${t.openAmount} > 0 and ${t.deliveredAt} is not null`,
      ),
    index("invoices_paid_ready_idx")
      .on(t.organisationId, t.locationId, t.createdAt, t.id, t.searchText)
      .where(
        sql`${t.kind} = 'invoice' and ${t.status} = 'issued' and ${t.openAmount} = 0 and ${t.deliveredAt} is null`,
      ),
    index("invoices_closed_idx")
      .on(t.organisationId, t.locationId, t.createdAt, t.id, t.searchText)
      .where(
        sql`${t.kind} = 'invoice' and ${t.status} = 'issued' and ${t.openAmount} = 0 and ${t.deliveredAt} is not null and ${t.bookedAt} is not null`,
      ),
    index("invoices_credited_idx").on(t.creditedInvoiceId).where(sql`${t.creditedInvoiceId} is not null`),
    index("invoices_customer_idx").on(t.customerId),
    index("invoices_unit_idx").on(t.unitId),
    index("invoices_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("invoices_kind_check", sql`${t.kind} in ('invoice', 'credit_note')`),
    check("invoices_status_check", sql`${t.status} in ('draft', 'issued')`),
    check("invoices_number_when_issued", sql`(${t.status} = 'issued') = (${t.number} is not null)`),
    check(
      "invoices_payment_status_check",
      sql`${t.paymentStatus} in ('draft', 'invoiced', 'partially_paid', 'paid', 'credited')`,
    ),
  ],
);

/**
 * The invoice's own document where the DMS sent one: the PDF the customer gets and the shop
 * downloads instead of the one Pitlane renders. Frozen with the invoice (a trigger refuses changes).
 */
export const invoiceDocuments = pgTable(
  "invoice_documents",
  {
    invoiceId: text("invoice_id")
      .primaryKey()
      .references(() => invoices.id),
    ...tenancy(),
    content: bytea("content").notNull(),
    mediaType: text("media_type").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("invoice_documents_size_check", sql`${t.size} = octet_length(${t.content})`)],
);

/**
 * A DMS's `Idempotency-Key`: the first answer to a push under a key, kept so a repeat (a retry after
 * a timeout) gets that answer again instead of a second invoice. The body's hash tells a repeat from
 * a different request under the same key.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    ...tenancy(),
    apiKeyId: text("api_key_id").references(() => apiKeys.id),
    key: text("key").notNull(),
    requestSha256: text("request_sha256").notNull(),
    responseStatus: integer("response_status").notNull(),
    responseBody: jsonb("response_body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.key] }),
    // The hourly purge of answers past their week reads by age.
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);

/** Money in and out of an invoice: payments and refunds, from a provider or the counter. Never changed. */
export const invoicePayments = pgTable(
  "invoice_payments",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    kind: text("kind").$type<"payment" | "refund">().notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    method: text("method").notNull(),
    /** "pos" for the counter, else the provider's name. */
    source: text("source").notNull(),
    /** The provider's payment id, or the receipt number at the counter. */
    reference: text("reference"),
    recordedById: text("recorded_by_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_payments_invoice_idx").on(t.invoiceId),
    // Paid today: a range of the location's entries, summed from the index alone.
    index("invoice_payments_scope_idx").on(t.organisationId, t.locationId, t.createdAt, t.kind, t.amount),
    // One payment (or refund) per provider reference, however many events report it.
    uniqueIndex("invoice_payments_reference_key")
      .on(t.source, t.kind, t.reference)
      .where(sql`${t.source} <> 'pos'`),
    check("invoice_payments_kind_check", sql`${t.kind} in ('payment', 'refund')`),
    check("invoice_payments_amount_check", sql`${t.amount} > 0`),
  ],
);

/** A checkout started from the payment page: the provider's session for one invoice and amount. */
export const paymentSessions = pgTable(
  "payment_sessions",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    provider: text("provider").notNull(),
    /** The provider's id for the session (Stripe: cs_…). */
    providerSessionId: text("provider_session_id").notNull(),
    method: text("method").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status").$type<"open" | "paid" | "failed">().notNull().default("open"),
    failureMessage: text("failure_message"),
    /** Why it failed as a code (integrations/payments/port `FailureCode`): the page says it in the reader's language. */
    failureCode: text("failure_code"),
    /** The language the checkout was opened in (the payment page's): a checkout in another is a new one. */
    language: text("language").$type<Language>(),
    /** The payment page the customer returns to (it carries the link's token, so it is never logged). */
    returnUrl: text("return_url").notNull(),
    /** Where the provider's checkout page is, so a second click goes back to the same one. */
    checkoutUrl: text("checkout_url").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payment_sessions_provider_key").on(t.provider, t.providerSessionId),
    index("payment_sessions_invoice_idx").on(t.invoiceId),
  ],
);

/**
 * Every provider event, stored once under (provider, event id): a repeat delivery is a no-op. The
 * outcome says what it did: recorded a payment or refund, flagged a mismatch for review, or nothing;
 * "malformed" is a signed body that could not be read (keyed by the body's hash, the reason in detail).
 */
export const providerEvents = pgTable(
  "provider_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    organisationId: text("organisation_id"),
    invoiceId: text("invoice_id"),
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    payload: jsonb("payload").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.eventId] }),
    index("provider_events_invoice_idx").on(t.invoiceId),
    // Refunds parked until their payment arrives, looked up on every payment recorded.
    index("provider_events_unmatched_idx").on(t.provider, t.detail).where(sql`${t.outcome} = 'unmatched'`),
  ],
);

/**
 * Money a provider reported that Pitlane did not count, for a person to review: a refund beyond what
 * its payment brought (the ledger records the refund up to the payment; the excess is here). Shown
 * on the invoice until someone marks it reviewed.
 */
export const paymentReviews = pgTable(
  "payment_reviews",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    kind: text("kind").$type<"refund-excess">().notNull(),
    /** Minor units reported beyond what could be counted. */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The provider, and its id of the payment the report was about. */
    source: text("source").notNull(),
    reference: text("reference").notNull(),
    /** The running refunded total of the report that carried the excess. */
    reportedTotal: integer("reported_total").notNull(),
    /** What the payment brought, the most its refunds count. */
    paymentAmount: integer("payment_amount").notNull(),
    eventId: text("event_id").notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: text("resolved_by_id").references(() => staffUsers.id),
    resolutionNote: text("resolution_note"),
  },
  (t) => [
    // One flag per reported total of a payment, however many events repeat it.
    uniqueIndex("payment_reviews_report_key").on(t.source, t.reference, t.reportedTotal),
    // The invoice page's open reviews.
    index("payment_reviews_open_idx").on(t.invoiceId).where(sql`${t.resolvedAt} is null`),
    check("payment_reviews_kind_check", sql`${t.kind} in ('refund-excess')`),
    check("payment_reviews_amount_check", sql`${t.amount} > 0`),
  ],
);

/**
 * How many rows each list has, kept as deltas: a trigger on each listed table (drizzle/0013) inserts
 * -1/+1 for the key a row leaves and enters (location, customer or '' for the whole location, bucket:
 * the status or the invoice's case state), so a list's total is a sum over a few index entries
 * instead of a count over up to 10,000 rows on every page. Inserting, never updating, keeps concurrent
 * writers from waiting on one counter row. A job folds each key's deltas into one `compacted` row.
 */
export const listCountDeltas = pgTable(
  "list_count_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    locationId: text("location_id").notNull(),
    /** The table the list shows. */
    list: text("list").notNull(),
    /** '' counts the whole location; a customer id counts that customer's rows (the portal's lists). */
    customerId: text("customer_id").notNull(),
    bucket: text("bucket").notNull(),
    /** Rows (+1/-1), or for a kept sum (the open amount of issued invoices) minor units. */
    delta: bigint("delta", { mode: "number" }).notNull(),
    compacted: boolean("compacted").notNull().default(false),
  },
  (t) => [
    index("list_count_deltas_key_idx").on(t.locationId, t.list, t.customerId, t.bucket, t.delta),
    index("list_count_deltas_dirty_idx")
      .on(t.locationId, t.list, t.customerId, t.bucket)
      .where(sql`not ${t.compacted}`),
  ],
);

/** PostgreSQL's 64-bit transaction id: which transaction wrote a feed event (see integrationEvents). */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/**
 * Integration events: what a DMS hears about an invoice (sent, paid, delivered, booked, …), written in
 * the transaction of the change (the outbox). `seq` is the pull feed's cursor. Sequence numbers are
 * drawn before commit, so a later number can commit first; the feed only hands out events whose
 * writing transaction (`txid`) is older than every transaction still running, so a reader that moved
 * its cursor past an event never misses one committed later with a lower number.
 */
export const integrationEvents = pgTable(
  "integration_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull(),
    ...tenancy(),
    type: text("type").notNull(),
    /** Null only for a test event (webhook.test), which is no invoice's and not in the feed. */
    invoiceId: text("invoice_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    txid: xid8("txid").notNull().default(sql`pg_current_xact_id()`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("integration_events_id_key").on(t.id),
    index("integration_events_feed_idx").on(t.locationId, t.seq),
    index("integration_events_invoice_idx").on(t.invoiceId, t.type),
    // An invoice is overdue once: the daily job may run again, or twice at once.
    uniqueIndex("integration_events_overdue_key").on(t.invoiceId).where(sql`${t.type} = 'invoice.overdue'`),
  ],
);

/** A shop's webhook endpoint: where to POST which event types, signed with its secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    url: text("url").notNull(),
    description: text("description"),
    eventTypes: jsonb("event_types").$type<string[]>().notNull(),
    /**
     * The signing secret (`whsec_…` + base64). Kept as is because it signs every delivery (a hash
     * could not); shown once at creation, never in a list, a log or the audit trail.
     */
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** When the current run of failures began; cleared by a success. Three days of it disable the endpoint. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_location_idx").on(t.organisationId, t.locationId, t.createdAt)],
);

/** One event for one endpoint: pending (not tried yet), failed (retrying), delivered or gave_up. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventSeq: bigint("event_seq", { mode: "number" })
      .notNull()
      .references(() => integrationEvents.seq),
    /** Copied from the event: deliveries of one invoice to one endpoint go out in event order. */
    invoiceId: text("invoice_id"),
    status: text("status")
      .$type<"pending" | "failed" | "delivered" | "gave_up">()
      .notNull()
      .default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A sender holds the delivery until then (a lease, not a lock: the HTTP call runs outside any transaction). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** The first attempt of the current run: retries stop three days (WEBHOOK_GIVE_UP_AFTER_MS) after it. */
    firstAttemptAt: timestamp("first_attempt_at", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastResponseStatus: integer("last_response_status"),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "webhook_deliveries_status_check",
      sql`${t.status} in ('pending', 'failed', 'delivered', 'gave_up')`,
    ),
    index("webhook_deliveries_log_idx").on(t.endpointId, t.eventSeq),
    // What the sender looks for: the open deliveries, by when they are due.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'failed')`),
    // The order check: an open, earlier delivery of the same invoice to the same endpoint.
    index("webhook_deliveries_order_idx")
      .on(t.endpointId, t.invoiceId, t.eventSeq)
      .where(sql`${t.status} in ('pending', 'failed')`),
    index("webhook_deliveries_event_idx").on(t.eventSeq),
  ],
);

/** A row per delivery attempt: what the shop sees in the delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    responseStatus: integer("response_status"),
    /** The first 1 KB of the answer, for the log. */
    bodyExcerpt: text("body_excerpt"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id)],
);

/**
 * A bank statement imported (camt.053 or MT940, issue #15). The file's hash is unique per location:
 * the same file again records nothing.
 */
export const bankStatements = pgTable(
  "bank_statements",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    format: text("format").$type<"camt053" | "mt940">().notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    /** The statement's own id and the account it is of, as the bank wrote them. */
    reference: text("reference").notNull(),
    account: text("account").notNull(),
    fromDate: text("from_date"),
    toDate: text("to_date"),
    entryCount: integer("entry_count").notNull(),
    matchedCount: integer("matched_count").notNull(),
    unmatchedCount: integer("unmatched_count").notNull(),
    /** Debits, and entries an earlier statement already brought. */
    skippedCount: integer("skipped_count").notNull(),
    importedById: text("imported_by_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bank_statements_file_key").on(t.locationId, t.sha256),
    index("bank_statements_list_idx").on(t.organisationId, t.locationId, t.createdAt, t.id),
  ],
);

/**
 * One booked entry of a statement. `entryKey` (a hash of the account, the bank's reference, date,
 * amount and text) is unique per location, so an entry that two overlapping statements both carry is
 * recorded once. A matched or assigned credit points at the payment it became.
 */
export const bankStatementEntries = pgTable(
  "bank_statement_entries",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    statementId: text("statement_id")
      .notNull()
      .references(() => bankStatements.id),
    entryKey: text("entry_key").notNull(),
    bookingDate: text("booking_date").notNull(),
    valueDate: text("value_date"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    direction: text("direction").$type<"credit" | "debit">().notNull(),
    payerName: text("payer_name"),
    payerIban: text("payer_iban"),
    remittance: text("remittance").notNull().default(""),
    bankReference: text("bank_reference"),
    status: text("status").$type<"matched" | "unmatched" | "assigned" | "ignored" | "skipped">().notNull(),
    matchRule: text("match_rule").$type<"reference" | "number" | "amount_and_name" | "manual">(),
    /** Why an unmatched credit waits: no_match, more_than_open, currency, ambiguous. */
    reason: text("reason"),
    invoiceId: text("invoice_id").references(() => invoices.id),
    paymentId: text("payment_id"),
    resolvedById: text("resolved_by_id"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bank_statement_entries_key").on(t.locationId, t.entryKey),
    // The accountant's queue (and the other statuses): newest booking first, a range per status.
    index("bank_statement_entries_queue_idx").on(
      t.organisationId,
      t.locationId,
      t.status,
      t.bookingDate,
      t.id,
    ),
    index("bank_statement_entries_statement_idx").on(t.statementId),
    check("bank_statement_entries_amount_check", sql`${t.amount} > 0`),
    check(
      "bank_statement_entries_status_check",
      sql`${t.status} in ('matched', 'unmatched', 'assigned', 'ignored', 'skipped')`,
    ),
  ],
);

/** A location's dunning schedule (issue #15): one row per location, its levels in order. */
export const dunningSchedules = pgTable("dunning_schedules", {
  locationId: text("location_id")
    .primaryKey()
    .references(() => locations.id),
  organisationId: text("organisation_id")
    .notNull()
    .references(() => organisations.id),
  enabled: boolean("enabled").notNull().default(false),
  interestEnabled: boolean("interest_enabled").notNull().default(false),
  minDaysBetween: integer("min_days_between").notNull().default(7),
  levels: jsonb("levels").$type<DunningLevel[]>().notNull(),
  version: integer("version").notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One reminder of one invoice at one level: waiting for review, sent, or skipped. Unique per
 * (invoice, level), so a run that is repeated, restarted or run twice at once records it once.
 */
export const dunningNotices = pgTable(
  "dunning_notices",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    level: integer("level").notNull(),
    status: text("status").$type<"review" | "sent" | "skipped">().notNull(),
    /** The calendar day it was due (the run's today), in the location's zone. */
    dueOn: text("due_on").notNull(),
    currency: text("currency").notNull(),
    /** What was still open of the invoice itself (gross less payments and credits), when written. */
    principal: integer("principal").notNull(),
    fee: integer("fee").notNull().default(0),
    interest: integer("interest").notNull().default(0),
    flatFee: integer("flat_fee").notNull().default(0),
    /** Charges of the earlier reminders still owed, plus this one's: the total is principal + charges. */
    charges: integer("charges").notNull().default(0),
    total: integer("total").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    sentTo: text("sent_to"),
    mailMessageId: text("mail_message_id"),
    decidedById: text("decided_by_id"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("dunning_notices_invoice_level_key").on(t.invoiceId, t.level),
    // The review queue and the sent list: newest first, a range per status.
    index("dunning_notices_queue_idx").on(t.organisationId, t.locationId, t.status, t.createdAt, t.id),
    check("dunning_notices_status_check", sql`${t.status} in ('review', 'sent', 'skipped')`),
    check("dunning_notices_level_check", sql`${t.level} between 1 and 6`),
  ],
);

/**
 * An invoice document the shop uploaded (issue #17, Upload invoice): the file as it came, what the
 * reading job found in it (`extraction`: the e-invoice and the matches to the shop's records), and
 * once the advisor created the invoice case from it, that invoice. Read in a job, never in the request:
 * `reading` until the job ran, then `ready` or `unreadable` (with the reason), `created` at the end.
 */
export const invoiceUploads = pgTable(
  "invoice_uploads",
  {
    id: text("id").primaryKey(),
    ...tenancy(),
    status: text("status").$type<UploadStatus>().notNull().default("reading"),
    /** What the file is, by its content: an XML e-invoice, a PDF carrying one, another PDF, an image. */
    sourceKind: text("source_kind").$type<UploadSourceKind>(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    extraction: jsonb("extraction").$type<UploadExtraction>(),
    /** The document's own number (BT-1) and the customer it was matched to: the duplicate check's key. */
    documentNumber: text("document_number"),
    customerId: text("customer_id").references(() => customers.id),
    reason: text("reason").$type<UploadReason>(),
    message: text("message"),
    createdById: text("created_by_id"),
    invoiceId: text("invoice_id").references(() => invoices.id),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The list, newest first, as an index range.
    index("invoice_uploads_list_idx").on(t.organisationId, t.locationId, t.createdAt, t.id),
    // An upload becomes one invoice case at most: a second create loses on this key.
    uniqueIndex("invoice_uploads_invoice_key").on(t.invoiceId).where(sql`${t.invoiceId} is not null`),
    // Another upload of the same document (its number at the location).
    index("invoice_uploads_number_idx")
      .on(t.locationId, t.documentNumber)
      .where(sql`${t.documentNumber} is not null`),
    check("invoice_uploads_status_check", sql`${t.status} in ('reading', 'ready', 'unreadable', 'created')`),
    check(
      "invoice_uploads_source_kind_check",
      sql`${t.sourceKind} in ('xml', 'pdf_e_invoice', 'pdf', 'image', 'other')`,
    ),
    check("invoice_uploads_size_check", sql`${t.size} = octet_length(${t.content})`),
    check("invoice_uploads_created_check", sql`(${t.status} = 'created') = (${t.invoiceId} is not null)`),
    check("invoice_uploads_reason_check", sql`(${t.status} = 'unreadable') = (${t.reason} is not null)`),
  ],
);
