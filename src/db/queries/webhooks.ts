// Reads for webhook endpoints, their delivery log and the pull feed; always scoped to the caller's
// organisation and location.
import { and, desc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { integrationEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";

export interface Scope {
  organisationId: string;
  locationId: string;
}

const inScope = (s: Scope) =>
  and(eq(webhookEndpoints.organisationId, s.organisationId), eq(webhookEndpoints.locationId, s.locationId));

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function listEndpoints(db: DbOrTx, scope: Scope) {
  // A location has a handful of endpoints; capped all the same.
  return db
    .select()
    .from(webhookEndpoints)
    .where(inScope(scope))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id)
    .limit(100);
}

export async function findEndpoint(db: DbOrTx, scope: Scope, id: string): Promise<EndpointRow | null> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(inScope(scope), eq(webhookEndpoints.id, id)));
  return row ?? null;
}

export async function findDelivery(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organisationId, scope.organisationId),
        eq(webhookDeliveries.locationId, scope.locationId),
        eq(webhookDeliveries.id, id),
      ),
    );
  return row ?? null;
}

/** Attempts shown per delivery in the log (the latest ones). */
const attemptsShown = 20;

/** The endpoint's delivery log, newest event first, a page before the cursor (an event seq). */
export async function listDeliveries(
  db: DbOrTx,
  endpointId: string,
  page: { before?: number | undefined; limit: number },
) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventSeq: webhookDeliveries.eventSeq,
      eventId: integrationEvents.id,
      eventType: integrationEvents.type,
      invoiceId: webhookDeliveries.invoiceId,
      status: webhookDeliveries.status,
      attemptCount: webhookDeliveries.attemptCount,
      lastResponseStatus: webhookDeliveries.lastResponseStatus,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(integrationEvents, eq(integrationEvents.seq, webhookDeliveries.eventSeq))
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        page.before === undefined ? undefined : lt(webhookDeliveries.eventSeq, page.before),
      ),
    )
    .orderBy(desc(webhookDeliveries.eventSeq))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const attempts = shown.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            shown.map((r) => r.id),
          ),
        )
        .orderBy(desc(webhookAttempts.id))
    : [];
  const byDelivery = new Map<string, (typeof attempts)[number][]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.deliveryId) ?? [];
    if (list.length < attemptsShown) list.push(a);
    byDelivery.set(a.deliveryId, list);
  }
  return {
    deliveries: shown.map((r) => ({ ...r, attempts: byDelivery.get(r.id) ?? [] })),
    nextBefore: more ? (shown[shown.length - 1]?.eventSeq ?? null) : null,
  };
}

/**
 * The pull feed: the location's events after the cursor, in order. Only events whose writing
 * transaction is older than every transaction still running are handed out (see integrationEvents):
 * an event with a lower number committed later can never be skipped by a cursor.
 */
export async function feedEvents(db: DbOrTx, scope: Scope, after: number, limit: number) {
  return db
    .select({ seq: integrationEvents.seq, payload: integrationEvents.payload })
    .from(integrationEvents)
    .where(
      and(
        eq(integrationEvents.organisationId, scope.organisationId),
        eq(integrationEvents.locationId, scope.locationId),
        gt(integrationEvents.seq, after),
        ne(integrationEvents.type, "webhook.test"),
        sql`${integrationEvents.txid} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(integrationEvents.seq)
    .limit(limit);
}
