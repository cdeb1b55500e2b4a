import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { lineNet } from "./money";
import {
  beyondTolerance,
  billedHoursMilli,
  billingLines,
  boardColumn,
  checkInvoicingRoute,
  checkUnitReady,
  clockedHoursMilli,
  hoursToBill,
  type JobForBilling,
  nextJobStatus,
  nextWorkOrderStatus,
  unitWorkState,
  workOrderMoves,
} from "./work-order";

describe("work order lifecycle", () => {
  it("goes to invoicing through Unit Ready and Ready to Submit, with or without the customer's authorisation", () => {
    expect(nextWorkOrderStatus("in_progress", "unit_ready")).toBe("unit_ready");
    expect(nextWorkOrderStatus("unit_ready", "ready_to_submit")).toBe("ready_to_submit");
    expect(nextWorkOrderStatus("ready_to_submit", "submit")).toBe("awaiting_authorization");
    expect(nextWorkOrderStatus("awaiting_authorization", "authorize")).toBe("invoiced");
    expect(nextWorkOrderStatus("ready_to_submit", "invoice")).toBe("invoiced");
    expect(workOrderMoves("invoiced", "shop")).toEqual([]);
    expect(() => nextWorkOrderStatus("in_progress", "invoice")).toThrow(DomainError);
    expect(() => nextWorkOrderStatus("awaiting_authorization", "reopen")).toThrow(/cannot be moved/);
  });

  it("offers the shop only its own moves: authorising waits for the customer", () => {
    expect(workOrderMoves("awaiting_authorization", "shop")).toEqual([]);
    expect(workOrderMoves("awaiting_authorization", "customer")).toEqual(["authorize"]);
    expect(workOrderMoves("ready_to_submit", "customer")).toEqual([]);
  });

  it("tells a unit's work by its job and order, not by the approval it came from", () => {
    expect(unitWorkState("required", null)).toBe("required");
    expect(unitWorkState("required", { status: "started", orderStatus: "in_progress" })).toBe("on_order");
    expect(unitWorkState("required", { status: "done", orderStatus: "unit_ready" })).toBe("done");
    expect(unitWorkState("required", { status: "done", orderStatus: "invoiced" })).toBe("invoiced");
    expect(unitWorkState("declined", null)).toBe("declined");
  });

  it("finishes a job once", () => {
    expect(nextJobStatus("to_do", "start")).toBe("started");
    expect(nextJobStatus("started", "finish")).toBe("done");
    expect(() => nextJobStatus("done", "finish")).toThrow(DomainError);
    expect(nextJobStatus("done", "reopen")).toBe("started");
  });

  it("is ready only when every job is done and nobody is clocked on", () => {
    expect(() => checkUnitReady([{ status: "done", description: "Brakes" }], 0)).not.toThrow();
    expect(() =>
      checkUnitReady(
        [
          { status: "done", description: "Brakes" },
          { status: "started", description: "Tyres" },
        ],
        0,
      ),
    ).toThrow("Finish every job first: Tyres.");
    expect(() => checkUnitReady([{ status: "done", description: "Brakes" }], 1)).toThrow(/still clocked on/);
  });

  it("sends a customer who authorises through Submit, and everyone else through Invoice", () => {
    expect(() => checkInvoicingRoute("invoice", true)).toThrow(/Submit/);
    expect(() => checkInvoicingRoute("submit", false)).toThrow(/invoice directly/);
    expect(() => checkInvoicingRoute("submit", true)).not.toThrow();
    expect(() => checkInvoicingRoute("invoice", false)).not.toThrow();
  });
});

