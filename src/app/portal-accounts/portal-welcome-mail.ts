import type { Language } from "../../domain/customer";

// The password is never mailed: the shop hands it over in person or by phone.
export function portalWelcomeMail(language: Language, p: { name: string; shop: string; portalUrl: string }) {
  if (language === "de") {
    return {
      subject: `Ihr Zugang zum Kundenportal von ${p.shop}`,
      text:
        `Hallo ${p.name},\n\n${p.shop} hat für Sie einen Zugang zum Pitlane-Kundenportal eingerichtet. ` +
        `Dort sehen Sie Ihre Fahrzeuge und können Zählerstände melden.\n\n` +
        `Anmelden: ${p.portalUrl}\n\nIhr Passwort erhalten Sie von ${p.shop}.\n`,
    };
  }
  return {
    subject: `Your customer portal login at ${p.shop}`,
    text:
      `Hello ${p.name},\n\n${p.shop} has set up a login to the Pitlane customer portal for you. ` +
      `There you see your units and can report readings.\n\n` +
      `Sign in: ${p.portalUrl}\n\nYou get your password from ${p.shop}.\n`,
  };
}
