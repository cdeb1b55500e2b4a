// The DATEV booking batch (issue #15): the file a German tax adviser imports into DATEV
// Kanzlei-Rechnungswesen — the EXTF format, version 700, category 21 "Buchungsstapel", format
// version 13. Pure formatting: the route reads the invoices and payments, this turns them into lines.
//
// The file is `;`-separated, texts in double quotes (a quote inside doubled), amounts always positive
// with a decimal comma and no thousands separator, the side (S/H) in its own column and referring to
// "Konto". Line 1 describes the batch (31 fields), line 2 names the columns, every further line is one
// booking. DATEV reads Windows-1252 with CRLF line ends, so the text is encoded here, not as UTF-8.
//
// What is booked:
// - an issued invoice: the debtor account (S) against the revenue account of each VAT rate of its
//   totals, one line per rate, with that rate's gross (the revenue accounts are DATEV's automatic VAT
//   accounts, so no BU key is needed and DATEV splits off the VAT itself);
// - a credit note: the same lines on the H side;
// - a payment: the money account (bank for a transfer, cash for cash at the counter, the clearing
//   account for everything a provider or a card terminal collects) S against the debtor; a refund H.
import { DateTime } from "luxon";
import type { AccountingSettings } from "./accounting";
import type { FieldError } from "./errors";
import type { Totals } from "./money";
import { minorUnits } from "./money";

/** The standard Buchungsstapel columns of format version 13, in DATEV's order (125 fields). */
export const datevColumns: readonly string[] = [
  "Umsatz (ohne Soll/Haben-Kz)",
  "Soll/Haben-Kennzeichen",
  "WKZ Umsatz",
  "Kurs",
  "Basis-Umsatz",
  "WKZ Basis-Umsatz",
  "Konto",
  "Gegenkonto (ohne BU-Schlüssel)",
  "BU-Schlüssel",
  "Belegdatum",
  "Belegfeld 1",
  "Belegfeld 2",
  "Skonto",
  "Buchungstext",
  "Postensperre",
  "Diverse Adressnummer",
  "Geschäftspartnerbank",
  "Sachverhalt",
  "Zinssperre",
  "Beleglink",
  ...Array.from({ length: 8 }, (_, i) => [`Beleginfo - Art ${i + 1}`, `Beleginfo - Inhalt ${i + 1}`]).flat(),
  "KOST1 - Kostenstelle",
  "KOST2 - Kostenstelle",
  "Kost-Menge",
  "EU-Land u. UStID (Bestimmung)",
  "EU-Steuersatz (Bestimmung)",
  "Abw. Versteuerungsart",
  "Sachverhalt L+L",
  "Funktionsergänzung L+L",
  "BU 49 Hauptfunktionstyp",
  "BU 49 Hauptfunktionsnummer",
  "BU 49 Funktionsergänzung",
  // DATEV's own spelling: a space before the dash in "Art", none in "Inhalt".
  ...Array.from({ length: 20 }, (_, i) => [
    `Zusatzinformation - Art ${i + 1}`,
    `Zusatzinformation- Inhalt ${i + 1}`,
  ]).flat(),
  "Stück",
  "Gewicht",
  "Zahlweise",
  "Forderungsart",
  "Veranlagungsjahr",
  "Zugeordnete Fälligkeit",
  "Skontotyp",
  "Auftragsnummer",
  "Buchungstyp",
  "USt-Schlüssel (Anzahlungen)",
  "EU-Mitgliedstaat (Anzahlungen)",
  "Sachverhalt L+L (Anzahlungen)",
  "EU-Steuersatz (Anzahlungen)",
  "Erlöskonto (Anzahlungen)",
  "Herkunft-Kz",
  "Buchungs GUID",
  "KOST-Datum",
  "SEPA-Mandatsreferenz",
  "Skontosperre",
  "Gesellschaftername",
  "Beteiligtennummer",
  "Identifikationsnummer",
  "Zeichnernummer",
  "Postensperre bis",
  "Bezeichnung SoBil-Sachverhalt",
  "Kennzeichen SoBil-Buchung",
  "Festschreibung",
  "Leistungsdatum",
  "Datum Zuord. Steuerperiode",
  "Fälligkeit",
  "Generalumkehr (GU)",
  "Steuersatz",
  "Land",
  "Abrechnungsreferenz",
  "BVV-Position",
  "EU-Mitgliedstaat u. UStID (Ursprung)",
  "EU-Steuersatz (Ursprung)",
  "Abw. Skontokonto",
];

export const datevLineEnd = "\r\n";

