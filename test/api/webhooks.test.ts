// Status out: integration events, signed webhooks to a real receiver on loopback (retries, order,
// timeouts, 410), the delivery log, and the pull feed with its long poll.
import { and, eq, like } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordOverdueEvents } from "../../src/app/webhooks/record-overdue-events";
import {
  integrationEvents,
  invoicePayments,
  mailMessages,
  notifications,
  webhookDeliveries,
  webhookEndpoints,
} from "../../src/db/schema";
import { SandboxProvider, sandboxSignatureHeader } from "../../src/integrations/payments/sandbox";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { type Receiver, startReceiver } from "../support/webhook-receiver";

let t: TestApp;
let shop: Shop;
let admin: Client;
let accounting: Client;
let advisor: Client;
let receiver: Receiver;
/** The app on a real port, once a test needs one. */
let address = "";

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp({
    PAYMENT_SANDBOX_SECRET: "sandbox-secret-for-tests",
    WEBHOOK_RETRY_BASE_MS: "150",
    WEBHOOK_MAX_DELAY_MS: "600",
    WEBHOOK_TIMEOUT_MS: "800",
  });
  shop = await createShop(t.database.db);
  admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  const customer = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
  await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
    email: "ap@fleet.test",
    version: customer.version,
  });
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

async function allowPrivate(c: Client = admin) {
  const set = await c("PUT", "/api/v1/settings/webhooks/policy", { allowPrivateTargets: true });
  expect(set.statusCode, set.body).toBe(200);
}

async function addEndpoint(
  path: string,
  eventTypes: string[] = ["invoice.sent", "payment.received", "invoice.paid"],
) {
  const created = await admin("POST", "/api/v1/settings/webhooks", {
    url: receiver.url(path),
    description: path,
    eventTypes,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { endpoint: { id: string }; secret: string };
}

/** An issued invoice, sent; returns it and its payment-page token. */
async function sentInvoice() {
  const draft = (
    await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    })
  ).json();
  const invoice = (await accounting("POST", `/api/v1/invoices/${draft.id}/issue`)).json();
  const sent = await advisor("POST", `/api/v1/invoices/${invoice.id}/send`, {});
  expect(sent.statusCode, sent.body).toBe(200);
  const [mail] = await t.database.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.subject, `Invoice ${invoice.number} %`));
  const token = mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!;
  return { invoice: invoice as { id: string; number: string }, token };
}

/** Pays through the sandbox's checkout page, whose signed webhook marks the invoice paid. */
async function sandboxPay(token: string) {
  const checkout = await t.app.inject({
    method: "POST",
    url: `/api/v1/pay/${token}/checkout`,
    payload: { method: "card" },
  });
  expect(checkout.statusCode, checkout.body).toBe(200);
  const path = new URL(checkout.json().url).pathname;
  const paid = await t.app.inject({
    method: "POST",
    url: path,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ method: "card", card: "4242 4242 4242 4242" }).toString(),
  });
  expect(paid.statusCode).toBe(303);
}

const eventsOf = (path: string) =>
  receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body));

