import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditorReference, epcQrPayload, isValidCreditorReference } from "./payment-reference";

describe("creditor reference (ISO 11649)", () => {
  it("matches the standard's published example", () => {
    // ISO 11649's example: reference 539007547034 → RF18 5390 0754 7034.
    expect(creditorReference("539007547034")).toBe("RF18539007547034");
    expect(isValidCreditorReference("RF18 5390 0754 7034")).toBe(true);
    expect(isValidCreditorReference("RF19 5390 0754 7034")).toBe(false);
  });

  it("derives a valid reference from any invoice number, and catches any single changed character", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        const ref = creditorReference(`INV-${year}-${String(seq).padStart(6, "0")}`);
        expect(ref).toMatch(/^RF\d{2}INV\d{10}$/);
        expect(isValidCreditorReference(ref)).toBe(true);
        const i = 4 + (seq % (ref.length - 4));
        const changed = `${ref.slice(0, i)}${ref[i] === "7" ? "8" : "7"}${ref.slice(i + 1)}`;
        expect(isValidCreditorReference(changed)).toBe(false);
      }),
    );
  });
});

describe("EPC QR payload", () => {
  it("builds the EPC069-12 version 002 lines for a SEPA transfer with a structured reference", () => {
    const payload = epcQrPayload({
      name: "Müller Kfz-Service GmbH",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
      amount: 29_512,
      currency: "EUR",
      reference: creditorReference("INV-2026-000001"),
    });
    expect(payload.split("\n")).toEqual([
      "BCD",
      "002",
      "1",
      "SCT",
      "COBADEFFXXX",
      "Müller Kfz-Service GmbH",
      "DE89370400440532013000",
      "EUR295.12",
      "",
      creditorReference("INV-2026-000001"),
      "",
    ]);
  });

  it("refuses what a banking app would reject", () => {
    const base = {
      name: "Shop",
      iban: "DE89370400440532013000",
      amount: 100,
      currency: "EUR",
      reference: "RF18539007547034",
    };
    expect(() => epcQrPayload({ ...base, currency: "CHF" })).toThrow(/euro/);
    expect(() => epcQrPayload({ ...base, amount: 0 })).toThrow(/between/);
    expect(() => epcQrPayload({ ...base, iban: "not an iban" })).toThrow(/IBAN/);
  });

  it("carries an unstructured remittance instead when there is no reference (a statement of several invoices)", () => {
    const base = { name: "Shop", iban: "DE89370400440532013000", amount: 100, currency: "EUR" };
    const lines = epcQrPayload({ ...base, reference: "", remittance: "INV-1  INV-2\nINV-3" }).split("\n");
    expect(lines[9]).toBe("");
    expect(lines[10]).toBe("INV-1 INV-2 INV-3");
    const structured = epcQrPayload({ ...base, reference: "RF18539007547034", remittance: "ignored" });
    expect(structured.split("\n")[10]).toBe("");
  });
});
