import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { intlLocale, isLanguage } from "../i18n";
import { useSession } from "./session";

function safeDateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    // Unknown time zone from the server: fall back to the browser's zone.
    const { timeZone: _ignored, ...rest } = options;
    return new Intl.DateTimeFormat(locale, rest);
  }
}

export interface Formatters {
  locale: string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  time(iso: string | null | undefined): string;
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  km(value: number | null | undefined): string;
  hours(value: number | null | undefined): string;
}

/** Intl formatting for the current UI language (de-DE / en-GB) in the location's time zone. */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  const timeZone = session?.location.timeZone;

  return useMemo(() => {
    const locale = intlLocale(language);
    const dateTimeFormat = safeDateFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    const dateFormat = safeDateFormat(locale, { dateStyle: "medium", timeZone });
    const timeFormat = safeDateFormat(locale, { timeStyle: "short", timeZone });
    const empty = t("common.notSet");
    const parse = (iso: string | null | undefined) => {
      if (!iso) return null;
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? null : value;
    };
    const number = (value: number | null | undefined, maximumFractionDigits = 0) =>
      value === null || value === undefined
        ? empty
        : new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
    return {
      locale,
      dateTime: (iso) => {
        const value = parse(iso);
        return value ? dateTimeFormat.format(value) : empty;
      },
      date: (iso) => {
        const value = parse(iso);
        return value ? dateFormat.format(value) : empty;
      },
      time: (iso) => {
        const value = parse(iso);
        return value ? timeFormat.format(value) : empty;
      },
      number,
      km: (value) =>
        value === null || value === undefined ? empty : t("common.kmValue", { value: number(value) }),
      hours: (value) =>
        value === null || value === undefined ? empty : t("common.hoursValue", { value: number(value, 1) }),
    };
  }, [language, timeZone, t]);
}
