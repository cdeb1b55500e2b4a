import { describe, expect, it } from "vitest";
import { bookingEvents, bookingMoves, bookingStatuses, nextBookingStatus, nextMove } from "./booking";
import { DomainError } from "./errors";

// The whole table, written out: every pair not listed here must be refused.
const allowed: Record<string, string> = {
  "new decline": "declined",
  "new suggest": "awaiting_customer",
  "new confirm": "confirmed",
  "new cancel": "cancelled",
  "awaiting_customer accept": "confirmed",
  "awaiting_customer counter": "awaiting_shop",
  "awaiting_customer cancel": "cancelled",
  "awaiting_shop decline": "declined",
  "awaiting_shop suggest": "awaiting_customer",
  "awaiting_shop confirm": "confirmed",
  "awaiting_shop cancel": "cancelled",
  "confirmed cancel": "cancelled",
};

describe("booking request lifecycle", () => {
  for (const state of bookingStatuses) {
    for (const event of bookingEvents) {
      const key = `${state} ${event}`;
      const expected = allowed[key];
      it(expected ? `${key} → ${expected}` : `${key} is refused`, () => {
        if (expected) {
          expect(nextBookingStatus(state, event)).toBe(expected);
        } else {
          expect(() => nextBookingStatus(state, event)).toThrow(DomainError);
        }
      });
    }
  }

  it("says who has the next move", () => {
    expect(nextMove("new")).toBe("shop");
    expect(nextMove("awaiting_shop")).toBe("shop");
    expect(nextMove("awaiting_customer")).toBe("customer");
    expect(nextMove("confirmed")).toBeNull();
  });

  it("offers each side only its own moves", () => {
    expect(bookingMoves("new", "shop")).toEqual(["decline", "suggest", "confirm"]);
    expect(bookingMoves("new", "customer")).toEqual(["cancel"]);
    expect(bookingMoves("awaiting_customer", "shop")).toEqual([]);
    expect(bookingMoves("awaiting_customer", "customer")).toEqual(["accept", "counter", "cancel"]);
  });
});
