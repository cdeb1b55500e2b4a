import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  approvalTotals,
  checkApproval,
  checkSubmittable,
  estimateEvents,
  estimateStatuses,
  estimateTotals,
  expandDispute,
  nextEstimateStatus,
} from "./estimate";

const allowed: Record<string, string> = {
  "draft submit": "awaiting_customer",
  "awaiting_customer approve": "approved",
  "awaiting_customer decline": "declined",
  "awaiting_customer dispute": "disputed",
  "awaiting_customer revise": "revising",
  "disputed acknowledge": "revising",
  "revising submit": "awaiting_customer",
  "declined revise": "revising",
};

const brakes = {
  id: "lab_brakes",
  quantityMilli: 1500,
  unitPrice: 8999,
  taxRateBp: 1900,
  parts: [
    { id: "prt_pads", quantityMilli: 1000, unitPrice: 4550, taxRateBp: 1900 },
    { id: "prt_discs", quantityMilli: 2000, unitPrice: 6200, taxRateBp: 1900 },
  ],
};
const wipers = { id: "lab_wipers", quantityMilli: 250, unitPrice: 8999, taxRateBp: 1900, parts: [] };

describe("estimate lifecycle", () => {
  for (const state of estimateStatuses) {
    for (const event of estimateEvents) {
      const key = `${state} ${event}`;
      const expected = allowed[key];
      it(expected ? `${key} → ${expected}` : `${key} is refused`, () => {
        if (expected) expect(nextEstimateStatus(state, event)).toBe(expected);
        else expect(() => nextEstimateStatus(state, event)).toThrow(DomainError);
      });
    }
  }
});

describe("estimate rules", () => {
  it("cannot be submitted without a labour line", () => {
    expect(() => checkSubmittable([])).toThrow(/labour line/);
    expect(() => checkSubmittable([wipers])).not.toThrow();
  });

  it("totals labour with its parts, rounding each line once", () => {
    const t = estimateTotals([brakes, wipers]);
    expect(t.labour[0]).toEqual({
      id: "lab_brakes",
      net: 13499,
      parts: [
        { id: "prt_pads", net: 4550 },
        { id: "prt_discs", net: 12400 },
      ],
      netWithParts: 30449,
    });
    expect(t.labour[1]?.net).toBe(2250);
    expect(t.totals).toMatchObject({ net: 32699, tax: 6213, gross: 38912 });
  });

  it("disputing a part disputes its labour line too, marked as with its part unless a note was given", () => {
    expect(
      expandDispute([brakes, wipers], [{ lineId: "prt_pads", note: "Pads were new last year" }]),
    ).toEqual([
      { lineId: "prt_pads", note: "Pads were new last year" },
      { lineId: "lab_brakes", note: "Disputed with its part", withPart: true },
    ]);
    expect(
      expandDispute(
        [brakes],
        [
          { lineId: "lab_brakes", note: "Too many hours" },
          { lineId: "prt_discs", note: "Discs are fine" },
        ],
      ),
    ).toEqual([
      { lineId: "lab_brakes", note: "Too many hours" },
      { lineId: "prt_discs", note: "Discs are fine" },
    ]);
  });

  it("needs a note on every disputed line and refuses lines not in the version", () => {
    expect(() => expandDispute([brakes], [{ lineId: "prt_pads", note: " " }])).toThrow(DomainError);
    expect(() => expandDispute([brakes], [{ lineId: "prt_other", note: "?" }])).toThrow(DomainError);
    expect(() => expandDispute([brakes], [])).toThrow(DomainError);
  });

  it("approves only labour lines of the current version", () => {
    expect(() => checkApproval([brakes, wipers], ["lab_wipers"])).not.toThrow();
    expect(() => checkApproval([brakes], ["lab_old"])).toThrow(/not in the current version/);
    expect(() => checkApproval([brakes], ["prt_pads"])).toThrow(DomainError);
    expect(() => checkApproval([brakes], [])).toThrow(DomainError);
  });
});

describe("approval totals", () => {
  // 2.5 h × €89.99 = €224.98 and a part at €191.30: tax per line (€42.75 + €36.35) sums to €495.38,
  // the estimate's own rule (tax once on €416.28) to €495.37. The approval must say €495.37.
  const gearbox = {
    id: "lab_gearbox",
    quantityMilli: 2500,
    unitPrice: 8999,
    taxRateBp: 1900,
    parts: [{ id: "prt_kit", quantityMilli: 1000, unitPrice: 19_130, taxRateBp: 1900 }],
  };
  const priced = (labour: (typeof gearbox | typeof wipers)[]) => {
    const rows = estimateTotals(labour).labour;
    return labour.map((l, i) => ({
      id: l.id,
      net: rows[i]!.net,
      taxRateBp: l.taxRateBp,
      parts: l.parts.map((p, j) => ({ net: rows[i]!.parts[j]!.net, taxRateBp: p.taxRateBp })),
    }));
  };

  it("totals what was approved by the estimate's rule, to the cent", () => {
    const all = [gearbox, wipers];
    const { approved, declined } = approvalTotals(priced(all), [gearbox.id]);
    expect(approved).toMatchObject({ net: 41_628, tax: 7_909, gross: 49_537 });
    expect(approved.gross).toBe(estimateTotals([gearbox]).totals.gross);
    // Wipers: 0.25 h × €89.99 = €22.50 net.
    expect(declined).toMatchObject({ net: 2_250, gross: 2_678 });
  });

  it("approves nothing and declines everything when no line is chosen", () => {
    const { approved, declined } = approvalTotals(priced([gearbox, wipers]), []);
    expect(approved.gross).toBe(0);
    expect(declined.gross).toBe(estimateTotals([gearbox, wipers]).totals.gross);
  });
});
