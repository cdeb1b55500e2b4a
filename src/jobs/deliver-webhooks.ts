// Sends webhook deliveries. The deliveries table is the outbox (rows written in the changing
// transaction); this sender claims due ones with a lease (locked_until, so the HTTP call runs
// outside any transaction and a second worker process skips them), posts each signed per the
// Standard Webhooks spec, and writes a row per attempt. It is woken by NOTIFY when a delivery is
// written, and otherwise sleeps until the next retry is due, so a payment's webhook leaves within
// milliseconds of its commit. The pg-boss job `webhooks.sweep` runs it every minute as well, in case
// a process missed a notification.
//
// Order: a delivery waits while an earlier event of the same invoice to the same endpoint is still
// open (pending or failed), so a DMS never hears "paid" before "sent".
import http from "node:http";
import https from "node:https";
import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { checkedLookup } from "../app/support/integrations/webhook-target";
import type { JobQueue } from "../app/support/jobs";
import { notifyRoles } from "../app/support/notifications/notify-staff";
import type { Db } from "../db/client";
import {
  integrationEvents,
  locations,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "../db/schema";
import { type RetryPolicy, retryDelayMs } from "../domain/integration-events";

export interface WebhookSenderOptions {
  policy: RetryPolicy;
  timeoutMs: number;
  publicUrl: string;
}

const excerptBytes = 1024;
const batchSize = 20;
const concurrency = 8;

export interface Answer {
  status: number | null;
  body: string | null;
  error: string | null;
}

/** One POST, ended after `timeoutMs` whatever happens; never throws. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        lookup: checkedLookup(allowPrivate),
        // A redirect is not followed: the answer is what the endpoint said.
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < excerptBytes) chunks.push(chunk);
          size += chunk.length;
          // Enough for the log; the rest is not read.
          if (size > 64 * 1024) response.destroy();
        });
        const finish = () =>
          done({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).subarray(0, excerptBytes).toString("utf8"),
            error: null,
          });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ status: null, body: null, error: `No answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    request.on("error", (error) => done({ status: null, body: null, error: error.message }));
    request.end(body);
  });
}

interface Claimed {
  id: string;
  organisationId: string;
  locationId: string;
  endpointId: string;
  eventSeq: number;
  attemptCount: number;
  firstAttemptAt: Date | null;
}

async function claim(db: Db, leaseMs: number): Promise<Claimed[]> {
  type Row = {
    id: string;
    organisation_id: string;
    location_id: string;
    endpoint_id: string;
    event_seq: string;
    attempt_count: number;
    first_attempt_at: string | null;
  };
  const result = await db.execute(sql`
    update webhook_deliveries d
       set locked_until = now() + make_interval(secs => ${leaseMs / 1000})
     where d.id in (
       select c.id
         from webhook_deliveries c
         join webhook_endpoints e on e.id = c.endpoint_id
        where c.status in ('pending', 'failed')
          and c.next_attempt_at <= now()
          and (c.locked_until is null or c.locked_until < now())
          and e.enabled
          and not exists (
            select 1 from webhook_deliveries p
             where p.endpoint_id = c.endpoint_id
               and p.invoice_id = c.invoice_id
               and p.event_seq < c.event_seq
               and p.status in ('pending', 'failed'))
        order by c.next_attempt_at, c.event_seq
        limit ${batchSize}
        for update of c skip locked)
    returning d.id, d.organisation_id, d.location_id, d.endpoint_id, d.event_seq, d.attempt_count, d.first_attempt_at`);
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    locationId: r.location_id,
    endpointId: r.endpoint_id,
    eventSeq: Number(r.event_seq),
    attemptCount: r.attempt_count,
    firstAttemptAt: r.first_attempt_at ? new Date(r.first_attempt_at) : null,
  }));
}

async function deliver(db: Db, queue: JobQueue, options: WebhookSenderOptions, claimed: Claimed) {
  const [row] = await db
    .select({
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      enabled: webhookEndpoints.enabled,
      failingSince: webhookEndpoints.failingSince,
      allowPrivate: locations.webhooksAllowPrivate,
      eventId: integrationEvents.id,
      payload: integrationEvents.payload,
    })
    .from(webhookEndpoints)
    .innerJoin(locations, eq(locations.id, webhookEndpoints.locationId))
    .innerJoin(integrationEvents, eq(integrationEvents.seq, claimed.eventSeq))
    .where(eq(webhookEndpoints.id, claimed.endpointId));
  if (!row?.enabled) {
    await db.update(webhookDeliveries).set({ lockedUntil: null }).where(eq(webhookDeliveries.id, claimed.id));
    return;
  }
  const body = JSON.stringify(row.payload);
  const startedAt = new Date();
  // The event's id is the message id: the same across retries and resends, so a DMS can drop repeats.
  const headers = {
    "webhook-id": row.eventId,
    "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
    "webhook-signature": new Webhook(row.secret).sign(row.eventId, startedAt, body),
    "user-agent": "Pitlane-Webhooks/1",
  };
  const answer = await post(row.url, headers, body, row.allowPrivate, options.timeoutMs);
  const durationMs = Date.now() - startedAt.getTime();
  const now = new Date();
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const gone = answer.status === 410;
  const attempts = claimed.attemptCount + 1;
  const firstAttemptAt = claimed.firstAttemptAt ?? startedAt;
  const givingUp = !ok && (gone || now.getTime() - firstAttemptAt.getTime() >= options.policy.giveUpAfterMs);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: claimed.id,
      startedAt,
      durationMs,
      responseStatus: answer.status,
      // A receiver may answer anything; PostgreSQL text holds no NUL.
      bodyExcerpt: answer.body?.replaceAll("\u0000", "\ufffd") ?? null,
      error: answer.error?.replaceAll("\u0000", "\ufffd") ?? null,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        status: ok ? "delivered" : givingUp ? "gave_up" : "failed",
        attemptCount: attempts,
        firstAttemptAt,
        lastAttemptAt: startedAt,
        lastResponseStatus: answer.status,
        lockedUntil: null,
        nextAttemptAt:
          ok || givingUp ? now : new Date(now.getTime() + retryDelayMs(options.policy, attempts)),
      })
      .where(eq(webhookDeliveries.id, claimed.id));
    if (ok) {
      if (row.failingSince)
        await tx
          .update(webhookEndpoints)
          .set({ failingSince: null })
          .where(eq(webhookEndpoints.id, claimed.endpointId));
      return;
    }
    const failingSince = row.failingSince ?? startedAt;
    const failingTooLong = now.getTime() - failingSince.getTime() >= options.policy.giveUpAfterMs;
    if (!gone && !failingTooLong) {
      if (!row.failingSince)
        await tx
          .update(webhookEndpoints)
          .set({ failingSince })
          .where(eq(webhookEndpoints.id, claimed.endpointId));
      return;
    }
    const reason = gone ? "gone" : "failing";
    // Only the first to switch it off tells the admins (two deliveries may fail at once).
    const [disabled] = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: reason, disabledAt: now, failingSince, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, claimed.endpointId), eq(webhookEndpoints.enabled, true)))
      .returning({ url: webhookEndpoints.url });
    if (!disabled) return;
    await notifyRoles(
      tx,
      { queue, publicUrl: options.publicUrl },
      { organisationId: claimed.organisationId, locationId: claimed.locationId },
      ["admin"],
      (language) =>
        language === "de"
          ? {
              kind: "webhook-disabled",
              title: "Webhook abgeschaltet",
              body:
                reason === "gone"
                  ? `${disabled.url} hat mit 410 (Gone) geantwortet: Pitlane sendet dorthin keine Ereignisse mehr.`
                  : `${disabled.url} schlägt seit drei Tagen fehl: Pitlane sendet dorthin keine Ereignisse mehr.`,
              link: "/settings",
            }
          : {
              kind: "webhook-disabled",
              title: "Webhook switched off",
              body:
                reason === "gone"
                  ? `${disabled.url} answered 410 (Gone): Pitlane sends it no more events.`
                  : `${disabled.url} has failed for three days: Pitlane sends it no more events.`,
              link: "/settings",
            },
    );
  });
}

/** One pass: claims and sends due deliveries until none is left; how many were sent. */
export async function sendDueWebhooks(
  db: Db,
  queue: JobQueue,
  options: WebhookSenderOptions,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await claim(db, options.timeoutMs + 30_000);
    if (batch.length === 0) return sent;
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const item = batch[next++]!;
        try {
          await deliver(db, queue, options, item);
        } catch (error) {
          // The lease runs out and the delivery is taken up again.
          console.error("webhook delivery:", String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    sent += batch.length;
  }
}

/**
 * When the next delivery this sender could claim is due, or null: open, to an enabled endpoint, not
 * waiting behind an earlier one (that one is sent first, and the pass goes on with the next). One
 * held by another process counts from the end of its lease.
 */
async function nextDue(db: Db): Promise<Date | null> {
  const result = await db.execute(
    sql`select min(greatest(c.next_attempt_at, coalesce(c.locked_until, c.next_attempt_at))) as at
          from webhook_deliveries c
          join webhook_endpoints e on e.id = c.endpoint_id and e.enabled
         where c.status in ('pending', 'failed')
           and not exists (
             select 1 from webhook_deliveries p
              where p.endpoint_id = c.endpoint_id
                and p.invoice_id = c.invoice_id
                and p.event_seq < c.event_seq
                and p.status in ('pending', 'failed'))`,
  );
  const at = (result as unknown as { rows: { at: string | null }[] }).rows[0]?.at;
  return at ? new Date(at) : null;
}

/** Runs the sender until stopped: woken by NOTIFY on the channel, else when the next retry is due. */
export async function startWebhookSender(
  db: Db,
  queue: JobQueue,
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>,
  channel: string,
  options: WebhookSenderOptions,
): Promise<() => Promise<void>> {
  let stopped = false;
  let wake: (() => void) | null = null;
  let nudged = false;
  const nudge = () => {
    nudged = true;
    wake?.();
  };
  const unlisten = await listen(channel, nudge);
  const loop = (async () => {
    while (!stopped) {
      nudged = false;
      try {
        await sendDueWebhooks(db, queue, options);
      } catch (error) {
        if (!stopped) console.error("webhook sender:", String(error));
      }
      if (stopped) break;
      if (nudged) continue;
      let waitMs = 5_000;
      try {
        const due = await nextDue(db);
        if (due) waitMs = Math.max(20, Math.min(waitMs, due.getTime() - Date.now() + 5));
      } catch {
        // The database is briefly away: try again after the usual pause.
      }
      if (nudged || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await unlisten();
    await loop;
  };
}
