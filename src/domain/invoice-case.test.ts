import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isClosed,
  type LedgerEntry,
  ledgerStanding,
  needsDeliveryConfirmation,
  paymentPosition,
  refundToRecord,
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

describe("refunds capped at what their payment brought", () => {
  const report = { paid: 23_800, refunded: 0, reportedBefore: 0 };

  it("records a refund up to the payment and flags the rest", () => {
    expect(refundToRecord({ ...report, reportedTotal: 5_000 })).toEqual({ record: 5_000, excess: 0 });
    expect(refundToRecord({ ...report, reportedTotal: 30_000 })).toEqual({ record: 23_800, excess: 6_200 });
    // After 23,800 was refunded in full, a higher total is all excess.
    expect(
      refundToRecord({ paid: 23_800, refunded: 23_800, reportedBefore: 23_800, reportedTotal: 25_000 }),
    ).toEqual({ record: 0, excess: 1_200 });
  });

  it("adds nothing for a report already accounted for, or an older one arriving late", () => {
    const after = { paid: 23_800, refunded: 5_000, reportedBefore: 5_000 };
    expect(refundToRecord({ ...after, reportedTotal: 5_000 })).toEqual({ record: 0, excess: 0 });
    expect(refundToRecord({ ...after, reportedTotal: 2_000 })).toEqual({ record: 0, excess: 0 });
    // An excess already flagged is accounted for too.
    expect(
      refundToRecord({ paid: 23_800, refunded: 23_800, reportedBefore: 30_000, reportedTotal: 30_000 }),
    ).toEqual({ record: 0, excess: 0 });
  });

  it("never refunds more than was paid, whatever the reports, and accounts for every reported cent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 8 }),
        (paid, totals) => {
          let refunded = 0;
          let reportedBefore = 0;
          let flagged = 0;
          for (const reportedTotal of totals) {
            const { record, excess } = refundToRecord({ paid, refunded, reportedBefore, reportedTotal });
            expect(record).toBeGreaterThanOrEqual(0);
            expect(excess).toBeGreaterThanOrEqual(0);
            refunded += record;
            flagged += excess;
            reportedBefore = Math.max(reportedBefore, reportedTotal);
          }
          expect(refunded).toBeLessThanOrEqual(paid);
          expect(refunded + flagged).toBe(Math.max(0, ...totals));
          expect(refunded).toBe(Math.min(paid, Math.max(0, ...totals)));
        },
      ),
    );
  });

  it("never shows more open than the invoice's gross, even for a ledger refunded beyond its payments", () => {
    expect(ledgerStanding(invoice, [pay(10_000), refund(15_000)])).toMatchObject({
      received: -5_000,
      open: 29_512,
      status: "invoiced",
    });
  });
});

describe("reminders' charges", () => {
  const invoice = { issued: true, gross: 10_000, currency: "EUR", credited: 0, charges: 540 };
  const pay = (amount: number) => ({ kind: "payment" as const, amount, currency: "EUR" });
  it("are owed on top of the gross until paid, and waived with a credit note for the whole invoice", () => {
    expect(ledgerStanding(invoice, [])).toMatchObject({ open: 10_540, status: "invoiced" });
    expect(ledgerStanding(invoice, [pay(10_000)])).toMatchObject({ open: 540, status: "partially_paid" });
    expect(ledgerStanding(invoice, [pay(10_540)])).toMatchObject({
      open: 0,
      status: "paid",
      overpaid: false,
    });
    expect(ledgerStanding({ ...invoice, credited: 10_000 }, [])).toMatchObject({
      open: 0,
      status: "credited",
    });
    expect(ledgerStanding({ ...invoice, credited: 4_000 }, [])).toMatchObject({ open: 6_540 });
  });
});
