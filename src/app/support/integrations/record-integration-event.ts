// The one way an integration event is written: in the transaction of the change it tells of (the
// outbox), with a delivery for every enabled endpoint of the location that asked for its type, and a
// nudge to the webhook sender. Nothing here locks a row beyond what the insert's foreign keys take
// (a key-share lock on the location and the endpoints, which no command's update conflicts with), so
// it adds no lock order of its own to the commands that call it.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { integrationEvents, invoices, webhookDeliveries, webhookEndpoints } from "../../../db/schema";
import { newId } from "../../../domain/ids";
import { type IntegrationEventType, payloadVersion, testEventType } from "../../../domain/integration-events";
import { publishLive } from "../live";

type InvoiceRow = typeof invoices.$inferSelect;

/** Channel the webhook sender LISTENs on: a committed event is sent at once, not at the next sweep. */
export const webhookChannel = "pitlane_webhooks";

/** The DMS's own id of the invoice (null for invoices made in Pitlane), so the DMS finds its open item. */
export function externalIdOf(invoice: InvoiceRow): string | null {
  return invoice.externalId ?? null;
}

/** What every invoice event says of the invoice as it is after the change. */
export function invoiceFacts(invoice: InvoiceRow) {
  return {
    invoiceId: invoice.id,
    externalId: externalIdOf(invoice),
    number: invoice.number,
    kind: invoice.kind,
    status: invoice.paymentStatus,
    grossAmount: invoice.totals.gross,
    openAmount: invoice.openAmount,
    receivedAmount: invoice.receivedAmount,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    sentAt: invoice.sentAt?.toISOString() ?? null,
    deliveredAt: invoice.deliveredAt?.toISOString() ?? null,
    bookedAt: invoice.bookedAt?.toISOString() ?? null,
  };
}

export interface EventScope {
  organisationId: string;
  locationId: string;
}

async function insertEvent(
  tx: DbOrTx,
  scope: EventScope,
  type: string,
  invoiceId: string | null,
  data: Record<string, unknown>,
  endpointId?: string,
) {
  const id = newId("integrationEvent");
  const occurredAt = new Date();
  const payload = { type, version: payloadVersion, id, occurredAt: occurredAt.toISOString(), data };
  const [event] = await tx
    .insert(integrationEvents)
    .values({
      id,
      organisationId: scope.organisationId,
      locationId: scope.locationId,
      type,
      invoiceId,
      payload,
      createdAt: occurredAt,
    })
    .returning({ seq: integrationEvents.seq });
  const seq = event!.seq;
  // The enabled endpoints of this location whose list names the type (a test event goes to the
  // one endpoint it was sent from).
  const wants = endpointId
    ? eq(webhookEndpoints.id, endpointId)
    : and(eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.eventTypes} ? ${type}`);
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organisationId, scope.organisationId),
        eq(webhookEndpoints.locationId, scope.locationId),
        wants,
      ),
    );
  if (endpoints.length > 0) {
    await tx.insert(webhookDeliveries).values(
      endpoints.map((e) => ({
        id: newId("webhookDelivery"),
        organisationId: scope.organisationId,
        locationId: scope.locationId,
        endpointId: e.id,
        eventSeq: seq,
        invoiceId,
      })),
    );
    await tx.execute(sql`select pg_notify(${webhookChannel}, ${scope.locationId})`);
  }
  // The feed's long polls wake on the live updates' channel (staff-only: no customer id).
  if (type !== testEventType) {
    await publishLive(tx, {
      type: "integration-event.recorded",
      organisationId: scope.organisationId,
      locationId: scope.locationId,
      customerId: "",
      id,
      status: type,
    });
  }
  return { id, seq, payload };
}

/**
 * Records an invoice event. Reads the invoice as the change left it (same transaction); `extra`
 * adds what only the caller knows (the payment's method and amount, the credit note).
 */
export async function recordIntegrationEvent(
  tx: DbOrTx,
  type: IntegrationEventType,
  invoiceOrId: InvoiceRow | string,
  extra: Record<string, unknown> = {},
) {
  const invoice =
    typeof invoiceOrId === "string"
      ? (await tx.select().from(invoices).where(eq(invoices.id, invoiceOrId)))[0]
      : invoiceOrId;
  if (!invoice) throw new Error(`invoice ${String(invoiceOrId)} is missing`);
  return insertEvent(tx, invoice, type, invoice.id, { ...invoiceFacts(invoice), ...extra });
}

/** A test event for one endpoint ("Send test event"): delivered like any other, never in the feed. */
export async function recordTestEvent(tx: DbOrTx, scope: EventScope, endpointId: string) {
  return insertEvent(tx, scope, testEventType, null, { message: "A test event from Pitlane." }, endpointId);
}

/**
 * After a change that may close the case (paid, delivered, booked): records invoice.closed the
 * first time the invoice is paid (or credited), delivered and booked.
 */
export async function recordClosedIfSo(tx: DbOrTx, invoiceId: string) {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return;
  const settled = invoice.paymentStatus === "paid" || invoice.paymentStatus === "credited";
  if (!settled || !invoice.deliveredAt || !invoice.bookedAt) return;
  const [already] = await tx
    .select({ seq: integrationEvents.seq })
    .from(integrationEvents)
    .where(and(eq(integrationEvents.invoiceId, invoiceId), eq(integrationEvents.type, "invoice.closed")))
    .limit(1);
  if (already) return;
  await recordIntegrationEvent(tx, "invoice.closed", invoice);
}

/** After a payment entered the ledger and the position was recorded: payment.received, then paid or partly. */
export async function recordPaymentEvents(
  tx: DbOrTx,
  invoiceId: string,
  payment: {
    paymentId: string;
    amount: number;
    currency: string;
    method: string | null;
    source: string;
    reference: string | null;
    fees?: number | null;
  },
) {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return;
  await recordIntegrationEvent(tx, "payment.received", invoice, {
    payment: { ...payment, fees: payment.fees ?? null, providerReference: payment.reference },
  });
  if (invoice.paymentStatus === "paid") await recordIntegrationEvent(tx, "invoice.paid", invoice);
  else if (invoice.paymentStatus === "partially_paid")
    await recordIntegrationEvent(tx, "invoice.partially_paid", invoice);
  await recordClosedIfSo(tx, invoiceId);
}
