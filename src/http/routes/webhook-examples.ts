// Examples for the webhooks and the pull feed (issue #14): an endpoint added (its secret shown
// once), switched off, tested, its delivery log, a resend; the feed with a payment's events. Taken
// from what the server answers; the document's lint (test/api/openapi-lint.test.ts) checks each
// against its schema.
import type { OperationExamples } from "../openapi";

const endpointId = "whe_x0pmdj6rjm89pp4916tszrn9";
const deliveryId = "whd_c1z9em2pqq9d7h3k5rnq4twz";
const testEventId = "evt_cpp5cq2neeg8chvgtc76s10b";
const invoiceId = "inv_2tsw9qdr1w9yx7qxa44j47sq";

const endpoint = {
  id: endpointId,
  url: "https://dms.autohaus-beispiel.de/pitlane/webhooks",
  description: "WERBAS Filiale Mitte",
  eventTypes: ["invoice.sent", "invoice.paid", "payment.received"],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  createdAt: "2026-11-30T14:59:10.000Z",
};

const problem = (status: number, type: string, title: string, detail: string, requestId: string) => ({
  type: `/problems/${type}`,
  title,
  status,
  detail,
  requestId,
});

const endpointNotFound = {
  notFound: {
    summary: "No such endpoint at this location",
    value: problem(
      404,
      "not-found",
      "Not found",
      "Webhook endpoint was not found.",
      "44d9759e-71aa-4475-8c1b-87134ecdff2f",
    ),
  },
};

const missingScope = {
  missingScope: {
    summary: "A key without webhooks:manage",
    value: problem(
      403,
      "forbidden",
      "Forbidden",
      "This API key lacks the scope webhooks:manage. Ask your shop admin.",
      "5d1c9e2a-7b3f-4e8d-a6c1-2f9b0e4d7a3c",
    ),
  },
};

export const webhookExamples = {
  list: {
    responses: {
      200: {
        one: {
          summary: "One endpoint; secrets are never listed",
          value: { endpoints: [endpoint], allowPrivateTargets: false },
        },
      },
      403: missingScope,
    },
  },
  create: {
    request: {
      dms: {
        summary: "The DMS's receiver, for the payment events",
        value: {
          url: "https://dms.autohaus-beispiel.de/pitlane/webhooks",
          description: "WERBAS Filiale Mitte",
          eventTypes: ["invoice.sent", "payment.received", "invoice.paid"],
        },
      },
    },
    responses: {
      201: {
        created: {
          summary: "The signing secret (Standard Webhooks), shown this once",
          value: { endpoint, secret: "whsec_3VBi5Pb9VmaLzOsV0rvIclGcn5vGxETF5tgUEHXAccc=" },
        },
      },
      422: {
        unknownEventType: {
          summary: "An event type Pitlane does not send",
          value: {
            ...problem(
              422,
              "validation",
              "Unprocessable content",
              "There is no event type invoice.exploded.",
              "6a56da95-9450-4d3c-a763-8fad02f36c45",
            ),
            errors: [
              {
                field: "eventTypes",
                message:
                  "Unknown event type invoice.exploded; one of invoice.sent, invoice.paid, invoice.partially_paid, payment.received, payment.refunded, invoice.delivered, invoice.booked, invoice.closed, invoice.overdue, invoice.credited.",
              },
            ],
          },
        },
        hostNotFound: {
          summary: "A host that does not resolve",
          value: {
            ...problem(
              422,
              "validation",
              "Unprocessable content",
              "The host dms.autohaus-beispeil.de cannot be found.",
              "2b364fa6-ed2e-4602-ab89-062b5d786fa4",
            ),
            errors: [{ field: "url", message: "The host dms.autohaus-beispeil.de cannot be found." }],
          },
        },
      },
    },
  },
  policy: {
    request: {
      onPremises: {
        summary: "Allow an on-premises DMS in the shop's own network",
        value: { allowPrivateTargets: true },
      },
    },
    responses: { 200: { allowed: { value: { allowPrivateTargets: true } } } },
  },
  update: {
    request: { switchOff: { summary: "Switch the endpoint off", value: { enabled: false } } },
    responses: {
      200: {
        switchedOff: {
          summary: "Off, by someone (manual); nothing is sent until it is switched on",
          value: {
            ...endpoint,
            enabled: false,
            disabledReason: "manual",
            disabledAt: "2026-12-01T08:15:00.000Z",
          },
        },
      },
      404: endpointNotFound,
    },
  },
  delete: { responses: { 404: endpointNotFound } },
  test: {
    responses: {
      202: {
        queued: {
          summary: "A webhook.test event, queued for this endpoint",
          value: { eventId: testEventId },
        },
      },
      404: endpointNotFound,
    },
  },
  deliveries: {
    responses: {
      200: {
        delivered: {
          summary: "The test event, delivered at the first attempt",
          value: {
            deliveries: [
              {
                id: deliveryId,
                eventId: testEventId,
                eventType: "webhook.test",
                invoiceId: null,
                status: "delivered",
                attemptCount: 1,
                lastResponseStatus: 200,
                lastAttemptAt: "2026-12-01T08:20:00.391Z",
                nextAttemptAt: null,
                createdAt: "2026-12-01T08:20:00.383Z",
                attempts: [
                  {
                    startedAt: "2026-12-01T08:20:00.391Z",
                    durationMs: 6,
                    responseStatus: 200,
                    bodyExcerpt: "ok",
                    error: null,
                  },
                ],
              },
              {
                id: "whd_8r3t6y9u2i5o7p1a4s0d3f6g",
                eventId: "evt_z1ek7fv00xr2v4mnjk4b2z6e",
                eventType: "invoice.paid",
                invoiceId,
                status: "failed",
                attemptCount: 2,
                lastResponseStatus: 503,
                lastAttemptAt: "2026-12-01T07:41:10.000Z",
                nextAttemptAt: "2026-12-01T07:46:10.000Z",
                createdAt: "2026-12-01T07:40:05.000Z",
                attempts: [
                  {
                    startedAt: "2026-12-01T07:41:10.000Z",
                    durationMs: 41,
                    responseStatus: 503,
                    bodyExcerpt: "Service Unavailable",
                    error: null,
                  },
                  {
                    startedAt: "2026-12-01T07:40:05.000Z",
                    durationMs: 10000,
                    responseStatus: null,
                    bodyExcerpt: null,
                    error: "Timed out after 10000 ms",
                  },
                ],
              },
            ],
            nextBefore: null,
          },
        },
      },
      404: endpointNotFound,
    },
  },
  resend: {
    responses: {
      202: {
        queued: {
          summary: "Sent again now, with the same webhook-id",
          value: { id: deliveryId, status: "pending" },
        },
      },
      404: {
        notFound: {
          summary: "No such delivery at this location",
          value: problem(
            404,
            "not-found",
            "Not found",
            "Delivery was not found.",
            "474d02c5-e67b-485e-8f30-308bff6d466e",
          ),
        },
      },
    },
  },
} satisfies Record<string, OperationExamples>;

