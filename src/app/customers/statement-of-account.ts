// Statement of account (Kontoauszug, issue #15): one A4 document per customer, in the customer's
// language, listing the issued invoices still open — each with the credit notes that reduce it —
// with the due date, what was paid, what is open and how many days overdue, and the total open. For
// a euro total with the shop's IBAN it carries the EPC QR code ("GiroCode") for the whole amount,
// its remittance naming the invoices so the bank-statement match finds them.
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Db } from "../../db/client";
import { statementInvoices } from "../../db/queries/accounting-exports";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { locationToday } from "../../db/queries/invoices";
import type { ShopActor } from "../../domain/actor";
import { daysOverdue } from "../../domain/aging";
import { notFound } from "../../domain/errors";
import { formatDay, formatMoney } from "../../domain/locale-format";
import { creditorReference, epcQrPayload } from "../../domain/payment-reference";

const words = {
  en: {
    title: "Statement of account",
    date: "Date",
    intro: "The following invoices are open on your account:",
    none: "Nothing is open on your account. Thank you!",
    number: "Number",
    issued: "Date",
    due: "Due",
    gross: "Amount",
    paid: "Paid",
    open: "Open",
    overdue: "Days overdue",
    credits: (n: string) => `credit note for ${n}`,
    total: "Total open",
    scanBank: "GiroCode: scan with your banking app to pay the total open",
    bank: (iban: string) => `Bank transfer to IBAN ${iban}`,
    file: "statement-of-account",
  },
  de: {
    title: "Kontoauszug",
    date: "Datum",
    intro: "Auf Ihrem Konto sind folgende Rechnungen offen:",
    none: "Auf Ihrem Konto ist nichts offen. Vielen Dank!",
    number: "Nummer",
    issued: "Datum",
    due: "Fällig",
    gross: "Betrag",
    paid: "Bezahlt",
    open: "Offen",
    overdue: "Tage überfällig",
    credits: (n: string) => `Gutschrift zu ${n}`,
    total: "Offen gesamt",
    scanBank: "GiroCode: mit der Banking-App scannen und den offenen Betrag überweisen",
    bank: (iban: string) => `Überweisung auf IBAN ${iban}`,
    file: "kontoauszug",
  },
} as const;

const columns = [
  { key: "number", x: 50, width: 105, align: "left" },
  { key: "issued", x: 158, width: 62, align: "left" },
  { key: "due", x: 222, width: 62, align: "left" },
  { key: "gross", x: 286, width: 72, align: "right" },
  { key: "paid", x: 360, width: 72, align: "right" },
  { key: "open", x: 434, width: 72, align: "right" },
  { key: "overdue", x: 508, width: 37, align: "right" },
] as const;
type Column = (typeof columns)[number]["key"];

export async function statementOfAccount(db: Db, actor: ShopActor, customerId: string) {
  const customer = await findCustomer(db, actor, customerId);
  if (!customer) throw notFound("Customer");
  const [location, items, today] = await Promise.all([
    loadLocation(db, actor.locationId),
    statementInvoices(db, actor, customerId),
    locationToday(db, actor.locationId),
  ]);
  const language = customer.language;
  const w = words[language];
  const day = (d: string | null) => (d ? formatDay(d, language) : "–");
  const money = (amount: number, currency: string) => formatMoney(amount, currency, language);

  // The open total per currency (a customer's invoices are normally all in the shop's).
  const totals = new Map<string, number>();
  for (const item of items)
    if (item.kind === "invoice") totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.open);
  const openInvoices = items.filter((i) => i.kind === "invoice");
  const euroOnly = totals.size === 1 && totals.has("EUR");
  const totalOpen = totals.get("EUR") ?? 0;
  const epc =
    euroOnly && totalOpen > 0 && location.iban
      ? epcQrPayload({
          name: location.legalName,
          iban: location.iban,
          bic: location.bic,
          amount: totalOpen,
          currency: "EUR",
          // One invoice: its RF reference; several: their numbers as the remittance text.
          ...(openInvoices.length === 1
            ? { reference: creditorReference(openInvoices[0]!.number) }
            : { reference: "", remittance: openInvoices.map((i) => i.number).join(" ") }),
        })
      : null;

  const pdf = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `${w.title} ${customer.displayName}`, Author: location.legalName, Creator: "Pitlane" },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  // Letterhead: the shop's legal name and address.
  pdf.font("Helvetica-Bold").fontSize(16).text(location.legalName);
  pdf
    .font("Helvetica")
    .fontSize(9)
    .text(`${location.street}, ${location.postalCode} ${location.city}`)
    .moveDown(2);
  // The customer's address.
  pdf.fontSize(11).text(customer.displayName);
  if (customer.street) pdf.text(customer.street);
  if (customer.postalCode || customer.city)
    pdf.text([customer.postalCode, customer.city].filter(Boolean).join(" "));
  pdf.moveDown(2);
  pdf.font("Helvetica-Bold").fontSize(18).text(w.title);
  pdf
    .font("Helvetica")
    .fontSize(10)
    .text(`${w.date}: ${day(today)}`)
    .moveDown();

  if (items.length === 0) {
    pdf.fontSize(12).text(w.none);
    pdf.end();
    return { filename: `${w.file}-${today}.pdf`, body: await done };
  }
  pdf.fontSize(10).text(w.intro).moveDown(0.5);

  const row = (cells: Partial<Record<Column, string>>, bold = false) => {
    if (pdf.y > 760) pdf.addPage();
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    let bottom = y;
    for (const c of columns) {
      const text = cells[c.key];
      if (!text) continue;
      pdf.text(text, c.x, y, { width: c.width, align: c.align });
      bottom = Math.max(bottom, pdf.y);
    }
    pdf.x = 50;
    pdf.y = bottom + 3;
  };
  row(
    {
      number: w.number,
      issued: w.issued,
      due: w.due,
      gross: w.gross,
      paid: w.paid,
      open: w.open,
      overdue: w.overdue,
    },
    true,
  );
  pdf.moveTo(50, pdf.y).lineTo(545, pdf.y).lineWidth(0.5).stroke();
  pdf.y += 4;
  for (const item of items) {
    if (item.kind === "credit_note") {
      row({
        number: `${item.number} (${w.credits(item.creditsNumber ?? "")})`,
        issued: day(item.issueDate),
        gross: money(item.gross, item.currency),
      });
      continue;
    }
    const overdue = Math.max(0, daysOverdue(item.dueDate, today));
    row({
      number: item.number,
      issued: day(item.issueDate),
      due: day(item.dueDate),
      gross: money(item.gross, item.currency),
      paid: money(item.received, item.currency),
      open: money(item.open, item.currency),
      overdue: overdue > 0 ? String(overdue) : "–",
    });
  }
  pdf.moveTo(50, pdf.y).lineTo(545, pdf.y).lineWidth(0.5).stroke();
  pdf.y += 4;
  for (const [currency, amount] of totals) row({ number: w.total, open: money(amount, currency) }, true);

  if (epc) {
    const size = 150;
    if (pdf.y + size + 60 > 792) pdf.addPage();
    const top = pdf.y + 20;
    const png = await QRCode.toBuffer(epc, { errorCorrectionLevel: "M", margin: 1, width: 450 });
    pdf.image(png, 50, top, { width: size });
    pdf
      .font("Helvetica")
      .fontSize(9)
      .text(w.scanBank, 215, top + 10, { width: 300 })
      .text(w.bank(location.iban!), 215, pdf.y + 4, { width: 300 });
  }
  pdf.end();
  return { filename: `${w.file}-${today}.pdf`, body: await done };
}
