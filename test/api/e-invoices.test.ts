// E-invoices (issue #16): for each tax case the shop meets, the XML a customer gets validates against
// the CII D16B schema (EN 16931 subset), its totals (BT-106 … BT-115) are Pitlane's to the cent when
// read back, a ZUGFeRD PDF carries it as factur-x.xml, and an XRechnung customer's invoice mail has
// the XML attached. What a format needs and the invoice lacks is refused at issue, naming the field.
import { simpleParser } from "mailparser";
import { getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { readEInvoice } from "../../src/domain/e-invoice/read";
import { addDays } from "../../src/domain/invoice";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { ciiSchemaErrors } from "../support/e-invoice-xsd";
import { createShop, type Shop } from "../support/fixtures";
import { startSmtpServer, waitFor } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let shop: Shop;
let accounting: Client;
let today: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Werkstatt <service@werkstatt.test>" });
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  today = await locationToday(t.database.db, shop.locationId);
  // XRechnung asks for the seller's phone (BR-DE-6): the shop's settings have it.
  const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
  const location = (await admin("GET", "/api/v1/settings/location")).json();
  const saved = await admin("PATCH", "/api/v1/settings/location", {
    phone: "+49 30 1234567",
    version: location.version,
  });
  expect(saved.statusCode, saved.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

let seq = 0;
async function customer(fields: Record<string, unknown>) {
  seq += 1;
  const res = await accounting("POST", "/api/v1/customers", {
    type: "business",
    companyName: `Stadtwerke ${seq}`,
    email: `rechnung${seq}@kunde.test`,
    street: "Rathausplatz 1",
    postalCode: "20095",
    city: "Hamburg",
    language: "de",
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; email: string };
}

type Line = Record<string, unknown>;
async function draft(customerId: string, lines: Line[], extra: Record<string, unknown> = {}) {
  const res = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines,
    serviceDate: addDays(today, -2),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; totals: { net: number; tax: number; gross: number } };
}
async function issue(id: string) {
  const res = await accounting("POST", `/api/v1/invoices/${id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    id: string;
    number: string;
    issueDate: string;
    totals: {
      net: number;
      tax: number;
      gross: number;
      byRate: { rateBp: number; net: number; tax: number }[];
    };
  };
}
const download = async (id: string, format?: string) => {
  const res = await accounting("GET", `/api/v1/invoices/${id}/e-invoice${format ? `?format=${format}` : ""}`);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

/** The XML a PDF carries as an embedded file, by its name. */
async function embedded(pdf: Buffer, name: string) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const files = (await doc.getAttachments()) as Record<
    string,
    { filename: string; content: Uint8Array }
  > | null;
  const file = Object.values(files ?? {}).find((f) => f.filename === name);
  return file ? Buffer.from(file.content).toString("utf8") : undefined;
}

/** The read-back totals equal Pitlane's to the cent, and the VAT breakdown its per-rate tax. */
function expectTotals(xml: string, invoice: Awaited<ReturnType<typeof issue>>) {
  const read = readEInvoice(xml);
  expect(read.number).toBe(invoice.number);
  expect(read.totals).toMatchObject({
    lineTotal: invoice.totals.net,
    taxExclusive: invoice.totals.net,
    tax: invoice.totals.tax,
    taxInclusive: invoice.totals.gross,
    payable: invoice.totals.gross,
    allowances: 0,
    charges: 0,
    prepaid: 0,
  });
  const perRate = new Map<number, { net: number; tax: number }>();
  for (const v of read.vat) {
    const r = perRate.get(v.rateBp ?? 0) ?? { net: 0, tax: 0 };
    perRate.set(v.rateBp ?? 0, { net: r.net + v.taxable, tax: r.tax + v.tax });
  }
  expect(Object.fromEntries(perRate)).toEqual(
    Object.fromEntries(invoice.totals.byRate.map((r) => [r.rateBp, { net: r.net, tax: r.tax }])),
  );
  return read;
}

const mixedLines: Line[] = [
  // 1.5 h at 95.00 = 142.50 at 19 %.
  {
    description: "Bremsen vorne erneuern",
    quantityMilli: 1500,
    unitPrice: 9500,
    taxRateBp: 1900,
    unitCode: "HUR",
  },
  {
    description: "Bremsbeläge",
    partNumber: "BP-4711",
    quantityMilli: 2000,
    unitPrice: 3333,
    taxRateBp: 1900,
  },
  // 7 %: the workshop manual the fleet ordered; 0 %: zero rated.
  { description: "Werkstatthandbuch", quantityMilli: 1000, unitPrice: 2990, taxRateBp: 700 },
  { description: "Altteilpfand", quantityMilli: 1000, unitPrice: 1500, taxRateBp: 0 },
  // A discount is a negative line.
  { description: "Rabatt Flottenkunde", quantityMilli: 1000, unitPrice: -1000, taxRateBp: 1900 },
];

describe("XRechnung", () => {
  it("mails a public buyer the PDF and the XRechnung XML: schema-valid, Leitweg-ID, totals to the cent", async () => {
    const buyer = await customer({ eInvoiceFormat: "xrechnung_cii", buyerReference: "04011000-12345-34" });
    const d = await draft(buyer.id, mixedLines, { poNumber: "PO-77" });
    const check = await accounting("GET", `/api/v1/invoices/${d.id}/e-invoice/check`);
    expect(check.json()).toEqual({ format: "xrechnung_cii", label: "XRechnung (CII)", missing: [] });
    const invoice = await issue(d.id);
    const sent = await accounting("POST", `/api/v1/invoices/${invoice.id}/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);

    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(buyer.email)));
    const parsed = await simpleParser(mail.raw);
    const names = parsed.attachments.map((a) => a.filename).sort();
    expect(names).toEqual([`${invoice.number}.pdf`, `${invoice.number}.xml`].sort());
    const xml = parsed.attachments.find((a) => a.filename?.endsWith(".xml"))!.content.toString("utf8");

    expect(await ciiSchemaErrors(xml)).toEqual([]);
    const read = expectTotals(xml, invoice);
    expect(read.customizationId).toContain("xrechnung");
    expect(read.typeCode).toBe("380");
    expect(read.buyerReference).toBe("04011000-12345-34");
    expect(read.orderReference).toBe("PO-77");
    expect(read.deliveryDate).toBe(addDays(today, -2));
    expect(read.seller).toMatchObject({ vatId: "DE123456789", country: "DE" });
    expect(read.buyer.electronicAddress).toEqual({ value: buyer.email, scheme: "EM" });
    expect(read.payment).toMatchObject({
      meansCode: "58",
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
    });
    expect(read.payment.remittance).toMatch(/^RF\d{2}/);
    // Units and categories per line: hours, pieces, a unit of service; S, S, S, Z, S.
    expect(read.lines.map((l) => [l.unitCode, l.taxCategory, l.net])).toEqual([
      ["HUR", "S", 14_250],
      ["H87", "S", 6_666],
      ["C62", "S", 2_990],
      ["C62", "Z", 1_500],
      ["C62", "S", -1_000],
    ]);
    // The discount's price is not negative (BR-27): the quantity carries the sign.
    expect(read.lines[4]).toMatchObject({ quantity: "-1", price: "10.00" });
  });

  it("writes XRechnung UBL with the same totals", async () => {
    const buyer = await customer({ eInvoiceFormat: "xrechnung_ubl", buyerReference: "991-01234-44" });
    const invoice = await issue((await draft(buyer.id, mixedLines)).id);
    const res = await download(invoice.id);
    expect(res.headers["content-type"]).toContain("application/xml");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="${invoice.number}.xml"`);
    const read = expectTotals(res.body, invoice);
    expect(read.syntax).toBe("ubl");
    expect(read.buyerReference).toBe("991-01234-44");
  });

  it("is refused at issue, naming each missing fact, when the customer lacks the Leitweg-ID and an address", async () => {
    const buyer = await customer({ eInvoiceFormat: "xrechnung_cii", email: null, street: null });
    const d = await draft(buyer.id, mixedLines.slice(0, 1));
    const check = (await accounting("GET", `/api/v1/invoices/${d.id}/e-invoice/check`)).json();
    const fields = check.missing.map((m: { field: string }) => m.field);
    expect(fields).toEqual(
      expect.arrayContaining(["customer.buyerReference", "customer.eInvoiceAddress", "customer.street"]),
    );
    const res = await accounting("POST", `/api/v1/invoices/${d.id}/issue`);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
    // Still a draft: nothing was numbered.
    const after = (await accounting("GET", `/api/v1/invoices/${d.id}`)).json();
    expect(after).toMatchObject({ status: "draft", number: null });
  });
});

describe("ZUGFeRD", () => {
  it("mails one PDF carrying the CII XML as factur-x.xml, the same as the download", async () => {
    const buyer = await customer({ eInvoiceFormat: "zugferd", language: "en" });
    const invoice = await issue((await draft(buyer.id, mixedLines)).id);
    await accounting("POST", `/api/v1/invoices/${invoice.id}/send`, {});
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(buyer.email)));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${invoice.number}.pdf`, "application/pdf"],
    ]);
    const pdf = parsed.attachments[0]!.content;
    const xml = await embedded(pdf, "factur-x.xml");
    expect(xml).toBeDefined();
    expect(await ciiSchemaErrors(xml!)).toEqual([]);
    const read = expectTotals(xml!, invoice);
    expect(read.customizationId).toBe("urn:cen.eu:en16931:2017");
    // PDF/A-3 with the Factur-X metadata and the XML as its alternative representation.
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/AFRelationship /Alternative");
    expect(raw).toContain("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>");
    expect(raw).toContain("<pdfaid:part>3</pdfaid:part>");

    const downloaded = await download(invoice.id);
    expect(downloaded.headers["content-type"]).toBe("application/pdf");
    expect(await embedded(downloaded.rawPayload, "factur-x.xml")).toBe(xml);
  });

  it("reverse charges a business in another EU country: AE with the exemption, schema-valid", async () => {
    const buyer = await customer({
      eInvoiceFormat: "zugferd",
      country: "AT",
      vatId: "ATU12345678",
      city: "Wien",
      postalCode: "1010",
      language: "en",
    });
    const invoice = await issue(
      (
        await draft(buyer.id, [
          { description: "Unfallinstandsetzung", quantityMilli: 4000, unitPrice: 9500, taxRateBp: 0 },
          {
            description: "Stoßfänger",
            partNumber: "ST-1",
            quantityMilli: 1000,
            unitPrice: 41_999,
            taxRateBp: 0,
          },
        ])
      ).id,
    );
    const xml = (await embedded((await download(invoice.id)).rawPayload, "factur-x.xml"))!;
    expect(await ciiSchemaErrors(xml)).toEqual([]);
    const read = expectTotals(xml, invoice);
    expect(read.vat).toEqual([
      {
        category: "AE",
        rateBp: 0,
        taxable: 79_999,
        tax: 0,
        exemptionCode: "VATEX-EU-AE",
        exemptionReason: "Reverse charge",
      },
    ]);
    expect(read.buyer.vatId).toBe("ATU12345678");
  });

  it("produces a partial credit note as type 381 naming the credited invoice", async () => {
    const buyer = await customer({ eInvoiceFormat: "xrechnung_cii", buyerReference: "04011000-1-99" });
    const invoice = await issue((await draft(buyer.id, mixedLines)).id);
    const credit = await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {
      lines: [{ description: "Kulanz Bremsbeläge", quantityMilli: 1000, unitPrice: 2000, taxRateBp: 1900 }],
    });
    expect(credit.statusCode, credit.body).toBe(201);
    const note = credit.json();
    const xml = (await download(note.id)).body;
    expect(await ciiSchemaErrors(xml)).toEqual([]);
    const read = expectTotals(xml, note);
    expect(read.typeCode).toBe("381");
    expect(read.precedingInvoices).toEqual([{ number: invoice.number, issueDate: invoice.issueDate }]);
    expect(read.totals.payable).toBe(2_380);
  });
});

