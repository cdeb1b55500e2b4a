// @vitest-environment jsdom
// A line's e-invoice facts (issue #16) go to the API only when chosen: absent, the server decides
// the unit and the VAT category; the exemption reason only with category E.
import { describe, expect, it } from "vitest";
import { emptyLine, toInputs } from "../../src/web/shop/invoices/invoiceForm/invoiceFormValues";

const line = (changes: Partial<ReturnType<typeof emptyLine>>) => ({
  ...emptyLine(),
  description: "Brake service",
  price: "100.00",
  ...changes,
});

describe("invoice line e-invoice facts", () => {
  it("leaves unit and category out when automatic", () => {
    expect(toInputs([line({})])[0]).toEqual({
      description: "Brake service",
      partNumber: null,
      quantityMilli: 1000,
      unitPrice: 10_000,
      taxRateBp: 1900,
    });
  });

  it("sends the unit, the category and, for an exempt line only, the reason", () => {
    expect(
      toInputs([line({ unitCode: "HUR", taxCategory: "S", taxExemptionReason: "left over" })])[0],
    ).toEqual(expect.objectContaining({ unitCode: "HUR", taxCategory: "S" }));
    expect(toInputs([line({ taxCategory: "S", taxExemptionReason: "left over" })])[0]).not.toHaveProperty(
      "taxExemptionReason",
    );
    expect(
      toInputs([line({ taxRate: "0", taxCategory: "E", taxExemptionReason: " § 4 Nr. 14 UStG " })])[0],
    ).toEqual(
      expect.objectContaining({ taxRateBp: 0, taxCategory: "E", taxExemptionReason: "§ 4 Nr. 14 UStG" }),
    );
  });

  it("reads a discount's negative price", () => {
    expect(toInputs([line({ description: "Discount", price: "-10.00" })])[0]?.unitPrice).toBe(-1000);
  });
});
