// The reminder as a letter (issue #15): the level's title and text in the customer's language, the
// invoice with what is still open of it, the charges of earlier reminders, this one's fee, default
// interest period by period and the flat fee, the new total, and two codes for it: the payment page
// and, for euro invoices with the shop's IBAN, the EPC QR ("GiroCode") with the invoice's RF
// reference, so a bank transfer of the total is matched to the invoice by the statement import.

import { and, asc, eq, lt, ne, sql } from "drizzle-orm";
import QRCode from "qrcode";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { loadSchedule, type NoticeRow } from "../../db/queries/dunning";
import { findInvoice, type InvoiceRow } from "../../db/queries/invoices";
import { invoices } from "../../db/schema";
import type { Scope } from "../../domain/actor";
import type { Language } from "../../domain/customer";
import { type Debtor, defaultInterest } from "../../domain/default-interest";
import type { DunningLevel } from "../../domain/dunning";
import { legalLines } from "../../domain/legal-details";
import { creditorReference, epcQrPayload } from "../../domain/payment-reference";
import { documentFormat, renderPdf } from "../support/documents/pdf-document";

const words = {
  en: {
    invoice: "Invoice",
    number: "Invoice",
    issueDate: "Invoice date",
    dueDate: "Due since",
    date: "Date",
    level: "Reminder level",
    description: "Item",
    amount: "Amount",
    open: (n: string) => `Invoice ${n}: still open`,
    earlier: "Fees and interest of earlier reminders",
    fee: "Dunning fee",
    interest: (from: string, to: string, rate: string, days: number) =>
      `Default interest ${from}–${to}, ${rate} p.a., ${days} days`,
    flatFee: "Flat fee for a business debtor (§288(5) BGB)",
    total: "Total to pay",
    payBy: (iban: string, ref: string) =>
      `Please transfer to IBAN ${iban} with the reference ${ref}, or pay online.`,
    payOnline: "Pay online",
    giro: "GiroCode: scan with your banking app",
    vatId: "VAT ID",
    alsoOpen: "Also still open and past due:",
    register: "Register court",
    directors: "Managing directors",
  },
  de: {
    invoice: "Rechnung",
    number: "Rechnung",
    issueDate: "Rechnungsdatum",
    dueDate: "Fällig seit",
    date: "Datum",
    level: "Mahnstufe",
    description: "Position",
    amount: "Betrag",
    open: (n: string) => `Rechnung ${n}: noch offen`,
    earlier: "Gebühren und Zinsen früherer Mahnungen",
    fee: "Mahngebühr",
    interest: (from: string, to: string, rate: string, days: number) =>
      `Verzugszinsen ${from}–${to}, ${rate} p. a., ${days} Tage`,
    flatFee: "Verzugspauschale (§ 288 Abs. 5 BGB)",
    total: "Zu zahlender Betrag",
    payBy: (iban: string, ref: string, online: boolean) =>
      `Bitte überweisen Sie auf IBAN ${iban} mit dem Verwendungszweck ${ref}${online ? " oder zahlen Sie online" : ""}.`,
    payOnline: "Online bezahlen",
    giro: "GiroCode: mit der Banking-App scannen",
    vatId: "USt-IdNr.",
    alsoOpen: "Außerdem noch offen und überfällig:",
    register: "Registergericht",
    directors: "Geschäftsführer",
  },
} as const;

