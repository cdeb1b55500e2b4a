// How big the large shop is: everything scales from the number of invoices, as a dealership's
// service department does (a fifth as many customers, half as many estimates and work orders).

export interface VolumeCounts {
  invoices: number;
  customers: number;
  /** Fleet customers (business, on account, with a portal login each: fleet1@large.test …). */
  fleets: number;
  /** Other business customers. */
  businesses: number;
  units: number;
  /** Service visits: one estimate each; the approved ones become work orders. */
  visits: number;
  creditNotes: number;
  /** Booking requests that never became a visit (declined, cancelled), as a share of visits. */
  lostBookings: number;
  /** Booking requests for the coming weeks, by status. */
  upcoming: { new: number; awaiting_customer: number; awaiting_shop: number; confirmed: number };
}

/** Below this the "current" part of the shop (the Service Board, open estimates) has no room. */
export const minimumInvoices = 1000;

export function volumeCounts(invoices: number): VolumeCounts {
  if (!Number.isInteger(invoices) || invoices < minimumInvoices) {
    throw new Error(`--invoices must be a whole number of at least ${minimumInvoices}`);
  }
  const customers = Math.round(invoices / 5);
  const fleets = Math.max(3, Math.round(customers / 100));
  const visits = Math.round(invoices / 2);
  return {
    invoices,
    customers,
    fleets,
    businesses: Math.round(customers * 0.14),
    units: Math.round(invoices * 0.3),
    visits,
    creditNotes: Math.round(invoices * 0.02),
    lostBookings: Math.round(visits * 0.08),
    upcoming: { new: 25, awaiting_customer: 18, awaiting_shop: 12, confirmed: 60 },
  };
}