describe("other sources and places", () => {
  it("produces a DMS-pushed invoice in its customer's format once the shop sets one", async () => {
    const { key } = await createKey(t.database.db, shop);
    const dms = keyClient(t.app, key);
    const pushed = await dms("POST", "/api/v1/invoices", {
      externalId: "WB-EINV-1",
      number: "RE-EINV-1",
      issueDate: today,
      currency: "EUR",
      customer: {
        externalId: "K-EINV-1",
        name: "Logistik Nord GmbH",
        type: "business",
        email: "eingang@logistik-nord.test",
        language: "de",
        street: "Hafenstraße 5",
        postalCode: "20457",
        city: "Hamburg",
      },
      lines: [
        { description: "Inspektion", quantityMilli: 2000, unitPrice: 9500, taxRateBp: 1900, kind: "labour" },
        { description: "Ölfilter", quantityMilli: 1000, unitPrice: 1250, taxRateBp: 1900, kind: "part" },
      ],
      totals: { net: 20_250, tax: 3848, gross: 24_098 },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const invoice = pushed.json();
    const c = (await accounting("GET", `/api/v1/customers/${invoice.customerId}`)).json();
    const patched = await accounting("PATCH", `/api/v1/customers/${c.id}`, {
      eInvoiceFormat: "xrechnung_ubl",
      buyerReference: "LN-4711",
      version: c.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const read = expectTotals((await download(invoice.id)).body, {
      ...invoice,
      totals: { net: 20_250, tax: 3848, gross: 24_098, byRate: [{ rateBp: 1900, net: 20_250, tax: 3848 }] },
    });
    expect(read.lines.map((l) => l.unitCode)).toEqual(["HUR", "H87"]);
    expect(read.buyerReference).toBe("LN-4711");
  });

  it("gives the portal customer and the payment page the e-invoice, and nobody else's", async () => {
    const portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
    const c = (await accounting("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    await accounting("PATCH", `/api/v1/customers/${c.id}`, {
      eInvoiceFormat: "zugferd",
      email: "fleet@kunde.test",
      street: "Flottenweg 1",
      postalCode: "10115",
      city: "Berlin",
      version: c.version,
    });
    const invoice = await issue((await draft(shop.businessCustomerId, mixedLines.slice(0, 2))).id);
    const mine = await portal("GET", `/api/v1/portal/invoices/${invoice.id}/e-invoice`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(await embedded(mine.rawPayload, "factur-x.xml")).toContain(invoice.number);

    await accounting("POST", `/api/v1/invoices/${invoice.id}/send`, {});
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes("fleet@kunde.test")));
    const token = (await simpleParser(mail.raw)).text?.match(/\/pay\/([\w-]+)/)?.[1];
    const page = await t.app.inject({ url: `/api/v1/pay/${token}/e-invoice` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers["cache-control"]).toBe("private, no-store");

    const stranger = await customer({ eInvoiceFormat: "zugferd" });
    const theirs = await issue((await draft(stranger.id, mixedLines.slice(0, 1))).id);
    expect((await portal("GET", `/api/v1/portal/invoices/${theirs.id}/e-invoice`)).statusCode).toBe(404);
    const other = await createShop(t.database.db, "Other shop");
    const outsider = client(t.app, await signIn(t.app, other.staff.accounting.email));
    expect((await outsider("GET", `/api/v1/invoices/${invoice.id}/e-invoice`)).statusCode).toBe(404);
  });

  it("says a PDF customer gets no e-invoice unless a format is asked for", async () => {
    const invoice = await issue((await draft(shop.privateCustomerId, mixedLines.slice(0, 1))).id);
    const res = await accounting("GET", `/api/v1/invoices/${invoice.id}/e-invoice`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("PDF invoices");
  });

  it("refuses a line whose category does not fit its rate, naming the line's field", async () => {
    const res = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.privateCustomerId,
      lines: [
        { description: "Gutachten", quantityMilli: 1000, unitPrice: 5000, taxRateBp: 0, taxCategory: "E" },
        { description: "Service", quantityMilli: 1000, unitPrice: 5000, taxRateBp: 0, taxCategory: "S" },
        { description: "Unit", quantityMilli: 1000, unitPrice: 5000, taxRateBp: 1900, unitCode: "XYZ" },
      ],
    });
    // A unit outside the list is the request's shape (400); a category that does not fit, the rules (422).
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["lines.2.unitCode"]),
    );
    const tax = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.privateCustomerId,
      lines: [
        { description: "Gutachten", quantityMilli: 1000, unitPrice: 5000, taxRateBp: 0, taxCategory: "E" },
        { description: "Service", quantityMilli: 1000, unitPrice: 5000, taxRateBp: 0, taxCategory: "S" },
      ],
    });
    expect(tax.statusCode).toBe(422);
    expect(tax.json().errors.map((e: { field: string }) => e.field)).toEqual([
      "lines.0.taxExemptionReason",
      "lines.1.taxCategory",
    ]);
  });
});
