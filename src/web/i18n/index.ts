import i18next, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../types";
import type { en } from "./en";
import { enFirstScreen } from "./en-first-screen";

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

/**
 * German arrives when it is first needed (stored choice, the account's language, the switch): an
 * English sign-in page does not download it. `changeLanguage` waits for it, so nothing shows half
 * translated.
 */
const loadOnDemand: BackendModule = {
  type: "backend",
  callbackApi: true,
  init() {},
  read(language, _namespace, callback) {
    if (language !== "de") return callback(null, {});
    import("./de").then(
      (module) => callback(null, module.de),
      (error: Error) => callback(error, false),
    );
  },
};

/** Resolves once the first language's text is loaded: render after it. */
export const i18nReady: Promise<unknown> = i18next
  .use(loadOnDemand)
  .use(initReactI18next)
  .init({
    // The rest of English comes with the areas (shared/areaSetup.ts).
    resources: { en: { translation: enFirstScreen } },
    partialBundledLanguages: true,
    lng: storedLanguage() ?? "en",
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

applyDocumentLanguage(i18next.language);
i18next.on("languageChanged", applyDocumentLanguage);
