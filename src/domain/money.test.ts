import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divRound, lineNet, minorUnits, parseAmount, taxOn, totals } from "./money";

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(minorUnits("EUR")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("KWD")).toBe(3);
  });

  it("rounds half away from zero, exactly", () => {
    expect(divRound(5n, 10n)).toBe(1n);
    expect(divRound(4n, 10n)).toBe(0n);
    expect(divRound(-5n, 10n)).toBe(-1n);
    expect(divRound(15n, 10n)).toBe(2n);
    expect(divRound(25n, 10n)).toBe(3n);
  });

  it("rounds each line's net once: 1.5 h × 89.99 = 134.985 → 134.99", () => {
    expect(lineNet(1500, 8999)).toBe(13499);
    expect(lineNet(333, 100)).toBe(33);
    expect(lineNet(1000, 1)).toBe(1);
  });

  it("computes tax per rate on the sum of rounded line amounts (EN 16931), not per line", () => {
    // Three lines of 0.03 at 19 %: rounded per line 0.0057 → 0.01 each, 0.03 in all; on the sum
    // 0.09 × 19 % = 0.0171 → 0.02. EN 16931 wants the latter.
    const t = totals([1, 2, 3].map(() => ({ net: 3, taxRateBp: 1900 })));
    expect(t).toMatchObject({ net: 9, tax: 2, gross: 11 });
  });

  it("keeps 19 %, 7 % and 0 % apart and adds up", () => {
    const t = totals([
      { net: 13499, taxRateBp: 1900 },
      { net: 4550, taxRateBp: 1900 },
      { net: 1999, taxRateBp: 700 },
      { net: 1000, taxRateBp: 0 },
    ]);
    expect(t.byRate).toEqual([
      { rateBp: 1900, net: 18049, tax: 3429 },
      { rateBp: 700, net: 1999, tax: 140 },
      { rateBp: 0, net: 1000, tax: 0 },
    ]);
    expect(t).toMatchObject({ net: 21048, tax: 3569, gross: 24617 });
  });

  it("totals are consistent for any lines: gross = net + tax, net = Σ lines, tax within half a cent per rate", () => {
    const line = fc.record({
      quantityMilli: fc.integer({ min: 1, max: 100_000 }),
      unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
      taxRateBp: fc.constantFrom(1900, 700, 0),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (lines) => {
        const nets = lines.map((l) => ({
          net: lineNet(l.quantityMilli, l.unitPrice),
          taxRateBp: l.taxRateBp,
        }));
        const t = totals(nets);
        expect(t.gross).toBe(t.net + t.tax);
        expect(t.net).toBe(nets.reduce((s, l) => s + l.net, 0));
        for (const r of t.byRate) {
          expect(Math.abs(r.tax - (r.net * r.rateBp) / 10_000)).toBeLessThanOrEqual(0.5);
        }
        for (const l of nets) expect(Number.isSafeInteger(l.net)).toBe(true);
      }),
    );
  });

  it("line net is within half a minor unit of the exact product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (q, p) => {
        expect(Math.abs(lineNet(q, p) - (q * p) / 1000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("tax of 0 % is always 0 and tax never exceeds the net at rates up to 100 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (net) => {
        expect(taxOn(net, 0)).toBe(0);
        expect(taxOn(net, 10_000)).toBe(net);
      }),
    );
  });

  it("parses what people type", () => {
    expect(parseAmount("12,50", "EUR")).toBe(1250);
    expect(parseAmount("12.5", "EUR")).toBe(1250);
    expect(parseAmount("12", "EUR")).toBe(1200);
    expect(parseAmount("12.505", "EUR")).toBeUndefined();
    expect(parseAmount("1.000,00", "EUR")).toBeUndefined();
    expect(parseAmount("500", "JPY")).toBe(500);
  });
});