async function deliveriesOf(endpointId: string) {
  const log = await admin("GET", `/api/v1/settings/webhooks/${endpointId}/deliveries`);
  expect(log.statusCode, log.body).toBe(200);
  return log.json().deliveries as {
    id: string;
    eventType: string;
    status: string;
    attemptCount: number;
    attempts: { responseStatus: number | null; error: string | null; bodyExcerpt: string | null }[];
  }[];
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook endpoints", () => {
  it("refuses private targets unless the location allows them, bad URLs and unknown event types", async () => {
    const privateTarget = await admin("POST", "/api/v1/settings/webhooks", {
      url: receiver.url("/refused"),
      eventTypes: ["invoice.paid"],
    });
    expect(privateTarget.statusCode).toBe(422);
    expect(privateTarget.json().errors[0].field).toBe("url");
    for (const url of ["https://10.0.0.5/hook", "https://[::1]/hook", "https://169.254.169.254/latest"]) {
      const r = await admin("POST", "/api/v1/settings/webhooks", { url, eventTypes: ["invoice.paid"] });
      expect(r.statusCode, url).toBe(422);
    }
    const notUrl = await admin("POST", "/api/v1/settings/webhooks", {
      url: "dms",
      eventTypes: ["invoice.paid"],
    });
    expect(notUrl.statusCode).toBe(422);
    expect(notUrl.json().errors[0].field).toBe("url");
    await allowPrivate();
    const unknown = await admin("POST", "/api/v1/settings/webhooks", {
      url: receiver.url("/x"),
      eventTypes: ["invoice.paid", "invoice.exploded"],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe("eventTypes");
    // Allowed now: a loopback receiver, over plain http since it never leaves the machine.
    const ok = await addEndpoint("/allowed", ["invoice.paid"]);
    expect(ok.secret).toMatch(/^whsec_/);
    // The secret is shown once: never in the list.
    const list = await admin("GET", "/api/v1/settings/webhooks");
    expect(list.body).not.toContain(ok.secret);
    expect(list.json().allowPrivateTargets).toBe(true);
    expect((await admin("DELETE", `/api/v1/settings/webhooks/${ok.endpoint.id}`)).statusCode).toBe(204);
  });

  it("delivers invoice.sent, payment.received and invoice.paid in order, signed per Standard Webhooks", async () => {
    await allowPrivate();
    const { endpoint, secret } = await addEndpoint("/dms");
    const { invoice, token } = await sentInvoice();
    await sandboxPay(token);
    const got = await receiver.waitFor("/dms", 3);
    const hook = new Webhook(secret);
    for (const r of got) {
      // Throws on a bad signature or timestamp.
      hook.verify(r.body, r.headers as Record<string, string>);
    }
    const events = eventsOf("/dms");
    expect(events.map((e) => e.type)).toEqual(["invoice.sent", "payment.received", "invoice.paid"]);
    expect(events[0]).toMatchObject({
      version: 1,
      data: { invoiceId: invoice.id, number: invoice.number, externalId: null },
    });
    expect(events[1].data.payment).toMatchObject({
      amount: 11_900,
      currency: "EUR",
      method: "card",
      source: "sandbox",
    });
    expect(events[2].data).toMatchObject({ status: "paid", openAmount: 0 });
    expect(got[0]!.headers["webhook-id"]).toBe(events[0].id);
    const log = await until(
      () => deliveriesOf(endpoint.id),
      (l) => l.every((d) => d.status === "delivered"),
    );
    expect(log.map((d) => d.eventType)).toEqual(["invoice.paid", "payment.received", "invoice.sent"]);
    expect(log[0]!.attempts[0]).toMatchObject({ responseStatus: 200, bodyExcerpt: "ok" });
    await admin("DELETE", `/api/v1/settings/webhooks/${endpoint.id}`);
  });

  it("retries a 500 until it is delivered, a row per attempt, and resends on request", async () => {
    await allowPrivate();
    const { endpoint } = await addEndpoint("/flaky");
    receiver.script("/flaky", [
      { status: 500, body: "down" },
      { status: 500, body: "still down" },
    ]);
    const sent = await admin("POST", `/api/v1/settings/webhooks/${endpoint.id}/test`);
    expect(sent.statusCode, sent.body).toBe(202);
    const got = await receiver.waitFor("/flaky", 3);
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const log = await until(
      () => deliveriesOf(endpoint.id),
      (l) => l[0]?.status === "delivered",
    );
    expect(log[0]).toMatchObject({ eventType: "webhook.test", status: "delivered", attemptCount: 3 });
    expect(log[0]!.attempts.map((a) => a.responseStatus)).toEqual([200, 500, 500]);
    expect(log[0]!.attempts[2]!.bodyExcerpt).toBe("down");
    const resent = await admin("POST", `/api/v1/settings/webhooks/deliveries/${log[0]!.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(202);
    await receiver.waitFor("/flaky", 4);
    const after = await until(
      () => deliveriesOf(endpoint.id),
      (l) => l[0]?.status === "delivered" && l[0].attemptCount === 4,
    );
    expect(after[0]!.attemptCount).toBe(4);
    // The test event is no invoice's: not in the feed.
    const feed = await admin("GET", "/api/v1/events?after=0&limit=500");
    expect(feed.json().events.map((e: { type: string }) => e.type)).not.toContain("webhook.test");
    await admin("DELETE", `/api/v1/settings/webhooks/${endpoint.id}`);
  });

  it("retries an endpoint that does not answer within the timeout", async () => {
    await allowPrivate();
    const { endpoint } = await addEndpoint("/slow");
    receiver.script("/slow", ["hang"]);
    await admin("POST", `/api/v1/settings/webhooks/${endpoint.id}/test`);
    await receiver.waitFor("/slow", 2);
    const log = await until(
      () => deliveriesOf(endpoint.id),
      (l) => l[0]?.status === "delivered",
    );
    expect(log[0]!.attemptCount).toBe(2);
    expect(log[0]!.attempts[1]).toMatchObject({ responseStatus: null });
    expect(log[0]!.attempts[1]!.error).toMatch(/No answer within/);
    await admin("DELETE", `/api/v1/settings/webhooks/${endpoint.id}`);
  });

  it("keeps the order per invoice while an earlier delivery is retried", async () => {
    await allowPrivate();
    const { endpoint } = await addEndpoint("/ordered");
    // invoice.sent fails three times; the payment's events wait behind it.
    receiver.script("/ordered", [{ status: 503 }, { status: 503 }, { status: 503 }]);
    const { token } = await sentInvoice();
    await receiver.waitFor("/ordered", 1);
    await sandboxPay(token);
    await receiver.waitFor("/ordered", 6);
    const types = eventsOf("/ordered").map((e) => e.type);
    expect(types).toEqual([
      "invoice.sent",
      "invoice.sent",
      "invoice.sent",
      "invoice.sent",
      "payment.received",
      "invoice.paid",
    ]);
    await admin("DELETE", `/api/v1/settings/webhooks/${endpoint.id}`);
  });

  it("switches an endpoint off at a 410 and tells the admins", async () => {
    await allowPrivate();
    const { endpoint } = await addEndpoint("/gone");
    receiver.script("/gone", [{ status: 410, body: "gone" }]);
    await admin("POST", `/api/v1/settings/webhooks/${endpoint.id}/test`);
    await receiver.waitFor("/gone", 1);
    const list = await until(
      () => admin("GET", "/api/v1/settings/webhooks").then((r) => r.json()),
      (l) => l.endpoints.find((e: { id: string }) => e.id === endpoint.id)?.enabled === false,
    );
    expect(list.endpoints.find((e: { id: string }) => e.id === endpoint.id)).toMatchObject({
      enabled: false,
      disabledReason: "gone",
    });
    const notes = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.recipientId, shop.staff.admin.id), eq(notifications.kind, "webhook-disabled")),
      );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("410");
    // Switched back on by hand, it is sent to again.
    const on = await admin("PATCH", `/api/v1/settings/webhooks/${endpoint.id}`, { enabled: true });
    expect(on.json()).toMatchObject({ enabled: true, disabledReason: null });
    await admin("POST", `/api/v1/settings/webhooks/${endpoint.id}/test`);
    await receiver.waitFor("/gone", 2);
  });
});

describe("three days of failure", () => {
  it("gives a delivery up and switches the endpoint off once it has failed for three days", async () => {
    await allowPrivate();
    const { endpoint } = await addEndpoint("/dead");
    receiver.script("/dead", [{ status: 502 }, { status: 502 }]);
    await admin("POST", `/api/v1/settings/webhooks/${endpoint.id}/test`);
    await receiver.waitFor("/dead", 1);
    // As if the first failure was four days ago: the next failure is the last.
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600_000);
    await until(
      () => deliveriesOf(endpoint.id),
      (l) => l[0]?.status === "failed",
    );
    await t.database.db
      .update(webhookEndpoints)
      .set({ failingSince: fourDaysAgo })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await t.database.db
      .update(webhookDeliveries)
      .set({ firstAttemptAt: fourDaysAgo })
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    await receiver.waitFor("/dead", 2);
    const log = await until(
      () => deliveriesOf(endpoint.id),
      (l) => l[0]?.status === "gave_up",
    );
    expect(log[0]).toMatchObject({ status: "gave_up", attemptCount: 2 });
    const list = (await admin("GET", "/api/v1/settings/webhooks")).json();
    expect(list.endpoints.find((e: { id: string }) => e.id === endpoint.id)).toMatchObject({
      enabled: false,
      disabledReason: "failing",
    });
    const notes = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, shop.staff.admin.id), like(notifications.body, "%/dead%")));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("three days");
  });
});

describe("the other invoice events", () => {
  const typesOf = async (invoiceId: string) =>
    (
      await t.database.db
        .select({ type: integrationEvents.type, payload: integrationEvents.payload })
        .from(integrationEvents)
        .where(eq(integrationEvents.invoiceId, invoiceId))
        .orderBy(integrationEvents.seq)
    ).map((r) => r as { type: string; payload: { data: Record<string, unknown> } });

  it("records a part payment at the counter and a credit note", async () => {
    const { invoice } = await sentInvoice();
    const paid = await accounting("POST", `/api/v1/invoices/${invoice.id}/payments`, {
      amount: 5_000,
      method: "cash",
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    const credited = await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {});
    expect(credited.statusCode, credited.body).toBeLessThan(300);
    const events = await typesOf(invoice.id);
    expect(events.map((e) => e.type)).toEqual([
      "invoice.sent",
      "payment.received",
      "invoice.partially_paid",
      "invoice.credited",
    ]);
    expect(events[1]!.payload.data.payment).toMatchObject({ amount: 5_000, method: "cash", source: "pos" });
    expect(events[2]!.payload.data).toMatchObject({ status: "partially_paid", openAmount: 6_900 });
    expect(events[3]!.payload.data.creditNote).toMatchObject({ amount: 11_900 });
  });

  it("records a refund the provider reports", async () => {
    const { invoice, token } = await sentInvoice();
    await sandboxPay(token);
    const [payment] = await t.database.db
      .select()
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoice.id));
    const raw = JSON.stringify({
      id: `evt_sbx_refund_${invoice.id}`,
      type: "charge.refunded",
      created: Math.floor(Date.now() / 1000),
      data: { reference: payment!.reference, currency: "EUR", refundedTotal: 1_000 },
    });
    const refunded = await t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhooks/sandbox",
      headers: {
        "content-type": "application/json",
        [sandboxSignatureHeader]: new SandboxProvider("sandbox-secret-for-tests", "").sign(raw),
      },
      payload: raw,
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    const events = await typesOf(invoice.id);
    expect(events.map((e) => e.type)).toEqual([
      "invoice.sent",
      "payment.received",
      "invoice.paid",
      "payment.refunded",
    ]);
    expect(events[3]!.payload.data.refund).toMatchObject({
      amount: 1_000,
      providerReference: payment!.reference,
    });
    expect(events[3]!.payload.data).toMatchObject({ openAmount: 1_000 });
  });
});

describe("invoice.overdue", () => {
  it("is recorded once when an invoice's due date passed with money open", async () => {
    const draft = (
      await accounting("POST", "/api/v1/invoices", {
        customerId: shop.businessCustomerId,
        lines: [{ description: "Tyres", quantityMilli: 1000, unitPrice: 5_000, taxRateBp: 1900 }],
        serviceDate: "2026-01-02",
        dueDate: "2026-01-05",
      })
    ).json();
    expect(draft.id, JSON.stringify(draft)).toBeDefined();
    const issued = await accounting("POST", `/api/v1/invoices/${draft.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(await recordOverdueEvents(t.database.db)).toBeGreaterThanOrEqual(1);
    // Again (the job runs hourly): nothing new.
    await recordOverdueEvents(t.database.db);
    const rows = await t.database.db
      .select()
      .from(integrationEvents)
      .where(and(eq(integrationEvents.invoiceId, draft.id), eq(integrationEvents.type, "invoice.overdue")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({
      data: { invoiceId: draft.id, dueDate: "2026-01-05", openAmount: 5_950 },
    });
  });
});

describe("API keys and tenancy", () => {
  it("lets a webhooks:manage key manage endpoints, refuses others, and hides other locations' endpoints", async () => {
    await allowPrivate();
    const { key } = await createKey(t.database.db, shop, { scopes: ["webhooks:manage"] });
    const dms = keyClient(t.app, key);
    const created = await dms("POST", "/api/v1/settings/webhooks", {
      url: receiver.url("/by-key"),
      eventTypes: ["invoice.booked"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().endpoint.id;
    const { key: readOnly } = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    expect((await keyClient(t.app, readOnly)("GET", "/api/v1/settings/webhooks")).statusCode).toBe(403);
    // A key without events:read cannot read the feed.
    expect((await dms("GET", "/api/v1/events?after=0")).statusCode).toBe(403);

    const other = await createShop(t.database.db, "Other shop");
    const stranger = client(t.app, await signIn(t.app, other.staff.admin.email));
    expect((await stranger("GET", `/api/v1/settings/webhooks/${id}/deliveries`)).statusCode).toBe(404);
    expect((await stranger("PATCH", `/api/v1/settings/webhooks/${id}`, { enabled: false })).statusCode).toBe(
      404,
    );
    expect((await stranger("DELETE", `/api/v1/settings/webhooks/${id}`)).statusCode).toBe(404);
    expect((await stranger("POST", `/api/v1/settings/webhooks/${id}/test`)).statusCode).toBe(404);
    const [delivery] = await deliveriesOf(id);
    if (delivery) {
      expect(
        (await stranger("POST", `/api/v1/settings/webhooks/deliveries/${delivery.id}/resend`)).statusCode,
      ).toBe(404);
    }
    expect((await stranger("GET", "/api/v1/settings/webhooks")).json().endpoints).toEqual([]);
    // The feed carries payments: a technician's session may not read it, accounting's may.
    const technician = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect((await technician("GET", "/api/v1/events?after=0")).statusCode).toBe(403);
    expect((await accounting("GET", "/api/v1/events?after=0")).statusCode).toBe(200);
    // Staff below admin cannot see the webhooks.
    expect((await advisor("GET", "/api/v1/settings/webhooks")).statusCode).toBe(403);
    await dms("DELETE", `/api/v1/settings/webhooks/${id}`);
  });
});

describe("the pull feed", () => {
  it("returns the events in order after a cursor and long-polls until one arrives", async () => {
    const { key } = await createKey(t.database.db, shop, { scopes: ["events:read"] });
    const dms = keyClient(t.app, key);
    const { invoice, token } = await sentInvoice();
    await sandboxPay(token);
    // Read from the beginning, in pages of two.
    let cursor = "0";
    const types: string[] = [];
    const ids: string[] = [];
    for (;;) {
      const page = await dms("GET", `/api/v1/events?after=${cursor}&limit=2`);
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json();
      if (body.events.length === 0) {
        expect(body.nextCursor).toBe(cursor);
        break;
      }
      for (const e of body.events) {
        if (e.data.invoiceId === invoice.id) types.push(e.type);
        ids.push(e.id);
      }
      cursor = body.nextCursor;
    }
    expect(types).toEqual(["invoice.sent", "payment.received", "invoice.paid"]);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await t.database.db
      .select({ id: integrationEvents.id })
      .from(integrationEvents)
      .where(eq(integrationEvents.locationId, shop.locationId));
    // Every event of the location but the test events, each once.
    expect(ids.length).toBe(stored.length - (await testEventCount()));

    // Nothing new: a long poll waits; an event recorded meanwhile ends it early.
    // Over a real socket, as a DMS polls: the request's own end must not end the wait.
    address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const started = Date.now();
    const polled = fetch(`${address}/api/v1/events?after=${cursor}&wait=20`, {
      headers: { authorization: `Bearer ${key}` },
    }).then(async (r) => ({
      statusCode: r.status,
      body: (await r.json()) as { events: { type: string }[]; nextCursor: string },
    }));
    await new Promise((r) => setTimeout(r, 500));
    const delivered = await accounting("POST", `/api/v1/invoices/${invoice.id}/deliver`, {
      deliveredTo: "Fleet driver",
    });
    expect(delivered.statusCode, delivered.body).toBe(204);
    const woken = await polled;
    expect(woken.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(woken.body.events.map((e) => e.type)).toEqual(["invoice.delivered"]);
    // Booking closes the case: booked, then closed.
    await accounting("POST", `/api/v1/invoices/${invoice.id}/book`);
    const next = (await dms("GET", `/api/v1/events?after=${woken.body.nextCursor}`)).json();
    expect(next.events.map((e: { type: string }) => e.type)).toEqual(["invoice.booked", "invoice.closed"]);
    // A long poll with nothing to say ends after its wait.
    const quiet = Date.now();
    const empty = (await dms("GET", `/api/v1/events?after=${next.nextCursor}&wait=1`)).json();
    expect(empty.events).toEqual([]);
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(900);
  });

  it("tells of a pushed invoice sent at once (single and batch) with the DMS's externalId on every event", async () => {
    const dms = keyClient(
      t.app,
      (await createKey(t.database.db, shop, { scopes: ["invoices:write", "customers:write"] })).key,
    );
    const feed = keyClient(t.app, (await createKey(t.database.db, shop, { scopes: ["events:read"] })).key);
    const tag = Date.now().toString(36);
    const pushed = (n: string) => ({
      externalId: `WB-${tag}-${n}`,
      number: `RE-${tag}-${n}`,
      issueDate: "2026-11-20",
      currency: "EUR",
      customer: {
        externalId: `K-${tag}-${n}`,
        name: "Erika Mustermann",
        type: "private",
        email: `erika.${tag}.${n}@kunde.test`,
        language: "en",
      },
      lines: [{ description: "Inspection", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      totals: { net: 10_000, tax: 1900, gross: 11_900 },
      send: "immediately",
    });
    const single = pushed("single");
    const one = await dms("POST", "/api/v1/invoices", single);
    expect(one.statusCode, one.body).toBe(201);
    const batchItems = [pushed("b1"), pushed("b2")];
    const batch = await dms("POST", "/api/v1/invoices/batch", { invoices: batchItems });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json()).toMatchObject({ created: 2, refused: 0 });
    const all = [
      { id: one.json().id as string, item: single },
      ...batch
        .json()
        .results.map((r: { invoiceId: string }, i: number) => ({ id: r.invoiceId, item: batchItems[i]! })),
    ];
    // invoice.sent is in the outbox as soon as the push answered: written in its transaction.
    for (const { id } of all) {
      const sent = await t.database.db
        .select({ type: integrationEvents.type })
        .from(integrationEvents)
        .where(and(eq(integrationEvents.invoiceId, id), eq(integrationEvents.type, "invoice.sent")));
      expect(sent).toHaveLength(1);
    }
    // Paid through the sandbox provider from the link in the mail the push sent.
    for (const { item } of all) {
      const [mail] = await t.database.db
        .select()
        .from(mailMessages)
        .where(like(mailMessages.subject, `Invoice ${item.number} %`));
      await sandboxPay(mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]!);
    }
    const events: { type: string; data: { invoiceId: string; externalId: string | null } }[] = [];
    let cursor = "0";
    for (;;) {
      const page = (await feed("GET", `/api/v1/events?after=${cursor}&limit=500`)).json();
      if (page.events.length === 0) break;
      events.push(...page.events);
      cursor = page.nextCursor;
    }
    for (const { id, item } of all) {
      const mine = events.filter((e) => e.data.invoiceId === id);
      expect(mine.map((e) => e.type)).toEqual(["invoice.sent", "payment.received", "invoice.paid"]);
      for (const e of mine) expect(e.data.externalId).toBe(item.externalId);
    }
  });

  it("keeps the staff live stream as it was without a cursor", async () => {
    if (!address) address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const session = await signIn(t.app, shop.staff.admin.email);
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/events`, {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    controller.abort();
  });
});

async function testEventCount() {
  const rows = await t.database.db
    .select({ id: integrationEvents.id })
    .from(integrationEvents)
    .where(
      and(eq(integrationEvents.locationId, shop.locationId), eq(integrationEvents.type, "webhook.test")),
    );
  return rows.length;
}
