import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../types";
import { de } from "./de";
import { en } from "./en";

export const LANGUAGE_STORAGE_KEY = "pitlane.lang";
export const LANGUAGES: readonly Language[] = ["en", "de"];

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "de";
}

/** The language the user explicitly picked on this device, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice just is not remembered.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : "en";
}

/** BCP 47 locale used for Intl formatting. */
export function intlLocale(language: Language = currentLanguage()): string {
  return language === "de" ? "de-DE" : "en-GB";
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : "en";
}

export const i18n = i18next;

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: storedLanguage() ?? "en",
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

applyDocumentLanguage(i18next.language);
i18next.on("languageChanged", applyDocumentLanguage);
