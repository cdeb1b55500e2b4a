// The booking request lifecycle (DESIGN.md §1). A request goes back and forth between the shop and
// the customer until one side confirms/accepts, declines or cancels.
import { allowedEvents, type TransitionTable, transition } from "./lifecycle";

export const bookingStatuses = [
  "new",
  "awaiting_customer",
  "awaiting_shop",
  "confirmed",
  "declined",
  "cancelled",
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingEvents = [
  // the shop's moves
  "decline",
  "suggest",
  "confirm",
  // the customer's moves
  "accept",
  "counter",
  "cancel",
] as const;
export type BookingEvent = (typeof bookingEvents)[number];

export const bookingTransitions: TransitionTable<BookingStatus, BookingEvent> = {
  new: { decline: "declined", suggest: "awaiting_customer", confirm: "confirmed", cancel: "cancelled" },
  awaiting_customer: { accept: "confirmed", counter: "awaiting_shop", cancel: "cancelled" },
  awaiting_shop: {
    decline: "declined",
    suggest: "awaiting_customer",
    confirm: "confirmed",
    cancel: "cancelled",
  },
  // A confirmed appointment can still be called off by the customer.
  confirmed: { cancel: "cancelled" },
  declined: {},
  cancelled: {},
};

export const shopEvents: readonly BookingEvent[] = ["decline", "suggest", "confirm"];
export const customerEvents: readonly BookingEvent[] = ["accept", "counter", "cancel"];

export const nextBookingStatus = (state: BookingStatus, event: BookingEvent) =>
  transition(bookingTransitions, "booking request", state, event);

/** Who has to act next; shown on both sides' lists. */
export function nextMove(state: BookingStatus): "shop" | "customer" | null {
  if (state === "new" || state === "awaiting_shop") return "shop";
  if (state === "awaiting_customer") return "customer";
  return null;
}

export function bookingMoves(state: BookingStatus, side: "shop" | "customer"): BookingEvent[] {
  const mine = side === "shop" ? shopEvents : customerEvents;
  return allowedEvents(bookingTransitions, state).filter((e) => mine.includes(e));
}