/** A text field: quoted, a quote inside doubled, line breaks and separators flattened to spaces. */
export function datevText(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, " ");
  return `"${flat.replaceAll('"', '""')}"`;
}

/** yyyy-mm-dd → yyyymmdd */
const compactDay = (day: string) => day.replaceAll("-", "");

/** Minor units as DATEV writes an amount: 123456 → "1234,56" (never negative, no thousands separator). */
export function datevAmount(minor: number, currency = "EUR"): string {
  const digits = minorUnits(currency);
  const fixed = (Math.abs(minor) / 10 ** digits).toFixed(digits);
  return fixed.replace(".", ",");
}

/** A Belegdatum: the day and month (DDMM); the year comes from the batch's date range. */
export function datevDocumentDate(day: string): string {
  const [, m, d] = day.split("-");
  return `${d}${m}`;
}

/** Belegfeld 1 takes at most 36 characters of a-z, A-Z, 0-9 and $ & % * + - / (DATEV rejects others). */
export function datevDocumentField(text: string): string {
  return text.replace(/[^A-Za-z0-9$&%*+\-/]/g, "").slice(0, 36);
}

/** A Buchungstext: at most 60 characters. */
export function datevBookingText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .trim()
    .slice(0, 60);
}

/**
 * The first day of the fiscal year `day` falls in, for a fiscal year starting on `start` (mm-dd):
 * 2026-03-15 with a start of 04-01 is in the year from 2025-04-01.
 */
