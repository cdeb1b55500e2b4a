// The printed invoice (or credit note), in the customer's language, with what German and EU law asks
// of an invoice (§14 UStG): the seller's legal name, address and VAT id; the buyer; a unique number;
// invoice and service dates; the lines; net per tax rate, tax and gross; the payment terms. For euro
// invoices with the shop's IBAN it carries the EPC QR code ("GiroCode") with an RF reference.
import QRCode from "qrcode";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { loadLocation } from "../../db/queries/bookings";
import { findCustomer } from "../../db/queries/customers";
import { buyerOf, type InvoiceRow, sellerOf, vehicleOf } from "../../db/queries/invoices";
import type { Language } from "../../domain/customer";
import { legalLines } from "../../domain/legal-details";
import { formatKm } from "../../domain/locale-format";
import { creditorReference, epcQrPayload } from "../../domain/payment-reference";
import { documentFormat, type PrintedDocument, renderPdf } from "../support/documents/pdf-document";
import { invoiceDocumentOf } from "../support/invoices/invoice-documents";

const words = {
  en: {
    invoice: "Invoice",
    creditNote: "Credit note",
    draft: "DRAFT – not a valid invoice",
    number: "Number",
    issueDate: "Invoice date",
    serviceDate: "Service date",
    dueDate: "Due",
    po: "Your PO number",
    credits: "Credits invoice",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Price",
    tax: "VAT",
    amount: "Net",
    part: "Part no.",
    net: "Net total",
    taxAt: (rate: string, base: string) => `VAT ${rate} on ${base}`,
    gross: "Total",
    vatId: "VAT ID",
    customerVatId: "Customer VAT ID",
    vehicle: "Vehicle",
    plate: "Plate",
    vin: "VIN",
    odometer: "Odometer",
    register: "Register court",
    directors: "Managing directors",
    terms: (due: string) => `Please pay by ${due}.`,
    bank: (iban: string, bic: string | null, ref: string) =>
      `Bank transfer: IBAN ${iban}${bic ? `, BIC ${bic}` : ""}, reference ${ref}.`,
    giro: "Scan with your banking app",
  },
  de: {
    invoice: "Rechnung",
    creditNote: "Gutschrift",
    draft: "ENTWURF – keine gültige Rechnung",
    number: "Nummer",
    issueDate: "Rechnungsdatum",
    serviceDate: "Leistungsdatum",
    dueDate: "Fällig",
    po: "Ihre Bestellnummer",
    credits: "Korrektur zu Rechnung",
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Preis",
    tax: "USt.",
    amount: "Netto",
    part: "Teile-Nr.",
    net: "Summe netto",
    taxAt: (rate: string, base: string) => `USt. ${rate} auf ${base}`,
    gross: "Gesamtbetrag",
    vatId: "USt-IdNr.",
    customerVatId: "USt-IdNr. Kunde",
    vehicle: "Fahrzeug",
    plate: "Kennzeichen",
    vin: "FIN",
    odometer: "Kilometerstand",
    register: "Registergericht",
    directors: "Geschäftsführer",
    terms: (due: string) => `Bitte zahlen Sie bis zum ${due}.`,
    bank: (iban: string, bic: string | null, ref: string) =>
      `Überweisung: IBAN ${iban}${bic ? `, BIC ${bic}` : ""}, Verwendungszweck ${ref}.`,
    giro: "Mit der Banking-App scannen",
  },
} as const;