/** What webhooks and the feed carry about the invoice: the same payload in both. */
const invoiceData = {
  kind: "invoice",
  invoiceId,
  externalId: "WB-2026-100424",
  number: "RE-2026-100424",
  currency: "EUR",
  grossAmount: 24098,
  dueDate: "2026-12-14",
  sentAt: "2026-11-30T15:09:31.000Z",
  deliveredAt: null,
  bookedAt: null,
};

export const eventFeedExamples = {
  feed: {
    responses: {
      200: {
        paid: {
          summary: "A card payment: payment.received, then invoice.paid; read on with after=3",
          value: {
            events: [
              {
                type: "payment.received",
                version: 1,
                id: "evt_kax4s11jpngw1a5mc2xek30v",
                occurredAt: "2026-11-30T16:12:03.328Z",
                data: {
                  ...invoiceData,
                  status: "paid",
                  openAmount: 0,
                  receivedAmount: 24098,
                  payment: {
                    paymentId: "pay_45crzshka45am7xsaatrsjcc",
                    amount: 24098,
                    currency: "EUR",
                    method: "card",
                    source: "sandbox",
                    fees: null,
                    reference: "pay_sbx_pss_e03pgxej7y1y63vkzade72b2",
                    providerReference: "pay_sbx_pss_e03pgxej7y1y63vkzade72b2",
                  },
                },
              },
              {
                type: "invoice.paid",
                version: 1,
                id: "evt_z1ek7fv00xr2v4mnjk4b2z6e",
                occurredAt: "2026-11-30T16:12:03.330Z",
                data: { ...invoiceData, status: "paid", openAmount: 0, receivedAmount: 24098 },
              },
            ],
            nextCursor: "3",
          },
        },
        nothingNew: {
          summary: "Nothing after the cursor (within `wait`): the cursor comes back unchanged",
          value: { events: [], nextCursor: "3" },
        },
      },
      400: {
        badCursor: {
          summary: "A cursor that is not one nextCursor gave",
          value: {
            ...problem(
              400,
              "validation",
              "Bad request",
              "Some fields in the querystring are not valid.",
              "a01d5446-b9b4-42c3-96f3-50bc19422242",
            ),
            errors: [
              { field: "after", message: "A cursor as returned in nextCursor (0 for the beginning)." },
            ],
          },
        },
      },
      403: {
        missingScope: {
          summary: "A key without events:read",
          value: problem(
            403,
            "forbidden",
            "Forbidden",
            "This API key lacks the scope events:read. Ask your shop admin.",
            "e5de86b3-dc42-4d52-a970-1543e543f822",
          ),
        },
      },
    },
  },
} satisfies Record<string, OperationExamples>;
