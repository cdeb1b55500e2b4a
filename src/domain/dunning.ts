// Dunning (issue #15): which reminder an overdue invoice is owed today, and what it charges.
//
// The rule is a function of dates, not of how often the job ran: a level falls due once its days
// after the due date have passed and the customer has had the schedule's gap since the last
// reminder. A run on any later day finds the same level, so a day the server was down is caught up
// the next time, and an invoice that crossed two levels meanwhile gets the higher one only (the
// customer is not sent a payment reminder and a final notice in one morning).
import { DomainError, type FieldError } from "./errors";

export interface DunningText {
  en: string;
  de: string;
}

export interface DunningLevel {
  /** What the letter is called: "Payment reminder", "1st notice", … */
  title: DunningText;
  /** Days after the due date from which this level may go out. */
  daysAfterDue: number;
  /** Fees in minor units, by debtor: a consumer and a business may be charged differently. */
  feePrivate: number;
  feeBusiness: number;
  /** The letter's and the mail's words; the amounts, the pay link and the QR codes are added. */
  text: DunningText;
  /** Goes out by itself, or waits in the accountant's review queue (Send, Skip, Pause). */
  autoSend: boolean;
}

export interface DunningSchedule {
  enabled: boolean;
  /** Default interest after §288 BGB and, for businesses, the €40 flat fee of §288(5). */
  interestEnabled: boolean;
  /** At least this many days between two reminders of one invoice, so each can be acted on. */
  minDaysBetween: number;
  levels: DunningLevel[];
}

export const maxLevels = 6;
export const maxFee = 100_000;

/** Refuses a schedule a run could not follow: levels that go backwards, negative fees, empty texts. */
export function checkSchedule(schedule: DunningSchedule): DunningSchedule {
  const errors: FieldError[] = [];
  if (schedule.enabled && schedule.levels.length === 0) {
    errors.push({ field: "levels", message: "Add at least one level, or turn dunning off." });
  }
  if (schedule.levels.length > maxLevels) {
    errors.push({ field: "levels", message: `At most ${maxLevels} levels.` });
  }
  if (
    !Number.isInteger(schedule.minDaysBetween) ||
    schedule.minDaysBetween < 1 ||
    schedule.minDaysBetween > 90
  ) {
    errors.push({ field: "minDaysBetween", message: "Between 1 and 90 days." });
  }
  schedule.levels.forEach((level, i) => {
    const at = `levels.${i}`;
    if (!Number.isInteger(level.daysAfterDue) || level.daysAfterDue < 1 || level.daysAfterDue > 365) {
      errors.push({ field: `${at}.daysAfterDue`, message: "Between 1 and 365 days after the due date." });
    } else if (i > 0 && level.daysAfterDue <= schedule.levels[i - 1]!.daysAfterDue) {
      errors.push({
        field: `${at}.daysAfterDue`,
        message: `Each level comes later than the one before (level ${i}: ${schedule.levels[i - 1]!.daysAfterDue} days).`,
      });
    }
    for (const fee of ["feePrivate", "feeBusiness"] as const) {
      if (!Number.isInteger(level[fee]) || level[fee] < 0 || level[fee] > maxFee) {
        errors.push({ field: `${at}.${fee}`, message: "A fee between 0 and 1,000.00." });
      }
    }
    for (const lang of ["en", "de"] as const) {
      if (!level.title[lang]?.trim())
        errors.push({ field: `${at}.title.${lang}`, message: "Give the level a name." });
      if (!level.text[lang]?.trim())
        errors.push({ field: `${at}.text.${lang}`, message: "Write the letter's text." });
    }
  });
  if (errors.length > 0) throw new DomainError("validation", "The dunning schedule cannot be saved.", errors);
  return schedule;
}

/** Days from one calendar day (yyyy-mm-dd) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface DunningState {
  dueDate: string;
  /** The highest level already recorded (sent, skipped or waiting): 0 when none. */
  level: number;
  /** The calendar day of the last reminder, in the location's zone. */
  lastRemindedOn: string | null;
}

/**
 * The level (1-based) the invoice is owed today, or null: the highest level whose day has come, if
 * it is above the one already recorded and the gap since the last reminder has passed.
 */
export function levelDue(schedule: DunningSchedule, state: DunningState, today: string): number | null {
  if (!schedule.enabled) return null;
  const overdue = daysBetween(state.dueDate, today);
  let due = 0;
  schedule.levels.forEach((level, i) => {
    if (overdue >= level.daysAfterDue) due = i + 1;
  });
  if (due <= state.level) return null;
  if (state.lastRemindedOn && daysBetween(state.lastRemindedOn, today) < schedule.minDaysBetween) return null;
  return due;
}

/** The earliest due date an invoice may have to owe level 1 today: the job's range on the index. */
export function latestDueDateChased(schedule: DunningSchedule, today: string): string | null {
  const first = schedule.levels[0];
  return schedule.enabled && first ? addDays(today, -first.daysAfterDue) : null;
}

/** A sensible start a shop edits: three levels, the first without a fee, the last a final notice. */
export function defaultSchedule(): DunningSchedule {
  return {
    enabled: false,
    interestEnabled: false,
    minDaysBetween: 7,
    levels: [
      {
        title: { en: "Payment reminder", de: "Zahlungserinnerung" },
        daysAfterDue: 7,
        feePrivate: 0,
        feeBusiness: 0,
        autoSend: true,
        text: {
          en: "Perhaps our invoice has escaped your notice. Please transfer the amount below within the next 7 days. If you have paid in the meantime, please ignore this letter.",
          de: "Sicher haben Sie unsere Rechnung nur übersehen. Bitte überweisen Sie den unten genannten Betrag innerhalb der nächsten 7 Tage. Sollten Sie inzwischen bezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.",
        },
      },
      {
        title: { en: "1st notice", de: "1. Mahnung" },
        daysAfterDue: 21,
        feePrivate: 500,
        feeBusiness: 500,
        autoSend: true,
        text: {
          en: "Despite our reminder we have not received your payment. Please pay the amount below, including the dunning fee, within 7 days.",
          de: "Trotz unserer Zahlungserinnerung konnten wir noch keinen Zahlungseingang feststellen. Bitte zahlen Sie den unten genannten Betrag einschließlich Mahngebühr innerhalb von 7 Tagen.",
        },
      },
      {
        title: { en: "Final notice", de: "Letzte Mahnung" },
        daysAfterDue: 35,
        feePrivate: 1000,
        feeBusiness: 1000,
        autoSend: false,
        text: {
          en: "This is our final notice. If we do not receive the amount below within 7 days, we will pass the claim to a collection agency without further notice.",
          de: "Dies ist unsere letzte Mahnung. Geht der unten genannte Betrag nicht innerhalb von 7 Tagen bei uns ein, übergeben wir die Forderung ohne weitere Ankündigung einem Inkassounternehmen.",
        },
      },
    ],
  };
}