describe("time and billing", () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 24, h, m));

  it("adds up time entries, counting a running one up to now", () => {
    const entries = [
      { startedAt: at(8), endedAt: at(9, 30) },
      { startedAt: at(10), endedAt: null },
    ];
    expect(clockedHoursMilli(entries, at(10, 45))).toBe(2250);
  });

  it("bills clocked hours rounded up to six minutes, or the estimate when nobody clocked", () => {
    expect(billedHoursMilli(1500, 0)).toBe(1500);
    expect(billedHoursMilli(1500, 1)).toBe(100);
    expect(billedHoursMilli(1500, 1500)).toBe(1500);
    expect(billedHoursMilli(1500, 1501)).toBe(1600);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (clocked) => {
        const billed = billedHoursMilli(0, clocked);
        return billed >= clocked && billed - clocked < 100 && billed % 100 === 0;
      }),
    );
  });

  it("hands labour (hourly from the clock, flat as one) and parts to invoicing", () => {
    const jobs: JobForBilling[] = [
      {
        description: "Brakes",
        pricing: "hourly",
        estimatedHoursMilli: 1500,
        clockedHoursMilli: 1730,
        unitPrice: 9999,
        taxRateBp: 1900,
        parts: [
          { description: "Pads", partNumber: "BP", quantityMilli: 2000, unitPrice: 4550, taxRateBp: 1900 },
        ],
      },
      {
        description: "Tyres",
        pricing: "flat",
        estimatedHoursMilli: 1000,
        clockedHoursMilli: 2500,
        unitPrice: 7900,
        taxRateBp: 1900,
        parts: [],
      },
    ];
    const lines = billingLines(jobs, "clocked");
    expect(lines.map((l) => [l.kind, l.description, l.quantityMilli, l.net])).toEqual([
      ["labour", "Brakes", 1800, lineNet(1800, 9999)],
      ["part", "Pads", 2000, 9100],
      ["labour", "Tyres", 1000, 7900],
    ]);
    // Billing approved hours: the estimate's 1.5 h, whatever the clock says; flat stays flat.
    expect(billingLines(jobs, "approved").map((l) => [l.description, l.quantityMilli, l.net])).toEqual([
      ["Brakes", 1500, lineNet(1500, 9999)],
      ["Pads", 2000, 9100],
      ["Tyres", 1000, 7900],
    ]);
  });

  it("bills approved or clocked hours as the location chose", () => {
    expect(hoursToBill("approved", 1500, 100)).toBe(1500);
    expect(hoursToBill("clocked", 1500, 100)).toBe(100);
    expect(hoursToBill("clocked", 1500, 0)).toBe(1500);
    expect(hoursToBill("approved", 1500, 0)).toBe(1500);
  });

  it("flags billed hours that differ from the approved by more than the tolerance", () => {
    // 1.5 h approved, 0.1 h billed: far below.
    expect(beyondTolerance(1500, 100, 20)).toBe(true);
    // Exactly 20 % is within 20 %; a tenth more is not.
    expect(beyondTolerance(1500, 1800, 20)).toBe(false);
    expect(beyondTolerance(1500, 1200, 20)).toBe(false);
    expect(beyondTolerance(1500, 1900, 20)).toBe(true);
    expect(beyondTolerance(1500, 1500, 0)).toBe(false);
    expect(beyondTolerance(1500, 1600, 0)).toBe(true);
    expect(beyondTolerance(0, 0, 20)).toBe(false);
    expect(beyondTolerance(0, 100, 20)).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100 }),
        (approved, billed, pct) =>
          beyondTolerance(approved, billed, pct) === Math.abs(billed - approved) / approved > pct / 100 ||
          // Floating point at the exact boundary; the integer rule is the one that counts.
          Math.abs(Math.abs(billed - approved) * 100 - approved * pct) === 0,
      ),
    );
  });
});

describe("service board", () => {
  it("puts a unit in the column a person would look for it in", () => {
    expect(boardColumn(null)).toBe("work_required");
    const open = { status: "in_progress" as const, extensionPending: false, waitingForParts: false };
    expect(boardColumn(open)).toBe("in_progress");
    expect(boardColumn({ ...open, waitingForParts: true })).toBe("waiting_parts");
    expect(boardColumn({ ...open, waitingForParts: true, extensionPending: true })).toBe("waiting_customer");
    expect(boardColumn({ ...open, status: "unit_ready" })).toBe("unit_ready");
    expect(boardColumn({ ...open, status: "awaiting_authorization" })).toBe("ready_to_submit");
    expect(boardColumn({ ...open, status: "invoiced" })).toBeNull();
  });
});
