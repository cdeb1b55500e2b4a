// Examples for the invoice operations a dealer management system uses (issue #14), shown in the
// OpenAPI document beside each operation. Kept apart from the routes so they read as one story: a
// DMS creates an invoice, reads it back once paid, finds it by the list, books it. The document's
// lint (test/api/openapi-lint.test.ts) checks every value against the operation's schema, so an
// example that drifts from the schema fails the test suite.
import type { OperationExamples } from "../openapi";

const customerId = "cus_7k2m9q4w8x1c3v5b6n0p2r4t";
const unitId = "unt_3f8h1j5k7m9n2p4q6r8s0t1v";
const invoiceId = "inv_9c4d7e2f5g8h1j3k6m0n2p5q";

const lines = [
  {
    description: "Inspektion nach Herstellervorgabe",
    partNumber: null,
    quantityMilli: 1500,
    unitPrice: 9800,
    taxRateBp: 1900,
  },
  {
    description: "Motoröl 5W-30",
    partNumber: "OIL-5W30-1L",
    quantityMilli: 4500,
    unitPrice: 1450,
    taxRateBp: 1900,
  },
  { description: "Ölfilter", partNumber: "HU 7020 z", quantityMilli: 1000, unitPrice: 1290, taxRateBp: 1900 },
];
// Minor units (cents): 1.5 h × 98.00 + 4.5 l × 14.50 + 12.90 = 225.15 net; 19 % VAT 42.78.
const linesWithNet = [
  { ...lines[0], net: 14700 },
  { ...lines[1], net: 6525 },
  { ...lines[2], net: 1290 },
];
const totals = { net: 22515, tax: 4278, gross: 26793, byRate: [{ rateBp: 1900, net: 22515, tax: 4278 }] };

const draft = {
  id: invoiceId,
  kind: "invoice",
  number: null,
  status: "draft",
  source: "manual",
  customerId,
  customerName: "Autohaus Beispiel GmbH",
  unitId,
  unitLabel: "VW Passat Variant",
  plate: "M-AB 1234",
  workOrderId: null,
  creditedInvoiceId: null,
  currency: "EUR",
  lines: linesWithNet,
  totals,
  serviceDate: "2026-11-30",
  issueDate: null,
  dueDate: "2026-12-14",
  note: "Vielen Dank für Ihren Auftrag.",
  poNumber: "PO-4711",
  paymentStatus: "draft",
  received: 0,
  open: 26793,
  overpaid: false,
  deliveredAt: null,
  deliveredTo: null,
  bookedAt: null,
  sentAt: null,
  sentTo: null,
  closed: false,
  version: 1,
  createdAt: "2026-11-30T15:02:11.000Z",
};
const detailExtras = { payments: [], paymentReviews: [], creditNotes: [], paymentLink: null };

/** Issued, mailed with a pay link, paid by card, collected: only the booking is missing. */
const paid = {
  ...draft,
  number: "INV-2026-000042",
  status: "issued",
  issueDate: "2026-11-30",
  paymentStatus: "paid",
  received: 26793,
  open: 0,
  deliveredAt: "2026-12-01T16:40:00.000Z",
  deliveredTo: "Erika Mustermann",
  sentAt: "2026-11-30T15:05:42.000Z",
  sentTo: "buchhaltung@autohaus-beispiel.de",
  version: 4,
};
const paidDetail = {
  ...paid,
  ...detailExtras,
  payments: [
    {
      id: "pay_2w4y6a8c0e2g4j6m8p0r2t4v",
      kind: "payment",
      amount: 26793,
      currency: "EUR",
      method: "card",
      source: "stripe",
      reference: "pi_3QxExample0001",
      recordedBy: null,
      at: "2026-12-01T09:12:30.000Z",
    },
  ],
  paymentLink: {
    state: "active",
    sentTo: "buchhaltung@autohaus-beispiel.de",
    sentAt: "2026-11-30T15:05:42.000Z",
    expiresAt: "2026-12-14T15:05:42.000Z",
    openedAt: "2026-12-01T09:10:03.000Z",
    cancelledAt: null,
    cancelledBy: null,
  },
};
const { lines: _lines, ...paidListItem } = paid;

const notFound = {
  type: "/problems/not-found",
  title: "Not found",
  status: 404,
  detail: "There is no such invoice.",
  requestId: "0f6b2c1e-8d7a-4c3b-9e5f-1a2b3c4d5e6f",
};

export const invoiceExamples = {
  get: {
    responses: {
      200: { paid: { summary: "Paid and collected, waiting to be booked", value: paidDetail } },
      404: {
        notFound: { summary: "No such invoice at this location (or another location's)", value: notFound },
      },
    },
  },
  list: {
    responses: {
      200: {
        paidReady: {
          summary: "filter=paid_ready: paid, ready for pick-up",
          value: {
            items: [paidListItem],
            total: 1,
            totalCapped: false,
            summary: { openTotal: 184250, paidToday: 26793, currency: "EUR" },
          },
        },
      },
    },
  },
  create: {
    request: {
      service: {
        summary: "A service with labour and parts, for a known customer and vehicle",
        value: {
          customerId,
          unitId,
          lines,
          serviceDate: "2026-11-30",
          dueDate: "2026-12-14",
          note: "Vielen Dank für Ihren Auftrag.",
          poNumber: "PO-4711",
        },
      },
    },
    responses: {
      201: { draft: { summary: "The draft, with its totals", value: { ...draft, ...detailExtras } } },
      422: {
        unknownCustomer: {
          summary: "A customer that is not one of this location's",
          value: {
            type: "/problems/validation",
            title: "Unprocessable content",
            status: 422,
            detail: "Choose a customer of this location.",
            errors: [{ field: "customerId", message: "Choose a customer." }],
            requestId: "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9",
          },
        },
      },
    },
  },
  book: {
    responses: {
      409: {
        alreadyBooked: {
          summary: "Booked before (a repeat is refused, not done twice)",
          value: {
            type: "/problems/conflict",
            title: "Conflict",
            status: 409,
            detail: "The payment is already booked.",
            requestId: "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
          },
        },
        notPaid: {
          summary: "Nothing paid yet",
          value: {
            type: "/problems/conflict",
            title: "Conflict",
            status: 409,
            detail: "Nothing has been paid yet, so there is nothing to book.",
            requestId: "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
          },
        },
      },
    },
  },
} satisfies Record<string, OperationExamples>;
