// How text written for a reader (mails, printed documents, server-made pages) states amounts and
// calendar days: in the reader's language, never as the ISO strings the database keeps. One place,
// so a German mail says "fällig am 15.12.2026" and "1.234,56 €" wherever it was written.
import type { Language } from "./customer";
import { minorUnits } from "./money";

/** The Intl locale for a reader's language (English as the shop's UI writes it: en-GB). */
export function localeOf(language: Language): "de-DE" | "en-GB" {
  return language === "de" ? "de-DE" : "en-GB";
}

/** Minor units as money: 123456 EUR → "1.234,56 €" (de) / "€1,234.56" (en). */
export function formatMoney(minor: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { style: "currency", currency }).format(
    minor / 10 ** minorUnits(currency),
  );
}

/**
 * A calendar day (yyyy-mm-dd, as due and service dates are kept) as the reader writes it:
 * "15.12.2026" (de) / "15 Dec 2026" (en). Read at UTC midnight: a day has no time zone to shift it.
 */
export function formatDay(day: string, language: Language): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** A kilometre reading: 120000 → "120.000 km" (de) / "120,000 km" (en). */
export function formatKm(km: number, language: Language): string {
  return `${new Intl.NumberFormat(localeOf(language)).format(km)} km`;
}
