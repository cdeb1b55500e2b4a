import { describe, expect, it } from "vitest";
import { checkPushedInvoice, shopTaxRates } from "./dms-invoice";

const shop = { currency: "EUR", country: "DE" };
const line = (unitPrice: number, taxRateBp = 1900, quantityMilli = 1000) => ({
  description: "x",
  quantityMilli,
  unitPrice,
  taxRateBp,
});

describe("checkPushedInvoice", () => {
  it("prices the lines as Pitlane does and accepts totals that match", () => {
    const result = checkPushedInvoice(
      {
        currency: "EUR",
        lines: [line(9500, 1900, 2000), line(1250)],
        totals: { net: 20_250, tax: 3848, gross: 24_098 },
      },
      shop,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.totals.byRate).toEqual([{ rateBp: 1900, net: 20_250, tax: 3848 }]);
  });

  it("names each total that differs, a tax rate the country does not charge, and another currency", () => {
    const off = checkPushedInvoice(
      { currency: "EUR", lines: [line(1000)], totals: { net: 1000, tax: 190, gross: 1191 } },
      shop,
    );
    expect(off).toEqual({ ok: false, fields: [expect.objectContaining({ field: "totals.gross" })] });
    const rate = checkPushedInvoice(
      {
        currency: "EUR",
        lines: [line(1000), line(1000, 1600)],
        totals: { net: 2000, tax: 350, gross: 2350 },
      },
      shop,
    );
    expect(rate.ok ? [] : rate.fields.map((f) => f.field)).toEqual(["lines[1].taxRateBp"]);
    const currency = checkPushedInvoice(
      { currency: "USD", lines: [line(1000)], totals: { net: 1000, tax: 190, gross: 1190 } },
      shop,
    );
    expect(currency.ok ? [] : currency.fields.map((f) => f.field)).toEqual(["currency"]);
  });

  it("refuses a number of Pitlane's own sequence shape, which a later Issue could draw", () => {
    const clash = checkPushedInvoice(
      {
        number: "INV-2026-000042",
        currency: "EUR",
        lines: [line(1000)],
        totals: { net: 1000, tax: 190, gross: 1190 },
      },
      shop,
    );
    expect(clash.ok ? [] : clash.fields.map((f) => f.field)).toEqual(["number"]);
    const own = checkPushedInvoice(
      {
        number: "RE-2026-42",
        currency: "EUR",
        lines: [line(1000)],
        totals: { net: 1000, tax: 190, gross: 1190 },
      },
      shop,
    );
    expect(own.ok).toBe(true);
  });

  it("knows Germany's rates: 0, 7 and 19 %", () => {
    expect(shopTaxRates("DE")).toEqual([0, 700, 1900]);
  });
});
