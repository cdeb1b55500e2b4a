// Every tax case a shop meets, in every format Pitlane writes, without a database: the CII validates
// against the D16B schema (EN 16931 subset), the read-back totals (BT-106 … BT-115) and VAT breakdown
// are Pitlane's to the cent, and the XML inside the ZUGFeRD PDF is the CII the generator writes.
import type { Invoice } from "@e-invoice-eu/core";
import { getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { ciiSchemaErrors } from "../../../test/support/e-invoice-xsd";
import { type EInvoiceSource, eInvoiceDocument } from "../../domain/e-invoice/build";
import { readEInvoice } from "../../domain/e-invoice/read";
import { type InvoiceLineInput, priceLines } from "../../domain/invoice";
import { creditorReference } from "../../domain/payment-reference";
import { renderPdf } from "../support/documents/pdf-document";
import { eInvoiceGenerator } from "./e-invoice-generator";

const seller: EInvoiceSource["seller"] = {
  legalName: "Autohaus Beispiel GmbH",
  street: "Werkstattweg 3",
  postalCode: "10115",
  city: "Berlin",
  country: "DE",
  vatId: "DE123456789",
  taxNumber: "30/123/45678",
  iban: "DE89 3704 0044 0532 0130 00",
  bic: "COBADEFFXXX",
  email: "service@autohaus.test",
  phone: "+49 30 1234567",
  eInvoiceAddress: null,
};
const buyer = (over: Partial<EInvoiceSource["buyer"]> = {}): EInvoiceSource["buyer"] => ({
  name: "Stadtwerke Musterstadt",
  street: "Rathausplatz 1",
  postalCode: "20095",
  city: "Hamburg",
  country: "DE",
  vatId: null,
  email: "rechnung@stadtwerke.test",
  eInvoiceAddress: null,
  buyerReference: "04011000-12345-34",
  language: "de",
  ...over,
});
function source(lines: InvoiceLineInput[], over: Partial<EInvoiceSource> = {}): EInvoiceSource {
  const priced = priceLines(lines);
  return {
    kind: "invoice",
    number: "INV-2026-000042",
    issueDate: "2026-12-07",
    dueDate: "2026-12-21",
    serviceDate: "2026-12-04",
    currency: "EUR",
    poNumber: null,
    note: null,
    credited: null,
    lines: priced.lines,
    totals: priced.totals,
    seller,
    buyer: buyer(),
    vehicle: {
      make: "VW",
      model: "Crafter",
      year: 2021,
      plate: "HH-SW 123",
      vin: "WV1ZZZSYZM9000001",
      odometerKm: 81_250,
    },
    paymentReference: creditorReference("INV-2026-000042"),
    ...over,
  };
}

const line = (
  description: string,
  quantityMilli: number,
  unitPrice: number,
  taxRateBp: number,
  extra = {},
) => ({
  description,
  quantityMilli,
  unitPrice,
  taxRateBp,
  ...extra,
});

const cases: [string, EInvoiceSource][] = [
  [
    "19 % and 7 % mixed, a 0 % line and a discount",
    source(
      [
        line("Bremsen vorne", 1500, 9500, 1900, { unitCode: "HUR" }),
        line("Bremsbeläge", 2000, 3333, 1900, { partNumber: "BP-4711" }),
        line("Motoröl 5W-30", 4500, 1290, 1900, { unitCode: "LTR" }),
        line("Werkstatthandbuch", 1000, 2990, 700),
        line("Altteilpfand", 1000, 1500, 0),
        line("Rabatt Flottenkunde", 1000, -1000, 1900),
      ],
      { poNumber: "PO-2026-771" },
    ),
  ],
  [
    "reverse charge to a business in another EU country",
    source(
      [
        line("Unfallinstandsetzung", 4000, 9500, 0),
        line("Stoßfänger", 1000, 41_999, 0, { partNumber: "ST-1" }),
      ],
      {
        buyer: buyer({
          country: "AT",
          vatId: "ATU12345678",
          city: "Wien",
          postalCode: "1010",
          language: "en",
        }),
      },
    ),
  ],
  [
    "export to a buyer outside the EU",
    source([line("Inspektion", 2000, 9500, 0)], {
      buyer: buyer({ country: "CH", city: "Basel", postalCode: "4051", vatId: "CHE-123.456.789 MWST" }),
    }),
  ],
  [
    "an exempt line with its reason beside a standard one",
    source([
      line("HU/AU Prüfgebühr", 1000, 14_900, 0, {
        taxCategory: "E",
        taxExemptionReason: "Durchlaufender Posten (§ 10 Abs. 1 UStG)",
      }),
      line("Vorbereitung HU", 500, 9500, 1900, { unitCode: "HUR" }),
    ]),
  ],
  [
    "a credit note of the whole invoice",
    source(
      [line("Bremsen vorne", 1500, 9500, 1900, { unitCode: "HUR" }), line("Handbuch", 1000, 2990, 700)],
      {
        kind: "credit_note",
        number: "CN-2026-000007",
        dueDate: null,
        paymentReference: null,
        credited: { number: "INV-2026-000042", issueDate: "2026-12-07" },
      },
    ),
  ],
  [
    "a partial credit",
    source([line("Kulanz Bremsbeläge", 1000, 2000, 1900)], {
      kind: "credit_note",
      number: "CN-2026-000008",
      dueDate: null,
      paymentReference: null,
      credited: { number: "INV-2026-000042", issueDate: "2026-12-07" },
    }),
  ],
];

let pdf: Buffer;
beforeAll(async () => {
  pdf = await renderPdf({
    title: "Rechnung",
    seller: { name: seller.legalName, lines: [] },
    sellerFacts: [],
    buyer: { name: "Stadtwerke", lines: [] },
    facts: [],
    headings: { description: "", quantity: "", unitPrice: "", tax: "", amount: "" },
    rows: [],
    totals: [],
    notes: [],
    footer: "",
    codes: [],
  });
}, 30_000);

const generate = async (s: EInvoiceSource, format: string) =>
  eInvoiceGenerator().generate(eInvoiceDocument(s) as unknown as Invoice, {
    format,
    lang: "de",
    ...(format.startsWith("Factur-X")
      ? { pdf: { buffer: pdf, filename: "a.pdf", mimetype: "application/pdf" } }
      : {}),
  });

async function embeddedXml(file: Uint8Array) {
  const doc = await getDocumentProxy(new Uint8Array(file));
  const files = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
  return Object.values(files).map((f) => [f.filename, Buffer.from(f.content).toString("utf8")] as const);
}

function expectPitlaneTotals(xml: string, s: EInvoiceSource) {
  const read = readEInvoice(xml);
  expect(read.number).toBe(s.number);
  expect(read.typeCode).toBe(s.kind === "credit_note" ? "381" : "380");
  expect(read.totals).toEqual({
    lineTotal: s.totals.net,
    allowances: 0,
    charges: 0,
    taxExclusive: s.totals.net,
    tax: s.totals.tax,
    taxInclusive: s.totals.gross,
    prepaid: 0,
    rounding: 0,
    payable: s.totals.gross,
  });
  expect(read.lines.map((l) => l.net)).toEqual(s.lines.map((l) => l.net));
  const perRate = new Map<number, number>();
  for (const v of read.vat) perRate.set(v.rateBp ?? 0, (perRate.get(v.rateBp ?? 0) ?? 0) + v.tax);
  expect(Object.fromEntries(perRate)).toEqual(
    Object.fromEntries(s.totals.byRate.map((r) => [r.rateBp, r.tax])),
  );
  if (s.credited) expect(read.precedingInvoices).toEqual([s.credited]);
  expect(read.orderReference).toBe(s.poNumber);
  return read;
}

describe.each(cases)("%s", (_name, s) => {
  it("XRechnung CII: schema-valid, totals to the cent", async () => {
    const xml = (await generate(s, "XRECHNUNG-CII")) as string;
    expect(await ciiSchemaErrors(xml)).toEqual([]);
    const read = expectPitlaneTotals(xml, s);
    expect(read.customizationId).toBe(
      "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
    );
    expect(read.buyerReference).toBe("04011000-12345-34");
    expect(read.seller).toMatchObject({ vatId: "DE123456789", taxNumber: "30/123/45678" });
  });

  it("XRechnung UBL: well-formed and the same totals", async () => {
    const xml = (await generate(s, "XRECHNUNG-UBL")) as string;
    const read = expectPitlaneTotals(xml, s);
    expect(read.syntax).toBe("ubl");
  });

  it("ZUGFeRD: the PDF carries factur-x.xml, the CII the generator writes, schema-valid", async () => {
    const file = (await generate(s, "Factur-X-EN16931")) as Uint8Array;
    const files = await embeddedXml(file);
    expect(files.map(([name]) => name)).toEqual(["factur-x.xml"]);
    const xml = files[0]![1];
    // Element for element (the terms the library leaves out of Factur-X are added unindented).
    const compact = (x: string) => x.replace(/>\s+</g, "><");
    expect(compact(xml)).toBe(compact((await generate(s, "CII")) as string));
    expect(await ciiSchemaErrors(xml)).toEqual([]);
    expectPitlaneTotals(xml, s);
  });
});

describe("tax categories written", () => {
  it("reverse charge is AE with its VATEX code, export G, an exempt line E with the reason", async () => {
    const categories = async (s: EInvoiceSource) =>
      readEInvoice((await generate(s, "XRECHNUNG-CII")) as string).vat.map((v) => [
        v.category,
        v.rateBp,
        v.exemptionCode,
        v.exemptionReason,
      ]);
    expect(await categories(cases[1]![1])).toEqual([["AE", 0, "VATEX-EU-AE", "Reverse charge"]]);
    expect(await categories(cases[2]![1])).toEqual([["G", 0, "VATEX-EU-G", "Steuerfreie Ausfuhr"]]);
    expect(await categories(cases[3]![1])).toEqual([
      ["S", 1900, null, null],
      ["E", 0, null, "Durchlaufender Posten (§ 10 Abs. 1 UStG)"],
    ]);
  });

  it("names the vehicle on every line and the units of labour, parts and oil", async () => {
    const read = readEInvoice((await generate(cases[0]![1], "XRECHNUNG-CII")) as string);
    expect(read.lines.map((l) => l.unitCode)).toEqual(["HUR", "H87", "LTR", "C62", "C62", "C62"]);
    expect(read.lines[0]!.attributes).toEqual([
      { name: "Fahrzeug", value: "VW Crafter (2021)" },
      { name: "Kennzeichen", value: "HH-SW 123" },
      { name: "FIN", value: "WV1ZZZSYZM9000001" },
      { name: "Kilometerstand", value: "81250 km" },
    ]);
    expect(read.payment).toMatchObject({ meansCode: "58", iban: "DE89370400440532013000" });
  });
});