export function fiscalYearStartOf(day: string, start: string): string {
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${start}`;
  return day >= thisYear ? thisYear : `${year - 1}-${start}`;
}

/**
 * A batch covers days of one fiscal year (DATEV refuses a batch across the year's end: Belegdatum
 * carries no year). The problems with the range, by field.
 */
export function datevRangeProblems(from: string, to: string, fiscalYearStart: string): FieldError[] {
  if (to < from) return [{ field: "to", message: "The end must not be before the start." }];
  if (fiscalYearStartOf(from, fiscalYearStart) !== fiscalYearStartOf(to, fiscalYearStart)) {
    return [
      {
        field: "to",
        message: `A DATEV batch covers one fiscal year: end it before ${nextFiscalYearStart(from, fiscalYearStart)}.`,
      },
    ];
  }
  return [];
}

function nextFiscalYearStart(day: string, start: string): string {
  const current = fiscalYearStartOf(day, start);
  return `${Number(current.slice(0, 4)) + 1}-${start}`;
}

export interface DatevHeader {
  settings: AccountingSettings;
  /** When the file is made, and the zone its timestamp is written in (the location's). */
  createdAt: Date;
  timeZone: string;
  /** The batch's days, yyyy-mm-dd. */
  from: string;
  to: string;
  /** Bezeichnung (at most 30 characters). */
  description: string;
  /** Who exported (Exportiert von, at most 25 characters). */
  exportedBy: string;
  currency: string;
}

/** Header line 1's 31 fields, as written (texts quoted). */
export function datevHeaderFields(h: DatevHeader): string[] {
  const created = DateTime.fromJSDate(h.createdAt, { zone: h.timeZone }).toFormat("yyyyMMddHHmmssSSS");
  const s = h.settings;
  return [
    datevText("EXTF"), // 1 Kennzeichen: a file made outside DATEV
    "700", // 2 Versionsnummer
    "21", // 3 Formatkategorie: Buchungsstapel
    datevText("Buchungsstapel"), // 4 Formatname
    "13", // 5 Formatversion
    created, // 6 Erzeugt am
    "", // 7 Importiert (DATEV fills it)
    datevText("RE"), // 8 Herkunft: Rechnungswesen
    datevText(h.exportedBy.slice(0, 25)), // 9 Exportiert von
    datevText(""), // 10 Importiert von
    String(s.consultantNumber), // 11 Beraternummer
    String(s.clientNumber), // 12 Mandantennummer
    compactDay(fiscalYearStartOf(h.from, s.fiscalYearStart)), // 13 WJ-Beginn
    String(s.accountLength), // 14 Sachkontenlänge
    compactDay(h.from), // 15 Datum vom
    compactDay(h.to), // 16 Datum bis
    datevText(h.description.slice(0, 30)), // 17 Bezeichnung
    datevText(""), // 18 Diktatkürzel
    "1", // 19 Buchungstyp: Finanzbuchführung
    "0", // 20 Rechnungslegungszweck: unabhängig
    "0", // 21 Festschreibung: none, the adviser commits the batch
    datevText(h.currency), // 22 WKZ
    "", // 23 reserviert
    datevText(""), // 24 Derivatskennzeichen
    "", // 25 reserviert
    "", // 26 reserviert
    datevText(""), // 27 Sachkontenrahmen (the adviser's client knows it)
    "", // 28 ID der Branchenlösung
    "", // 29 reserviert
    datevText(""), // 30 reserviert
    datevText(""), // 31 Anwendungsinformation
  ];
}

export function datevHeaderLine(h: DatevHeader): string {
  return datevHeaderFields(h).join(";");
}

export function datevColumnLine(): string {
  return datevColumns.map(datevText).join(";");
}

export interface DatevBooking {
  /** Minor units, positive. */
  amount: number;
  /** The side of `account`: S (Soll, debit) or H (Haben, credit). */
  side: "S" | "H";
  currency: string;
  account: string;
  contraAccount: string;
  /** The document's day, yyyy-mm-dd. */
  date: string;
  /** Belegfeld 1: the invoice number (DATEV's open items match payments to invoices by it). */
  document: string;
  text: string;
}

/** One booking as a line of the batch, every one of the 125 columns present. */
export function datevRow(b: DatevBooking): string {
  const cells = new Array<string>(datevColumns.length).fill("");
  cells[0] = datevAmount(b.amount, b.currency);
  cells[1] = datevText(b.side);
  cells[2] = datevText(b.currency);
  cells[6] = b.account;
  cells[7] = b.contraAccount;
  cells[9] = datevDocumentDate(b.date);
  cells[10] = datevText(datevDocumentField(b.document));
  cells[13] = datevText(datevBookingText(b.text));
  return cells.join(";");
}

/** A VAT rate in basis points as the settings key it: 1900 → "19", 700 → "7", 550 → "5.5". */
export const rateKey = (rateBp: number) => String(rateBp / 100);

export interface DatevInvoice {
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string;
  currency: string;
  totals: Pick<Totals, "byRate">;
  customerName: string;
}

/**
 * An invoice's bookings: one per VAT rate with that rate's gross, debtor S against the rate's revenue
 * account (a credit note H). A rate without a revenue account in the settings gets an empty contra
 * account, so DATEV's import stops at it rather than booking revenue to a wrong account.
 */
export function invoiceBookings(invoice: DatevInvoice, settings: AccountingSettings): DatevBooking[] {
  const credit = invoice.kind === "credit_note";
  const label = credit ? "Gutschrift" : "Rechnung";
  return invoice.totals.byRate
    .filter((rate) => rate.net + rate.tax !== 0)
    .map((rate) => {
      const gross = rate.net + rate.tax;
      // A negative total on an invoice (a discount line above the rest of its rate) turns its side.
      const debit = credit ? gross < 0 : gross > 0;
      return {
        amount: Math.abs(gross),
        side: debit ? "S" : "H",
        currency: invoice.currency,
        account: settings.debtorAccount,
        contraAccount: settings.revenueAccounts[rateKey(rate.rateBp)] ?? "",
        date: invoice.issueDate,
        document: invoice.number,
        text: `${label} ${invoice.customerName}`,
      };
    });
}

export interface DatevPayment {
  kind: "payment" | "refund";
  amount: number;
  currency: string;
  method: string;
  source: string;
  /** The location's calendar day it was recorded. */
  date: string;
  invoiceNumber: string;
  customerName: string;
}

/** Where the money of a payment lands: the bank, the till, or the provider's clearing account. */
export function moneyAccountOf(
  payment: Pick<DatevPayment, "method" | "source">,
  settings: AccountingSettings,
): string {
  if (payment.method === "bank_transfer") return settings.bankAccount;
  if (payment.method === "cash") return settings.cashAccount;
  return settings.clearingAccount;
}

/** A payment: money account S against the debtor; a refund the other way round (H). */
export function paymentBooking(payment: DatevPayment, settings: AccountingSettings): DatevBooking {
  const refund = payment.kind === "refund";
  return {
    amount: payment.amount,
    side: refund ? "H" : "S",
    currency: payment.currency,
    account: moneyAccountOf(payment, settings),
    contraAccount: settings.debtorAccount,
    date: payment.date,
    document: payment.invoiceNumber,
    text: `${refund ? "Erstattung" : "Zahlung"} ${payment.customerName}`,
  };
}

export const datevFileName = (from: string, to: string) => `EXTF_Buchungsstapel_${from}_${to}.csv`;

// Windows-1252: Latin-1 but for 0x80–0x9F, where it has these printable characters.
const cp1252High: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

/** Text as Windows-1252 bytes; a character the code page lacks becomes "?" (DATEV reads no UTF-8). */
export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(cp1252High[code] ?? 0x3f);
  }
  return Buffer.from(bytes);
}
