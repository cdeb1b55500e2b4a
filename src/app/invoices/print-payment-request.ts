// Print payment request: one A4 page for the counter or to go with the vehicle — the shop, the
// invoice number, the amount open, the due date, a QR code to the payment page and, for euro
// invoices with the shop's IBAN, the EPC QR code ("GiroCode") for a bank transfer. The pay link is
// a fresh one of the invoice's links: tokens are stored hashed, so a mailed link cannot be printed
// again, and a print must not cancel the link the customer already has in their mail.
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Db } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { findInvoice } from "../../db/queries/invoices";
import type { ShopActor } from "../../domain/actor";
import { DomainError, notFound } from "../../domain/errors";
import { formatDay, formatMoney } from "../../domain/locale-format";
import { creditorReference, epcQrPayload } from "../../domain/payment-reference";
import type { NotifyContext } from "../bookings/notify-booking";
import { recordAudit } from "../support/audit";
import { issueCustomerLink } from "../support/links/customer-links";

const payLinkDays = 120;

const words = {
  en: {
    title: "Payment request",
    invoice: "Invoice",
    amount: "Amount due",
    due: "Due",
    scanPay: "Scan to pay online (card, PayPal, instant transfer)",
    scanBank: "GiroCode: scan with your banking app",
    bank: (iban: string, ref: string) => `Bank transfer: IBAN ${iban}, reference ${ref}`,
    paid: "This invoice is paid. Thank you!",
  },
  de: {
    title: "Zahlungsaufforderung",
    invoice: "Rechnung",
    amount: "Zu zahlen",
    due: "Fällig",
    scanPay: "Scannen und online bezahlen (Karte, PayPal, Sofortüberweisung)",
    scanBank: "GiroCode: mit der Banking-App scannen",
    bank: (iban: string, ref: string) => `Überweisung: IBAN ${iban}, Verwendungszweck ${ref}`,
    paid: "Diese Rechnung ist bezahlt. Vielen Dank!",
  },
} as const;

export async function printPaymentRequest(db: Db, ctx: NotifyContext, actor: ShopActor, invoiceId: string) {
  return db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, actor, invoiceId);
    if (!invoice) throw notFound("Invoice");
    if (invoice.status !== "issued" || invoice.kind !== "invoice") {
      throw new DomainError("conflict", "Only an issued invoice has a payment request.");
    }
    const [location, customer] = await Promise.all([
      loadLocation(tx, actor.locationId),
      findCustomer(tx, actor, invoice.customerId),
    ]);
    const language = customer?.language ?? "de";
    const w = words[language];
    const open = invoice.openAmount;
    let payUrl: string | null = null;
    if (open > 0) {
      const token = await issueCustomerLink(
        tx,
        {
          organisationId: invoice.organisationId,
          locationId: invoice.locationId,
          customerId: invoice.customerId,
          purpose: "invoice-payment",
          subjectId: invoice.id,
        },
        payLinkDays,
      );
      payUrl = `${ctx.publicUrl}/pay/${token}`;
      await recordAudit(tx, actor, {
        entityType: "invoice",
        entityId: invoice.id,
        action: "print-payment-request",
      });
    }
    const number = invoice.number!;
    const reference = creditorReference(number);
    const epc =
      open > 0 && location.iban && invoice.currency === "EUR"
        ? epcQrPayload({
            name: location.legalName,
            iban: location.iban,
            bic: location.bic,
            amount: open,
            currency: invoice.currency,
            reference,
          })
        : null;

    const pdf = new PDFDocument({
      size: "A4",
      margin: 50,
      info: { Title: `${w.title} ${number}`, Author: location.legalName, Creator: "Pitlane" },
    });
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      pdf.on("end", () => resolve(Buffer.concat(chunks)));
      pdf.on("error", reject);
    });
    pdf.font("Helvetica-Bold").fontSize(16).text(location.legalName);
    pdf
      .font("Helvetica")
      .fontSize(10)
      .text(`${location.street}, ${location.postalCode} ${location.city}`)
      .moveDown(2);
    pdf.font("Helvetica-Bold").fontSize(24).text(w.title).moveDown(0.5);
    pdf.font("Helvetica").fontSize(12).text(`${w.invoice} ${number}`);
    if (customer) pdf.text(customer.displayName);
    pdf.moveDown();
    if (open > 0) {
      pdf.fontSize(14).text(w.amount);
      pdf
        .font("Helvetica-Bold")
        .fontSize(32)
        .text(formatMoney(open, invoice.currency, language));
      pdf.font("Helvetica").fontSize(12);
      if (invoice.dueDate) pdf.text(`${w.due}: ${formatDay(invoice.dueDate, language)}`);
    } else {
      pdf.fontSize(16).text(w.paid);
    }
    const top = pdf.y + 30;
    const size = 200;
    if (payUrl) {
      const png = await QRCode.toBuffer(payUrl, { errorCorrectionLevel: "M", margin: 1, width: 600 });
      pdf.image(png, 50, top, { width: size });
      pdf.fontSize(9).text(w.scanPay, 50, top + size + 8, { width: size });
    }
    if (epc) {
      const png = await QRCode.toBuffer(epc, { errorCorrectionLevel: "M", margin: 1, width: 600 });
      pdf.image(png, 320, top, { width: size });
      pdf.fontSize(9).text(w.scanBank, 320, top + size + 8, { width: size });
      pdf.text(w.bank(location.iban!, reference), 320, top + size + 22, { width: size });
    }
    pdf.end();
    return { filename: `${number}-payment-request.pdf`, body: await done, payUrl };
  });
}
