// The location form's values: every field as text, the managing directors one per line.
import { isLimitedCompany } from "../../../../domain/legal-details";
import type { EInvoiceFormat, LocationSettings } from "../../../types";

export const isGerman = (values: { country: string }) => values.country.trim().toUpperCase() === "DE";

/** A German GmbH or UG prints its register and managing directors (§35a GmbHG). */
export const mustPrintRegister = (values: { country: string; legalName: string }) =>
  isGerman(values) && isLimitedCompany(values.legalName);

export type LocationValues = Record<
  | "name"
  | "legalName"
  | "street"
  | "postalCode"
  | "city"
  | "country"
  | "vatId"
  | "taxNumber"
  | "registerCourt"
  | "registerNumber"
  | "managingDirectors"
  | "iban"
  | "bic"
  | "phone"
  | "email"
  | "eInvoiceAddress"
  | "timeZone"
  | "currency"
  | "locale",
  string
>;

/** What PATCH /settings/location accepts (currency and locale are fixed). */
export const EDITABLE: (keyof LocationValues)[] = [
  "name",
  "legalName",
  "street",
  "postalCode",
  "city",
  "country",
  "vatId",
  "taxNumber",
  "registerCourt",
  "registerNumber",
  "iban",
  "bic",
  "phone",
  "email",
  "eInvoiceAddress",
  "timeZone",
];

export const FIELD_ORDER: (keyof LocationValues)[] = [
  "name",
  "legalName",
  "street",
  "postalCode",
  "city",
  "country",
  "vatId",
  "taxNumber",
  "registerCourt",
  "registerNumber",
  "managingDirectors",
  "iban",
  "bic",
  "phone",
  "email",
  "eInvoiceAddress",
  "timeZone",
  "currency",
  "locale",
];

export function toValues(location: LocationSettings): LocationValues {
  return {
    name: location.name ?? "",
    legalName: location.legalName ?? "",
    street: location.street ?? "",
    postalCode: location.postalCode ?? "",
    city: location.city ?? "",
    country: location.country ?? "",
    vatId: location.vatId ?? "",
    taxNumber: location.taxNumber ?? "",
    registerCourt: location.registerCourt ?? "",
    registerNumber: location.registerNumber ?? "",
    // One name per line in the form; a list in the API.
    managingDirectors: (location.managingDirectors ?? []).join("\n"),
    iban: location.iban ?? "",
    bic: location.bic ?? "",
    phone: location.phone ?? "",
    email: location.email ?? "",
    eInvoiceAddress: location.eInvoiceAddress ?? "",
    timeZone: location.timeZone ?? "",
    currency: location.currency ?? "",
    locale: location.locale ?? "",
  };
}

/**
 * The labour rate as the form edits it (decimal money text in the reader's notation) and the
 * business customers' e-invoice format.
 */
export type FormValues = LocationValues & { labourRate: string; eInvoiceDefault: EInvoiceFormat };

/** The managing directors as the form holds them (one per line) and the API takes them (a list). */
export function directorsOf(text: string): string[] {
  return text
    .split("\n")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones;
}