export async function reminderPdf(
  db: DbOrTx,
  invoice: InvoiceRow,
  notice: NoticeRow,
  level: DunningLevel,
  extra: { payUrl: string | null; debtor: Debtor },
) {
  const [location, customer] = await Promise.all([
    loadLocation(db, invoice.locationId),
    findCustomer(db, invoice, invoice.customerId),
  ]);
  const language: Language = customer?.language ?? "de";
  const w = words[language];
  const { money, day, rate } = documentFormat(language, notice.currency);
  const number = invoice.number ?? "";
  const title = `${level.title[language]} – ${w.invoice} ${number}`;

  const rows = [{ description: w.open(number), amount: money(notice.principal) }];
  const earlier = notice.charges - notice.fee - notice.interest - notice.flatFee;
  if (earlier > 0) rows.push({ description: w.earlier, amount: money(earlier) });
  if (notice.fee > 0) rows.push({ description: w.fee, amount: money(notice.fee) });
  if (notice.interest > 0 && invoice.dueDate) {
    // The periods as computed; the sum printed is the notice's interest (rounded once, and net of
    // interest earlier reminders already charged).
    const { periods } = defaultInterest(notice.principal, extra.debtor, invoice.dueDate, notice.dueOn);
    const charged = notice.interest;
    const computed = periods.reduce((s, p) => s + p.amount, 0);
    for (const p of periods) {
      rows.push({
        description: w.interest(day(p.from), day(p.to), rate(p.basisPoints), p.days),
        amount: money(Math.round((p.amount * charged) / (computed || 1))),
      });
    }
  }
  if (notice.flatFee > 0) rows.push({ description: w.flatFee, amount: money(notice.flatFee) });

  const codes: { png: Buffer; caption: string }[] = [];
  const notes: string[] = [level.text[language]];
  // The customer's other open invoices past their due date, so the letter shows all that is owed;
  // each is chased (and paid) on its own, so they stay out of this reminder's total.
  const others = await db
    .select({ number: invoices.number, dueDate: invoices.dueDate, open: invoices.openAmount })
    .from(invoices)
    .where(
      and(
        eq(invoices.organisationId, invoice.organisationId),
        eq(invoices.locationId, invoice.locationId),
        eq(invoices.customerId, invoice.customerId),
        sql`${invoices.kind} = 'invoice' and ${invoices.status} = 'issued' and ${invoices.openAmount} > 0`,
        lt(invoices.dueDate, notice.dueOn),
        ne(invoices.id, invoice.id),
      ),
    )
    .orderBy(asc(invoices.dueDate))
    .limit(20);
  if (others.length > 0) {
    notes.push(
      `${w.alsoOpen} ${others.map((o) => `${o.number} (${w.dueDate.toLowerCase()} ${day(o.dueDate)}: ${money(o.open)})`).join("; ")}.`,
    );
  }
  if (location.iban && notice.currency === "EUR" && notice.total > 0) {
    const reference = creditorReference(number);
    notes.push(w.payBy(location.iban, reference, extra.payUrl !== null));
    const payload = epcQrPayload({
      name: location.legalName,
      iban: location.iban,
      bic: location.bic,
      amount: notice.total,
      currency: notice.currency,
      reference,
    });
    codes.push({
      png: await QRCode.toBuffer(payload, { errorCorrectionLevel: "M", margin: 1, width: 300 }),
      caption: w.giro,
    });
  }
  if (extra.payUrl) {
    codes.push({
      png: await QRCode.toBuffer(extra.payUrl, { errorCorrectionLevel: "M", margin: 1, width: 300 }),
      caption: `${w.payOnline}: ${extra.payUrl}`,
    });
  }
  // A reminder is a business letter: a GmbH prints its register and managing directors (§35a GmbHG).
  const legal = legalLines(location, w);
  const body = await renderPdf({
    title,
    seller: {
      name: location.legalName,
      lines: [
        `${location.street}, ${location.postalCode} ${location.city}`,
        [location.phone, location.email].filter(Boolean).join(" · "),
      ].filter((l) => l.length > 0),
    },
    sellerFacts: location.vatId ? [`${w.vatId} ${location.vatId}`] : [],
    buyer: {
      name: customer?.displayName ?? "",
      lines: [
        customer?.street ?? "",
        [customer?.postalCode, customer?.city].filter(Boolean).join(" "),
      ].filter((l) => l.length > 0),
    },
    facts: [
      [w.date, day(notice.dueOn)],
      [w.number, number],
      [w.issueDate, day(invoice.issueDate)],
      [w.dueDate, day(invoice.dueDate)],
      [w.level, String(notice.level)],
    ],
    headings: { description: w.description, quantity: "", unitPrice: "", tax: "", amount: w.amount },
    rows: rows.map((r) => ({ ...r, quantity: "", unitPrice: "", tax: "" })),
    totals: [[w.total, money(notice.total), true]],
    notes,
    footer: [
      [location.legalName, `${location.street}, ${location.postalCode} ${location.city}`].join(" · "),
      ...(legal.length > 0 ? [legal.join(" · ")] : []),
    ].join("\n"),
    codes,
  });
  return { filename: `${number}-reminder-${notice.level}.pdf`, body, language };
}

/** A recorded reminder's letter to look at or print (no pay link: a mailed one cannot be shown again). */
export async function reminderLetter(db: DbOrTx, scope: Scope, notice: NoticeRow) {
  const [invoice, schedule, customer] = await Promise.all([
    findInvoice(db, scope, notice.invoiceId),
    loadSchedule(db, scope.locationId),
    findCustomer(db, scope, notice.customerId),
  ]);
  const level = schedule.levels[notice.level - 1];
  if (!invoice || !level) return null;
  return reminderPdf(db, invoice, notice, level, {
    payUrl: null,
    debtor: customer?.type === "business" ? "business" : "private",
  });
}
