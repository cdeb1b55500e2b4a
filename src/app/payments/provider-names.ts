// The payment provider as staff read it in a notice, in their language.
import type { Language } from "../../domain/customer";

const names: Record<Language, Record<string, string>> = {
  en: { sandbox: "The payment sandbox", stripe: "Stripe" },
  de: { sandbox: "Die Zahlungs-Sandbox", stripe: "Stripe" },
};

export const providerName = (provider: string, language: Language) => names[language][provider] ?? provider;
