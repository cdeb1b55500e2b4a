// JSON shapes returned by the Pitlane API (/api/v1). Ids are opaque strings, timestamps ISO strings.

export type Language = "en" | "de";
export type StaffRole = "admin" | "service_advisor" | "technician" | "parts" | "accounting";
export type Audience = "shop" | "portal";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  kind: "staff" | "portal";
  role?: StaffRole;
  customerId?: string;
  customerName?: string;
  language: Language;
  permissions: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  organisation: { id: string; name: string };
  location: { id: string; name: string; timeZone: string; currency: string; locale: string };
}

export interface ListResponse<T> {
  items: T[];
  /** Matches, counted up to 10,000. */
  total: number;
  /** More match than `total` ("10,000+"). */
  totalCapped: boolean;
}

export type CustomerType = "private" | "business";

/** How invoices go out (issue #16): the PDF, ZUGFeRD / Factur-X (a PDF with the XML) or XRechnung XML. */
export type EInvoiceFormat = "none" | "zugferd" | "xrechnung_cii" | "xrechnung_ubl";

export interface Customer {
  id: string;
  type: CustomerType;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatId: string | null;
  language: Language;
  requiresInvoiceAuthorisation: boolean;
  paymentTermsDays: number;
  payOnAccount: boolean;
  notes: string | null;
  /** null: the location's default for a business customer, none (PDF) for a private one. */
  eInvoiceFormat: EInvoiceFormat | null;
  /** BT-10, e.g. a public buyer's Leitweg-ID. */
  buyerReference: string | null;
  /** Where e-invoices go; the customer's email when null. */
  eInvoiceAddress: string | null;
  smsConsent: { at: string; source: "shop" | "portal" } | null;
  dunningPaused: boolean;
  unitCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PortalAccount {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Unit {
  id: string;
  customerId: string;
  customerName: string;
  vin: string | null;
  plate: string | null;
  make: string;
  model: string;
  year: number | null;
  fleetNumber: string | null;
  odometerKm: number | null;
  engineHours: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Reading {
  id: string;
  unitId: string;
  odometerKm: number | null;
  engineHours: number | null;
  readAt: string;
  source: "shop" | "portal";
  note: string | null;
  override: boolean;
  recordedBy: string;
}

export type OutboxStatus = "queued" | "sent" | "stored" | "failed";

export type CustomerLinkState = "active" | "used" | "expired" | "cancelled";

/** The customer link a mail carries; its token is never sent to staff (texts show …/e/••••••). */
export interface OutboxCustomerLink {
  purpose: "booking-response" | "estimate-response" | "extension-response" | "invoice-payment";
  state: CustomerLinkState;
  resendable: boolean;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  customerLink: OutboxCustomerLink | null;
}

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface OutboxMessageDetail extends OutboxMessage {
  text: string | null;
  html: string | null;
  attachments: OutboxAttachment[];
}

export type PaymentMethod = "card" | "paypal" | "instant_transfer" | "bank_transfer" | "counter";

export interface LocationSettings {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: string;
  legalName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatId: string | null;
  /** Printed on invoices and estimates, as a German GmbH must (§35a GmbHG). */
  registerCourt?: string | null;
  registerNumber?: string | null;
  managingDirectors?: string[];
  iban: string | null;
  bic: string | null;
  phone: string | null;
  email: string | null;
  bookingCapacityPerHour?: number;
  /** Hourly labour rate in minor units: Add Labour's default rate. */
  labourRate?: number;
  /** Which hours an hourly job bills, and beyond which difference from the approved it is flagged. */
  billingMode?: "approved" | "clocked";
  billingTolerancePct?: number;
  /** How the payment page takes money, and which ways to pay it offers. */
  paymentProvider?: "sandbox" | "stripe";
  paymentMethods?: PaymentMethod[];
  /** Steuernummer, for a shop without a VAT ID. */
  taxNumber?: string | null;
  /** Where buyers' systems answer e-invoices; the location email when null. */
  eInvoiceAddress?: string | null;
  /** The e-invoice a business customer gets unless theirs says otherwise. */
  eInvoiceDefault?: EInvoiceFormat;
  /** Not in the documented shape, but PATCH wants it; sent back when present. */
  version?: number;
}

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
}
