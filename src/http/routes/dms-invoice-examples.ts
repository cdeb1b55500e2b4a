// Examples for what a DMS does beyond pushing one invoice (issue #14): a batch with one invoice
// taken and one refused, the print version's 404, an invoice's history with the key named, and the
// location's default send mode. Taken from what the server answers; the document's lint
// (test/api/openapi-lint.test.ts) checks each against its schema.
import type { OperationExamples } from "../openapi";

const invoiceId = "inv_2tsw9qdr1w9yx7qxa44j47sq";

const pushedInvoice = (tag: string, gross: number) => ({
  externalId: `WB-2026-${tag}`,
  number: `RE-2026-${tag}`,
  issueDate: "2026-11-30",
  currency: "EUR",
  customer: {
    externalId: "K-20931",
    name: "Erika Mustermann",
    type: "private",
    email: "erika.mustermann@example.de",
    language: "de",
    street: "Hauptstraße 5",
    postalCode: "10115",
    city: "Berlin",
  },
  unit: { externalId: "F-55121", make: "VW", model: "Golf", plate: "B-EM 123" },
  lines: [
    { description: "Inspektion", quantityMilli: 2000, unitPrice: 9500, taxRateBp: 1900, kind: "labour" },
    { description: "Ölfilter", quantityMilli: 1000, unitPrice: 1250, taxRateBp: 1900, kind: "part" },
  ],
  // 2 h × 95.00 + 12.50 = 202.50 net, 38.48 VAT (19 %), 240.98 gross.
  totals: { net: 20250, tax: 3848, gross },
});

const problem = (status: number, type: string, title: string, detail: string, requestId: string) => ({
  type: `/problems/${type}`,
  title,
  status,
  detail,
  requestId,
});

const notFound = {
  notFound: {
    summary: "No invoice with this id at the key's location",
    value: problem(
      404,
      "not-found",
      "Not found",
      "Invoice was not found.",
      "03a80a02-05e4-48cb-9191-dcdd0cafecb2",
    ),
  },
};

export const dmsInvoiceExamples = {
  batch: {
    request: {
      two: {
        summary: "Two invoices; the second's gross is one cent off its lines",
        value: { invoices: [pushedInvoice("100424", 24098), pushedInvoice("100425", 24099)] },
      },
    },
    responses: {
      200: {
        createdAndRefused: {
          summary: "One created, one refused with its problem: a bad invoice never rejects the others",
          value: {
            created: 1,
            refused: 1,
            duplicate: 0,
            results: [
              {
                index: 0,
                externalId: "WB-2026-100424",
                status: "created",
                invoiceId,
                invoice: {
                  id: invoiceId,
                  externalId: "WB-2026-100424",
                  number: "RE-2026-100424",
                  status: "issued",
                  source: "api",
                  customerId: "cus_2dz7zk536m5z446k8124n7xv",
                  unitId: "unt_dh4v5ts90vatv9wd9gbetwz7",
                  currency: "EUR",
                  gross: 24098,
                  openAmount: 24098,
                  paymentStatus: "invoiced",
                  dueDate: "2026-12-14",
                  document: false,
                  send: "on_send",
                  sentTo: null,
                  paymentLink: null,
                },
              },
              {
                index: 1,
                externalId: "WB-2026-100425",
                status: "refused",
                problem: {
                  type: "/problems/validation",
                  title: "Unprocessable content",
                  status: 422,
                  detail: "The invoice cannot be taken as it is.",
                  errors: [
                    { field: "totals.gross", message: "The lines add up to 24098 (gross), not 24099." },
                  ],
                },
              },
            ],
          },
        },
      },
      400: {
        empty: {
          summary: "A batch without invoices",
          value: {
            ...problem(
              400,
              "validation",
              "Bad request",
              "Some fields are not valid.",
              "0fdc5980-0df7-44d4-81ec-7a2117c71446",
            ),
            errors: [{ field: "invoices", message: "Send at least one invoice." }],
          },
        },
      },
      401: {
        unknownKey: {
          summary: "The key is unknown, revoked or expired",
          value: problem(
            401,
            "unauthenticated",
            "Not signed in",
            "The API key is unknown, revoked or expired.",
            "3f8656ab-5cfb-4fd0-bf33-a15e5281959b",
          ),
        },
      },
      403: {
        missingScope: {
          summary: "A key without invoices:write",
          value: problem(
            403,
            "forbidden",
            "Forbidden",
            "This API key lacks the scope invoices:write. Ask your shop admin.",
            "754f327c-1618-4a18-81b8-c957b055055d",
          ),
        },
      },
    },
  },
  paymentRequestPdf: { responses: { 404: notFound } },
  history: {
    responses: {
      200: {
        pushedAndPrinted: {
          summary: "Pushed by the DMS's key, its payment request printed",
          value: {
            items: [
              {
                at: "2026-11-30T15:05:40.000Z",
                action: "issue",
                by: "WERBAS Filiale Mitte",
                byKind: "api_key",
                toStatus: "issued",
              },
              {
                at: "2026-11-30T15:06:12.000Z",
                action: "print-payment-request",
                by: "WERBAS Filiale Mitte",
                byKind: "api_key",
                toStatus: null,
              },
              {
                at: "2026-11-30T15:09:31.000Z",
                action: "send",
                by: "Jonas Berater",
                byKind: "staff",
                toStatus: null,
              },
            ],
          },
        },
      },
      404: notFound,
    },
  },
  getDefaults: {
    responses: {
      200: { onSend: { summary: "Mailed when someone clicks Send invoice", value: { sendMode: "on_send" } } },
    },
  },
  setDefaults: {
    request: {
      immediately: {
        summary: "Mail the payment request as the invoice arrives",
        value: { sendMode: "immediately" },
      },
    },
    responses: {
      200: { immediately: { value: { sendMode: "immediately" } } },
      400: {
        unknownMode: {
          summary: "Neither immediately nor on_send",
          value: {
            ...problem(
              400,
              "validation",
              "Bad request",
              "Some fields are not valid.",
              "48f5a035-69cf-43fa-a993-1a4458a4b8ea",
            ),
            errors: [
              { field: "sendMode", message: 'Invalid option: expected one of "immediately"|"on_send"' },
            ],
          },
        },
      },
    },
  },
} satisfies Record<string, OperationExamples>;