const party = z.object({
  seller: z.object({
    legalName: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatId: z.string().nullable(),
    // Invoices issued before the register was kept were frozen without it.
    registerCourt: z.string().nullable().default(null),
    registerNumber: z.string().nullable().default(null),
    managingDirectors: z.array(z.string()).default([]),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    // E-invoice facts (issue #16): invoices frozen before them read as not set.
    taxNumber: z.string().nullable().default(null),
    eInvoiceAddress: z.string().nullable().default(null),
  }),
  buyer: z.object({
    name: z.string(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    vatId: z.string().nullable(),
    email: z.string().nullable(),
    language: z.enum(["en", "de"]),
    eInvoiceAddress: z.string().nullable().default(null),
    buyerReference: z.string().nullable().default(null),
  }),
  vehicle: z
    .object({
      make: z.string(),
      model: z.string(),
      year: z.number().nullable(),
      plate: z.string().nullable(),
      vin: z.string().nullable(),
      odometerKm: z.number().nullable(),
    })
    .nullable()
    .default(null),
});

/** Seller, buyer and vehicle as frozen at issue; a draft shows them as they are now. */
export async function partiesFor(db: DbOrTx, invoice: InvoiceRow) {
  if (invoice.parties) return party.parse(invoice.parties);
  const location = await loadLocation(db, invoice.locationId);
  const customer = await findCustomer(db, invoice, invoice.customerId);
  return party.parse({
    seller: sellerOf(location),
    buyer: customer ? buyerOf(customer) : { name: "", country: "DE", language: "de" },
    vehicle: await vehicleOf(db, invoice, invoice),
  });
}

export async function invoicePdf(
  db: DbOrTx,
  invoice: InvoiceRow,
  extra: { creditedNumber?: string | null; payUrl?: string | null } = {},
) {
  // An invoice the DMS pushed with its own PDF, or one created from an uploaded PDF, is that
  // document: the customer holds it, so the mail and the download give it rather than one Pitlane
  // renders from the data.
  if (invoice.externalId || invoice.source === "upload") {
    const document = await invoiceDocumentOf(db, invoice.id);
    if (document) return { filename: document.fileName, body: document.content };
  }
  const { seller, buyer, vehicle } = await partiesFor(db, invoice);
  const language: Language = buyer.language;
  const w = words[language];
  const { money, qty, rate, day } = documentFormat(language, invoice.currency);
  const credit = invoice.kind === "credit_note";
  const title = `${credit ? w.creditNote : w.invoice} ${invoice.number ?? ""}`.trim();

  const facts: PrintedDocument["facts"] = [
    [w.number, invoice.number ?? w.draft],
    [w.issueDate, day(invoice.issueDate)],
    [w.serviceDate, day(invoice.serviceDate)],
  ];
  if (!credit) facts.push([w.dueDate, day(invoice.dueDate)]);
  if (extra.creditedNumber) facts.push([w.credits, extra.creditedNumber]);
  if (invoice.poNumber) facts.push([w.po, invoice.poNumber]);
  if (buyer.vatId) facts.push([w.customerVatId, buyer.vatId]);
  if (vehicle) {
    facts.push([w.vehicle, `${vehicle.make} ${vehicle.model}${vehicle.year ? ` (${vehicle.year})` : ""}`]);
    if (vehicle.plate) facts.push([w.plate, vehicle.plate]);
    if (vehicle.vin) facts.push([w.vin, vehicle.vin]);
    if (vehicle.odometerKm !== null) facts.push([w.odometer, formatKm(vehicle.odometerKm, language)]);
  }
  // Register and managing directors sit in the footer, as on a German business letter: on every page.
  const legal = legalLines(seller, w);

  const codes: PrintedDocument["codes"] = [];
  const notes: string[] = [];
  if (invoice.note) notes.push(invoice.note);
  if (!credit && invoice.number) {
    notes.push(w.terms(day(invoice.dueDate)));
    if (seller.iban && invoice.currency === "EUR") {
      const reference = creditorReference(invoice.number);
      notes.push(w.bank(seller.iban, seller.bic, reference));
      const payload = epcQrPayload({
        name: seller.legalName,
        iban: seller.iban,
        bic: seller.bic,
        amount: invoice.totals.gross,
        currency: invoice.currency,
        reference,
      });
      codes.push({
        png: await QRCode.toBuffer(payload, { errorCorrectionLevel: "M", margin: 1, width: 300 }),
        caption: `GiroCode · ${w.giro}`,
      });
    }
    if (extra.payUrl) {
      codes.push({
        png: await QRCode.toBuffer(extra.payUrl, { errorCorrectionLevel: "M", margin: 1, width: 300 }),
        caption: extra.payUrl,
      });
    }
  }

  const body = await renderPdf({
    title: invoice.number ? title : `${title} – ${w.draft}`,
    seller: {
      name: seller.legalName,
      lines: [
        `${seller.street}, ${seller.postalCode} ${seller.city}`,
        [seller.phone, seller.email].filter(Boolean).join(" · "),
      ].filter((l) => l.length > 0),
    },
    sellerFacts: seller.vatId ? [`${w.vatId} ${seller.vatId}`] : [],
    buyer: {
      name: buyer.name,
      lines: [buyer.street ?? "", [buyer.postalCode, buyer.city].filter(Boolean).join(" ")].filter(
        (l) => l.length > 0,
      ),
    },
    facts,
    headings: {
      description: w.description,
      quantity: w.quantity,
      unitPrice: w.unitPrice,
      tax: w.tax,
      amount: w.amount,
    },
    rows: invoice.lines.map((l) => ({
      description: l.description,
      detail: l.partNumber ? `${w.part} ${l.partNumber}` : undefined,
      quantity: qty(l.quantityMilli),
      unitPrice: money(l.unitPrice),
      tax: rate(l.taxRateBp),
      amount: money(credit ? -l.net : l.net),
    })),
    totals: [
      [w.net, money(credit ? -invoice.totals.net : invoice.totals.net)],
      ...invoice.totals.byRate.map(
        (r) =>
          [w.taxAt(rate(r.rateBp), money(credit ? -r.net : r.net)), money(credit ? -r.tax : r.tax)] as [
            string,
            string,
          ],
      ),
      [w.gross, money(credit ? -invoice.totals.gross : invoice.totals.gross), true],
    ],
    notes,
    // The address on the first line, the register and the managing directors on the second.
    footer: [
      [
        seller.legalName,
        `${seller.street}, ${seller.postalCode} ${seller.city}`,
        ...(seller.vatId ? [`${w.vatId} ${seller.vatId}`] : []),
      ].join(" · "),
      ...(legal.length > 0 ? [legal.join(" · ")] : []),
    ].join("\n"),
    codes,
  });
  return { filename: `${invoice.number ?? `draft-${invoice.id}`}.pdf`, body };
}
