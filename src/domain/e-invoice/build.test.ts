import { describe, expect, it } from "vitest";
import { priceLines } from "../invoice";
import { decimalOf, type EInvoiceSource, missingForEInvoice, quantityOf, vatGroupsOf } from "./build";
import { eInvoiceFormatFor } from "./format";
import { isReverseCharge, lineTaxErrors, taxCategoryOf, unitCodeOf } from "./tax-category";

const de = { sellerCountry: "DE", buyerCountry: "DE", buyerVatId: null };

describe("tax categories", () => {
  it("reverse charges only a business with a VAT ID in another EU country", () => {
    expect(isReverseCharge({ sellerCountry: "DE", buyerCountry: "AT", buyerVatId: "ATU12345678" })).toBe(
      true,
    );
    expect(isReverseCharge({ sellerCountry: "DE", buyerCountry: "AT", buyerVatId: null })).toBe(false);
    expect(isReverseCharge({ sellerCountry: "DE", buyerCountry: "DE", buyerVatId: "DE1" })).toBe(false);
    expect(isReverseCharge({ sellerCountry: "DE", buyerCountry: "CH", buyerVatId: "CHE-1" })).toBe(false);
  });

  it("reads a line's 0 % by the parties unless the advisor set the category", () => {
    expect(taxCategoryOf({ taxRateBp: 1900 }, de)).toBe("S");
    expect(taxCategoryOf({ taxRateBp: 0 }, de)).toBe("Z");
    expect(taxCategoryOf({ taxRateBp: 0 }, { ...de, buyerCountry: "FR", buyerVatId: "FR123" })).toBe("AE");
    expect(taxCategoryOf({ taxRateBp: 0 }, { ...de, buyerCountry: "US" })).toBe("G");
    expect(taxCategoryOf({ taxRateBp: 0, taxCategory: "E" }, de)).toBe("E");
  });

  it("refuses a category that does not fit the rate, and an exempt line without its reason", () => {
    expect(
      lineTaxErrors([
        { taxRateBp: 0, taxCategory: "S" },
        { taxRateBp: 1900, taxCategory: "Z" },
        { taxRateBp: 0, taxCategory: "E" },
        { taxRateBp: 0, taxCategory: "E", taxExemptionReason: "§ 4 Nr. 14 UStG" },
        { taxRateBp: 700 },
      ]).map((e) => e.field),
    ).toEqual(["lines.0.taxCategory", "lines.1.taxRateBp", "lines.2.taxExemptionReason"]);
  });

  it("counts a part in pieces and other lines as one unit of service, unless the line says", () => {
    expect(unitCodeOf({ partNumber: "BP-1" })).toBe("H87");
    expect(unitCodeOf({ partNumber: null })).toBe("C62");
    expect(unitCodeOf({ partNumber: null, unitCode: "HUR" })).toBe("HUR");
  });
});

describe("amounts as the standard writes them", () => {
  it("writes minor units and thousandths as exact decimals", () => {
    expect(decimalOf(12_345, "EUR")).toBe("123.45");
    expect(decimalOf(-5, "EUR")).toBe("-0.05");
    expect(decimalOf(500, "JPY")).toBe("500");
    expect(quantityOf(1500)).toBe("1.5");
    expect(quantityOf(2000)).toBe("2");
    expect(quantityOf(-125)).toBe("-0.125");
  });

  it("groups the VAT breakdown by category and rate with Pitlane's per-rate tax", () => {
    const { lines } = priceLines([
      { description: "a", quantityMilli: 1000, unitPrice: 1001, taxRateBp: 1900 },
      { description: "b", quantityMilli: 1000, unitPrice: 1001, taxRateBp: 1900 },
      { description: "c", quantityMilli: 1000, unitPrice: 500, taxRateBp: 0 },
      {
        description: "d",
        quantityMilli: 1000,
        unitPrice: 700,
        taxRateBp: 0,
        taxCategory: "E",
        taxExemptionReason: "x",
      },
    ]);
    const groups = vatGroupsOf({
      lines,
      seller: { country: "DE" } as EInvoiceSource["seller"],
      buyer: { country: "DE", vatId: null, language: "de" } as EInvoiceSource["buyer"],
    });
    // Tax on the sum (20.02 × 19 % = 3.80), not the sum of each line's rounded tax (1.90 + 1.90).
    expect(groups.map((g) => [g.category, g.rateBp, g.taxable, g.tax])).toEqual([
      ["S", 1900, 2002, 380],
      ["E", 0, 700, 0],
      ["Z", 0, 500, 0],
    ]);
  });
});

describe("what a format needs", () => {
  const priced = priceLines([
    { description: "Service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 },
  ]);
  const source: EInvoiceSource = {
    kind: "invoice",
    number: "INV-1",
    issueDate: "2026-12-07",
    dueDate: "2026-12-21",
    serviceDate: "2026-12-04",
    currency: "EUR",
    poNumber: null,
    note: null,
    credited: null,
    ...priced,
    seller: {
      legalName: "Werkstatt GmbH",
      street: "Weg 1",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
      vatId: null,
      taxNumber: null,
      iban: null,
      bic: null,
      email: null,
      phone: null,
      eInvoiceAddress: null,
    },
    buyer: {
      name: "Amt",
      street: null,
      postalCode: null,
      city: null,
      country: "XX",
      vatId: null,
      email: null,
      eInvoiceAddress: null,
      buyerReference: null,
      language: "de",
    },
    vehicle: null,
    paymentReference: null,
  };

  it("needs nothing for a PDF customer", () => {
    expect(missingForEInvoice(source, "none")).toEqual([]);
  });

  it("names every gap for XRechnung, and fewer for ZUGFeRD", () => {
    const xrechnung = missingForEInvoice(source, "xrechnung_cii").map((m) => m.field);
    expect(xrechnung).toEqual([
      "location.vatId",
      "customer.eInvoiceAddress",
      "customer.country",
      "customer.street",
      "location.iban",
      "customer.buyerReference",
      "location.email",
      "location.phone",
    ]);
    const zugferd = missingForEInvoice(source, "zugferd").map((m) => m.field);
    expect(zugferd).toEqual(xrechnung.slice(0, 5));
  });

  it("takes the email as the electronic address and a tax number instead of a VAT ID", () => {
    const complete: EInvoiceSource = {
      ...source,
      seller: {
        ...source.seller,
        taxNumber: "30/123/45678",
        iban: "DE89370400440532013000",
        email: "a@b.de",
        phone: "1",
      },
      buyer: {
        ...source.buyer,
        country: "DE",
        email: "amt@stadt.de",
        street: "Platz 1",
        postalCode: "20095",
        city: "Hamburg",
        buyerReference: "04011000-12345-34",
      },
    };
    expect(missingForEInvoice(complete, "xrechnung_ubl")).toEqual([]);
  });

  it("gives a business the location's default and a private customer none, unless set", () => {
    expect(eInvoiceFormatFor({ type: "business", eInvoiceFormat: null }, "zugferd")).toBe("zugferd");
    expect(eInvoiceFormatFor({ type: "private", eInvoiceFormat: null }, "zugferd")).toBe("none");
    expect(eInvoiceFormatFor({ type: "private", eInvoiceFormat: "xrechnung_cii" }, "none")).toBe(
      "xrechnung_cii",
    );
  });
});
