import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isClosed,
  type LedgerEntry,
  ledgerStanding,
  needsDeliveryConfirmation,
  paymentPosition,
  statusOn,
} from "./invoice-case";

const invoice = { issued: true, gross: 29_512, currency: "EUR", credited: 0, dueDate: "2026-12-08" };
const pay = (amount: number, currency = "EUR"): LedgerEntry => ({ kind: "payment", amount, currency });
const refund = (amount: number): LedgerEntry => ({ kind: "refund", amount, currency: "EUR" });

describe("payment status from the ledger", () => {
  it("follows what came in: nothing, part, all, too much, refunded", () => {
    expect(paymentPosition({ ...invoice, issued: false }, [], "2026-11-24").status).toBe("draft");
    expect(paymentPosition(invoice, [], "2026-11-24")).toMatchObject({ status: "invoiced", open: 29_512 });
    expect(paymentPosition(invoice, [], "2026-12-09").status).toBe("overdue");
    expect(paymentPosition(invoice, [pay(10_000)], "2026-12-09")).toMatchObject({
      status: "partially_paid",
      open: 19_512,
    });
    expect(paymentPosition(invoice, [pay(10_000), pay(19_512)], "2026-11-24")).toMatchObject({
      status: "paid",
      open: 0,
      overpaid: false,
    });
    expect(paymentPosition(invoice, [pay(30_000)], "2026-11-24")).toMatchObject({
      status: "paid",
      overpaid: true,
    });
    expect(paymentPosition(invoice, [pay(29_512), refund(29_512)], "2026-11-24").status).toBe("invoiced");
  });

  it("never counts money in another currency, and says so", () => {
    expect(paymentPosition(invoice, [pay(29_512, "USD")], "2026-11-24")).toMatchObject({
      status: "invoiced",
      foreignCurrency: true,
    });
  });

  it("treats a fully credited invoice as credited, a part-credited one as owing the rest", () => {
    expect(paymentPosition({ ...invoice, credited: 29_512 }, [], "2027-01-01").status).toBe("credited");
    expect(paymentPosition({ ...invoice, credited: 9_512 }, [pay(20_000)], "2027-01-01").status).toBe("paid");
  });

  it("does not depend on the order the provider's events arrive in", () => {
    const entry = fc.oneof(
      fc.integer({ min: 1, max: 50_000 }).map((a) => pay(a)),
      fc.integer({ min: 1, max: 50_000 }).map((a) => refund(a)),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (ledger) => {
        const forward = paymentPosition(invoice, ledger, "2026-11-24");
        const backward = paymentPosition(invoice, [...ledger].reverse(), "2026-11-24");
        expect(backward).toEqual(forward);
      }),
    );
  });
});

describe("the standing a ledger gives, and the calendar", () => {
  it("stores without the calendar: overdue is the standing 'invoiced' read after the due date", () => {
    const entry = fc.oneof(
      fc.integer({ min: 1, max: 50_000 }).map((a) => pay(a)),
      fc.integer({ min: 1, max: 50_000 }).map((a) => refund(a)),
    );
    const day = fc
      .integer({ min: 0, max: 90 })
      .map((d) => new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        fc.integer({ min: 0, max: 29_512 }),
        fc.boolean(),
        day,
        (ledger, credited, issued, today) => {
          const facts = { ...invoice, issued, credited };
          const standing = ledgerStanding(facts, ledger);
          expect(standing.status).not.toBe("overdue");
          expect(paymentPosition(facts, ledger, today)).toEqual({
            ...standing,
            status: statusOn(standing.status, facts.dueDate, today),
          });
        },
      ),
    );
    expect(statusOn("invoiced", "2026-12-08", "2026-12-08")).toBe("invoiced");
    expect(statusOn("invoiced", "2026-12-08", "2026-12-09")).toBe("overdue");
    expect(statusOn("partially_paid", "2026-12-08", "2026-12-09")).toBe("partially_paid");
    expect(statusOn("invoiced", null, "2030-01-01")).toBe("invoiced");
  });
});

describe("closing a case", () => {
  const at = new Date("2026-11-24T10:00:00Z");
  it("closes only when paid, delivered and booked", () => {
    expect(isClosed({ status: "paid", deliveredAt: at, bookedAt: at })).toBe(true);
    expect(isClosed({ status: "paid", deliveredAt: null, bookedAt: at })).toBe(false);
    expect(isClosed({ status: "paid", deliveredAt: at, bookedAt: null })).toBe(false);
    expect(isClosed({ status: "partially_paid", deliveredAt: at, bookedAt: at })).toBe(false);
    expect(isClosed({ status: "credited", deliveredAt: at, bookedAt: at })).toBe(true);
  });

  it("asks before handing over an unpaid vehicle, unless the customer is on account", () => {
    expect(needsDeliveryConfirmation("invoiced", false)).toBe(true);
    expect(needsDeliveryConfirmation("overdue", true)).toBe(false);
    expect(needsDeliveryConfirmation("paid", false)).toBe(false);
  });
});
