// One A4 layout for the documents a customer receives (estimates now, invoices later): the shop's
// letterhead, the customer's address, a few facts (number, dates, unit), a table of lines with
// parts indented under their labour line, net per tax rate, tax and gross, and notes. pdfkit's
// built-in Helvetica covers German text and the euro sign, so nothing is fetched at run time.
import PDFDocument from "pdfkit";
import { formatDay, formatMoney, localeOf } from "../../../domain/locale-format";

export interface DocumentParty {
  name: string;
  lines: string[];
}

export interface DocumentRow {
  description: string;
  /** Secondary text under the description (part number, pricing). */
  detail?: string | undefined;
  quantity: string;
  unitPrice: string;
  tax: string;
  amount: string;
  /** Parts sit under their labour line. */
  indent?: boolean;
  /** Strike through lines the customer declined or that are no longer offered. */
  muted?: boolean;
}

export interface PrintedDocument {
  title: string;
  seller: DocumentParty;
  /** Legal facts under the letterhead: VAT id, bank. */
  sellerFacts: string[];
  buyer: DocumentParty;
  facts: [label: string, value: string][];
  headings: { description: string; quantity: string; unitPrice: string; tax: string; amount: string };
  rows: DocumentRow[];
  totals: [label: string, value: string, strong?: boolean][];
  notes: string[];
  /** Small print at the foot of every page; a line break starts a second line. */
  footer: string;
  /** PNG images printed beside the totals, e.g. a payment QR code, with a caption. */
  codes?: { png: Buffer; caption: string }[];
}

const A4 = { width: 595.28, height: 841.89 };
const margin = 50;
const columns = { description: margin, quantity: 330, unitPrice: 385, tax: 455, amount: 495 } as const;
const right = A4.width - margin;

export async function renderPdf(doc: PrintedDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margin,
    info: { Title: doc.title, Author: doc.seller.name, Creator: "Pitlane" },
    // Kept in memory so the footer can say "page i of n" once the page count is known.
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  // Letterhead
  pdf.font("Helvetica-Bold").fontSize(14).text(doc.seller.name, margin, margin);
  pdf.font("Helvetica").fontSize(9).fillColor("#444");
  for (const line of [...doc.seller.lines, ...doc.sellerFacts]) pdf.text(line);
  pdf.fillColor("black");

  // Buyer block on the left, facts on the right
  const top = Math.max(pdf.y + 24, 150);
  pdf.font("Helvetica-Bold").fontSize(10).text(doc.buyer.name, margin, top, { width: 250 });
  pdf.font("Helvetica").fontSize(10);
  for (const line of doc.buyer.lines) pdf.text(line, { width: 250 });
  const buyerBottom = pdf.y;
  let factY = top;
  for (const [label, value] of doc.facts) {
    pdf.font("Helvetica").fontSize(9).fillColor("#444").text(label, 330, factY, { width: 90 });
    pdf.fillColor("black").text(value, 420, factY, { width: right - 420 });
    factY = Math.max(pdf.y, factY + 12);
  }

  pdf
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(doc.title, margin, Math.max(buyerBottom, factY) + 24);
  pdf.moveDown(0.5);

  // Lines
  const header = () => {
    const y = pdf.y;
    pdf.font("Helvetica-Bold").fontSize(9);
    pdf.text(doc.headings.description, columns.description, y, { width: 270 });
    pdf.text(doc.headings.quantity, columns.quantity, y, { width: 50, align: "right" });
    pdf.text(doc.headings.unitPrice, columns.unitPrice, y, { width: 65, align: "right" });
    pdf.text(doc.headings.tax, columns.tax, y, { width: 35, align: "right" });
    pdf.text(doc.headings.amount, columns.amount, y, { width: right - columns.amount, align: "right" });
    pdf
      .moveTo(margin, pdf.y + 2)
      .lineTo(right, pdf.y + 2)
      .stroke();
    pdf.y += 6;
  };
  header();
  for (const row of doc.rows) {
    if (pdf.y > A4.height - margin - 60) {
      pdf.addPage();
      header();
    }
    const y = pdf.y;
    const x = row.indent ? columns.description + 14 : columns.description;
    pdf.fillColor(row.muted ? "#888" : "black");
    pdf.font(row.indent ? "Helvetica" : "Helvetica-Bold").fontSize(9);
    pdf.text(row.description, x, y, { width: 270 - (x - columns.description), strike: row.muted });
    if (row.detail)
      pdf.font("Helvetica").fontSize(8).fillColor("#666").text(row.detail, x, pdf.y, { width: 260 });
    const bottom = pdf.y;
    pdf
      .font("Helvetica")
      .fontSize(9)
      .fillColor(row.muted ? "#888" : "black");
    pdf.text(row.quantity, columns.quantity, y, { width: 50, align: "right" });
    pdf.text(row.unitPrice, columns.unitPrice, y, { width: 65, align: "right" });
    pdf.text(row.tax, columns.tax, y, { width: 35, align: "right" });
    pdf.text(row.amount, columns.amount, y, { width: right - columns.amount, align: "right" });
    pdf.y = Math.max(bottom, pdf.y) + 4;
  }
  pdf.fillColor("black");
  pdf.moveTo(margin, pdf.y).lineTo(right, pdf.y).stroke();
  pdf.y += 6;

  // Totals on the right, payment codes on the left
  if (pdf.y > A4.height - margin - 140) pdf.addPage();
  const totalsTop = pdf.y;
  for (const [label, value, strong] of doc.totals) {
    const y = pdf.y;
    pdf.font(strong ? "Helvetica-Bold" : "Helvetica").fontSize(strong ? 11 : 9);
    pdf.text(label, 330, y, { width: 150 });
    pdf.text(value, columns.amount - 30, y, { width: right - columns.amount + 30, align: "right" });
    pdf.y = Math.max(pdf.y, y + 12) + 2;
  }
  const totalsBottom = pdf.y;
  let codeX = margin;
  for (const code of doc.codes ?? []) {
    pdf.image(code.png, codeX, totalsTop, { width: 90 });
    pdf
      .font("Helvetica")
      .fontSize(7)
      .text(code.caption, codeX, totalsTop + 92, { width: 110 });
    codeX += 120;
  }
  pdf.y = Math.max(totalsBottom, doc.codes?.length ? totalsTop + 120 : 0) + 12;

  pdf.font("Helvetica").fontSize(9);
  for (const note of doc.notes) pdf.text(note, margin, pdf.y, { width: right - margin }).moveDown(0.4);

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    pdf.page.margins.bottom = 0;
    pdf
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#666")
      // The page number ends the first line; the lines after it (a company's register and managing
      // directors) may wrap, within the bottom margin.
      .text(footerWithPage(doc.footer, i + 1, range.count), margin, A4.height - margin + 4, {
        width: right - margin,
        align: "center",
        height: 32,
        ellipsis: true,
      });
  }
  pdf.end();
  return done;
}

function footerWithPage(footer: string, page: number, pages: number): string {
  const [first = "", ...rest] = footer.split("\n");
  return [`${first} · ${page}/${pages}`, ...rest].join("\n");
}

/** How a printed document writes money, quantities and tax rates in the reader's language. */
export function documentFormat(language: "en" | "de", currency: string) {
  const locale = localeOf(language);
  return {
    locale,
    money: (minor: number) => formatMoney(minor, currency, language),
    /** A calendar day (yyyy-mm-dd); "–" where there is none yet. */
    day: (day: string | null) => (day ? formatDay(day, language) : "–"),
    qty: (milli: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(milli / 1000),
    rate: (bp: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(bp / 100)} %`,
  };
}
