// What each side is told by email when the other side moves a booking request, in the reader's
// language. Confirmations carry an .ics calendar invitation.
import { createEvent } from "ics";
import { DateTime } from "luxon";
import type { MailAttachment } from "../../../db/schema";
import type { BookingEvent } from "../../../domain/booking";
import type { Language } from "../../../domain/customer";
import { type LocalDateTime, toInstant } from "../../../domain/wall-clock";

export interface BookingMailFacts {
  bookingId: string;
  shop: { name: string; address: string; zone: string; phone: string | null };
  customerName: string;
  unitLabel: string;
  at: LocalDateTime;
  note: string | null;
  /** Where the customer answers: the portal page or a link of their own. */
  answerUrl: string;
  shopUrl: string;
}

export function formatWallClock(at: LocalDateTime, language: Language): string {
  const dt = DateTime.fromISO(`${at.date}T${at.time}`).setLocale(language === "de" ? "de-DE" : "en-GB");
  return language === "de"
    ? `${dt.toFormat("cccc, d. LLLL yyyy, HH:mm")} Uhr`
    : dt.toFormat("cccc, d LLLL yyyy, HH:mm");
}

const noteLine = (note: string | null, language: Language) =>
  note ? `\n${language === "de" ? "Anmerkung" : "Note"}: ${note}\n` : "";

/** Mail to the customer after the shop's move. */
export function mailToCustomer(event: BookingEvent, language: Language, f: BookingMailFacts) {
  const when = formatWallClock(f.at, language);
  const de = language === "de";
  const sign = `\n${f.shop.name}\n${f.shop.address}${f.shop.phone ? `\n${f.shop.phone}` : ""}\n`;
  if (event === "suggest") {
    return {
      subject: de ? `Neuer Terminvorschlag für Ihren ${f.unitLabel}` : `A new time for your ${f.unitLabel}`,
      text: de
        ? `Guten Tag ${f.customerName},\n\nwir schlagen für Ihren ${f.unitLabel} folgenden Termin vor:\n${when}\n${noteLine(f.note, language)}\nBitte bestätigen Sie den Termin, schlagen Sie einen anderen vor oder sagen Sie ab:\n${f.answerUrl}\n${sign}`
        : `Hello ${f.customerName},\n\nwe suggest this time for your ${f.unitLabel}:\n${when}\n${noteLine(f.note, language)}\nPlease accept it, suggest another time or cancel:\n${f.answerUrl}\n${sign}`,
    };
  }
  if (event === "confirm") {
    return {
      subject: de ? `Termin bestätigt: ${when}` : `Booking confirmed: ${when}`,
      text: de
        ? `Guten Tag ${f.customerName},\n\nIhr Termin für den ${f.unitLabel} ist bestätigt:\n${when}\n${noteLine(f.note, language)}\nDie Kalenderdatei liegt bei. Details: ${f.answerUrl}\n${sign}`
        : `Hello ${f.customerName},\n\nyour booking for the ${f.unitLabel} is confirmed:\n${when}\n${noteLine(f.note, language)}\nThe calendar file is attached. Details: ${f.answerUrl}\n${sign}`,
      attachments: [calendarInvite(f)],
    };
  }
  // decline
  return {
    subject: de ? `Ihre Terminanfrage für den ${f.unitLabel}` : `Your booking request for the ${f.unitLabel}`,
    text: de
      ? `Guten Tag ${f.customerName},\n\nleider können wir Ihre Terminanfrage für ${when} nicht annehmen.\n${noteLine(f.note, language)}\nRufen Sie uns gern an, dann finden wir einen anderen Termin.\n${sign}`
      : `Hello ${f.customerName},\n\nunfortunately we cannot take your booking request for ${when}.\n${noteLine(f.note, language)}\nDo call us and we will find another time.\n${sign}`,
  };
}

/** Mail to the shop after the customer's move; the shop reads its own language setting (German default). */
export function mailToShop(event: BookingEvent | "submit", language: Language, f: BookingMailFacts) {
  const when = formatWallClock(f.at, language);
  const de = language === "de";
  const what: Record<string, [string, string]> = {
    submit: [`Neue Terminanfrage: ${f.customerName}`, `New booking request: ${f.customerName}`],
    counter: [`Gegenvorschlag von ${f.customerName}`, `${f.customerName} suggests another time`],
    accept: [`${f.customerName} hat den Termin angenommen`, `${f.customerName} accepted the time`],
    cancel: [
      `${f.customerName} hat die Terminanfrage abgesagt`,
      `${f.customerName} cancelled the booking request`,
    ],
  };
  const [subjectDe, subjectEn] = what[event] ?? [event, event];
  return {
    subject: de ? subjectDe : subjectEn,
    text: `${de ? subjectDe : subjectEn}\n\n${f.unitLabel}\n${when}\n${noteLine(f.note, language)}\n${f.shopUrl}\n`,
    attachments: event === "accept" ? [calendarInvite(f)] : undefined,
  };
}

function calendarInvite(f: BookingMailFacts): MailAttachment {
  const start = DateTime.fromJSDate(toInstant(f.at, f.shop.zone)).toUTC();
  const { error, value } = createEvent({
    uid: `${f.bookingId}@pitlane`,
    start: [start.year, start.month, start.day, start.hour, start.minute],
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: 1 },
    title: `${f.shop.name}: ${f.unitLabel}`,
    description: f.note ?? undefined,
    location: `${f.shop.name}, ${f.shop.address}`,
    status: "CONFIRMED",
  });
  if (error || !value) throw error ?? new Error("calendar invitation could not be created");
  return {
    filename: "booking.ics",
    contentType: "text/calendar; charset=utf-8",
    contentBase64: Buffer.from(value).toString("base64"),
  };
}
