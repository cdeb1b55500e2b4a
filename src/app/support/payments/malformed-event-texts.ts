// What a malformed provider event says to people: the reason in the problem answer, and the bell notice
// staff get, in their language.
import type { Language } from "../../../domain/customer";
import type { EventClues, MalformedReason } from "../../../integrations/payments/port";
import { providerName } from "../../payments/provider-names";

/** What is wrong with the body, for the problem answer and the bell. */
export function describeReason(reason: MalformedReason, language: Language): string {
  const f = reason.field ?? "";
  if (language === "de") {
    switch (reason.problem) {
      case "not-json":
        return "der Inhalt ist kein JSON";
      case "not-object":
        return "der Inhalt ist kein JSON-Objekt";
      case "missing":
        return `das Feld ${f} fehlt`;
      case "invalid":
        return `das Feld ${f} hat einen unbrauchbaren Wert`;
      case "unsafe-text":
        return `das Feld ${f} enthält ein Zeichen, das kein Text enthalten darf`;
    }
  }
  switch (reason.problem) {
    case "not-json":
      return "the body is not JSON";
    case "not-object":
      return "the body is not a JSON object";
    case "missing":
      return `the field ${f} is missing`;
    case "invalid":
      return `the field ${f} has a value that cannot be used`;
    case "unsafe-text":
      return `the field ${f} holds a character no text may contain`;
  }
}

export function malformedNotice(
  language: Language,
  provider: string,
  reason: MalformedReason,
  clues: EventClues,
  invoiceNumber: string | null,
) {
  const who = providerName(provider, language);
  const event = clues.eventId ? ` (${clues.eventId})` : "";
  if (language === "de") {
    return {
      title: invoiceNumber
        ? `${invoiceNumber}: Zahlungsereignis nicht lesbar`
        : "Ein Zahlungsereignis war nicht lesbar",
      body: `${who} hat ein signiertes Ereignis${event} gesendet, das Pitlane nicht verarbeiten kann: ${describeReason(reason, "de")}. Es wurde gespeichert, aber nicht gebucht. Bitte prüfen Sie die Zahlung beim Anbieter.`,
    };
  }
  return {
    title: invoiceNumber ? `${invoiceNumber}: payment event unreadable` : "A payment event could not be read",
    body: `${who} sent a signed event${event} that Pitlane cannot process: ${describeReason(reason, "en")}. It was stored, not acted on. Please check the payment at the provider.`,
  };
}
