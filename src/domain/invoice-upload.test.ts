import { describe, expect, it } from "vitest";
import type { EInvoiceLine, ReadEInvoice } from "./e-invoice/read";
import {
  checkUploadedInvoice,
  fileKindOf,
  kindOfTypeCode,
  pickEmbeddedXml,
  scaled,
  sellerMismatch,
  totalsMismatches,
  vehicleHints,
} from "./invoice-upload";

const party = {
  name: "Kunde GmbH",
  tradingName: null,
  vatId: "DE987654321",
  taxNumber: null,
  street: "Weg 1",
  postalCode: "20095",
  city: "Hamburg",
  country: "DE",
  email: "ap@kunde.test",
  electronicAddress: null,
};

function line(
  quantity: string,
  price: string,
  net: number,
  taxRateBp = 1900,
  extra: Partial<EInvoiceLine> = {},
): EInvoiceLine {
  return {
    id: "1",
    name: "Inspektion",
    description: null,
    sellerItemId: null,
    quantity,
    unitCode: "HUR",
    price,
    priceBaseQuantity: null,
    net,
    taxCategory: "S",
    taxRateBp,
    attributes: [],
    subLines: [],
    ...extra,
  };
}

function doc(lines: EInvoiceLine[], over: Partial<ReadEInvoice["totals"]> = {}): ReadEInvoice {
  const net = lines.reduce((s, l) => s + l.net, 0);
  const tax = Math.round((net * 19) / 100);
  return {
    syntax: "cii",
    customizationId: null,
    profileId: null,
    typeCode: "380",
    number: "RE-1",
    issueDate: "2026-12-01",
    dueDate: null,
    currency: "EUR",
    buyerReference: null,
    orderReference: null,
    precedingInvoices: [],
    deliveryDate: null,
    periodStart: null,
    periodEnd: null,
    seller: { ...party, name: "Werkstatt", vatId: "DE123456789" },
    buyer: party,
    payment: {
      meansCode: null,
      iban: null,
      bic: null,
      remittance: null,
      terms: null,
      mandateReference: null,
      debitedAccount: null,
    },
    notes: [],
    noteDetails: [],
    lines,
    allowancesCharges: [],
    thirdPartyPayments: [],
    vat: [{ category: "S", rateBp: 1900, taxable: net, tax, exemptionReason: null, exemptionCode: null }],
    totals: {
      lineTotal: net,
      allowances: 0,
      charges: 0,
      taxExclusive: net,
      tax,
      taxInclusive: net + tax,
      prepaid: 0,
      rounding: 0,
      payable: net + tax,
      ...over,
    },
  };
}

const shop = { currency: "EUR", country: "DE" };

describe("what an uploaded file is", () => {
  it("tells PDF, images, XML and anything else apart by their bytes", () => {
    expect(fileKindOf(Buffer.from("%PDF-1.7\n"))).toBe("pdf");
    expect(fileKindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe("image");
    expect(fileKindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image");
    expect(fileKindOf(Buffer.from("\uFEFF  <?xml version='1.0'?><x/>"))).toBe("xml");
    expect(fileKindOf(Buffer.from("Rechnung"))).toBe("other");
  });

  it("takes the known embedded name first, else an .xml the reader recognises", () => {
    const f = (filename: string) => ({ filename, content: new Uint8Array([1]) });
    expect(pickEmbeddedXml([f("other.xml"), f("ZUGFeRD-invoice.xml")], () => true)?.filename).toBe(
      "ZUGFeRD-invoice.xml",
    );
    expect(pickEmbeddedXml([f("logo.png"), f("data.xml")], () => true)?.filename).toBe("data.xml");
    expect(pickEmbeddedXml([f("data.xml")], () => false)).toBeNull();
  });
});

describe("the document's amounts and parties", () => {
  it("reports where the amounts disagree instead of hiding it", () => {
    expect(totalsMismatches(doc([line("1", "100.00", 10_000)]))).toEqual([]);
    const off = doc([line("1", "100.00", 10_000)], { lineTotal: 10_001, taxInclusive: 12_000 });
    expect(totalsMismatches(off)).toHaveLength(4);
  });

  it("warns of another seller only when both VAT ids are known and differ", () => {
    expect(sellerMismatch({ ...party, vatId: "DE 123 456 789" }, "DE123456789")).toBe(false);
    expect(sellerMismatch({ ...party, vatId: "DE111111111" }, "DE123456789")).toBe(true);
    expect(sellerMismatch({ ...party, vatId: null }, "DE123456789")).toBe(false);
  });

  it("finds the VIN and plate in the lines' attributes", () => {
    const attributes = [
      { name: "FIN", value: "wvw zzz1jz3w386752" },
      { name: "Kennzeichen", value: "hh-ab 123" },
    ];
    expect(vehicleHints(doc([line("1", "1.00", 100, 1900, { attributes })]))).toEqual({
      vin: "WVWZZZ1JZ3W386752",
      plate: "HH-AB 123",
    });
  });
});

describe("the document's lines as Pitlane's", () => {
  it("reads decimals exactly, with no more places than a line keeps", () => {
    expect(scaled("2.500", 3)).toBe(2500);
    expect(scaled("-0.5", 2)).toBe(-50);
    expect(scaled("1.2345", 3)).toBeNull();
    expect(scaled("abc", 2)).toBeNull();
  });

  it("maps quantity, price, unit and rate, and keeps the document's totals", () => {
    const checked = checkUploadedInvoice(doc([line("2.5", "95.00", 23_750)]), shop, "RE-1");
    expect(checked).toMatchObject({
      ok: true,
      kind: "invoice",
      lines: [{ quantityMilli: 2500, unitPrice: 9500, net: 23_750, unitCode: "HUR", taxCategory: "S" }],
      totals: { net: 23_750, tax: 4513, gross: 28_263 },
    });
    expect(kindOfTypeCode("381")).toBe("credit_note");
  });

  it("refuses a line net or total Pitlane's rounding does not give, naming lines", () => {
    const net = checkUploadedInvoice(doc([line("3", "0.333", 100)]), shop, "RE-1");
    expect(net).toMatchObject({ ok: false, fields: [{ field: "lines[0].price" }] });
    const rounding = checkUploadedInvoice(doc([line("1", "10.00", 1001)]), shop, "RE-1");
    expect(rounding.ok).toBe(false);
    if (!rounding.ok) expect(rounding.fields.every((f) => f.field.startsWith("lines"))).toBe(true);
  });

  it("refuses Pitlane's own number shape and another currency", () => {
    const result = checkUploadedInvoice(
      { ...doc([line("1", "10.00", 1000)]), currency: "USD" },
      shop,
      "INV-2026-000001",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields.map((f) => f.field).sort()).toEqual(["currency", "number"]);
  });
});
