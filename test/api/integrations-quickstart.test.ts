// docs/integrations.md must stay true: its quickstart's JSON bodies (fenced ```json blocks under a
// `<!-- quickstart:NAME STATUS -->` marker) are sent as written to a test app with an API key, and
// each must get the status the guide promises. The only substitution is the webhook URL, which
// points at a receiver on loopback (the guide's host does not resolve here).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import type { Client } from "../support/client";
import { createShop } from "../support/fixtures";
import { type Receiver, startReceiver } from "../support/webhook-receiver";

interface Block {
  status: number;
  body: Record<string, unknown>;
}

/** The guide's marked blocks by name. */
function quickstartBlocks(markdown: string): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const marker = /<!-- quickstart:([a-z-]+) (\d{3}) -->\s*```json\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(marker)) {
    blocks.set(m[1]!, { status: Number(m[2]), body: JSON.parse(m[3]!) });
  }
  return blocks;
}

const guide = readFileSync(path.join(__dirname, "../../docs/integrations.md"), "utf8");
const blocks = quickstartBlocks(guide);
function block(name: string): Block {
  const found = blocks.get(name);
  if (!found) throw new Error(`docs/integrations.md has no <!-- quickstart:${name} … --> json block`);
  return found;
}

// CAPTURE=1 writes the real answers to /tmp/quickstart-answers.json (to copy into the guide).
const answers: Record<string, unknown> = {};
function keep(name: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {}
  answers[name] = { status: res.statusCode, headers: res.headers, body };
}

let t: TestApp;
let receiver: Receiver;
let dms: Client;
let key = "";

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp({
    PAYMENT_SANDBOX_SECRET: "sandbox-secret-for-tests",
    WEBHOOK_RETRY_BASE_MS: "150",
    WEBHOOK_MAX_DELAY_MS: "600",
  });
  const shop = await createShop(t.database.db, "Quickstart shop");
  key = (await createKey(t.database.db, shop, { name: "DMS quickstart" })).key;
  dms = keyClient(t.app, key, { "idempotency-key": "2b7e1b52-6a52-4a8e-9d0e-1f6b8f0c6a11" });
});
afterAll(async () => {
  if (process.env.CAPTURE === "1")
    writeFileSync("/tmp/quickstart-answers.json", JSON.stringify(answers, null, 2));
  await t?.close();
  await receiver?.close();
});

describe("docs/integrations.md quickstart", () => {
  let invoiceId = "";

  it("has every block the test sends", () => {
    expect([...blocks.keys()].sort()).toEqual(["batch", "policy", "push", "webhook"]);
  });

  it("names only operations the API has, open to API keys", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const calls = [...guide.matchAll(/curl -s (?:-X ([A-Z]+) )?"\$PITLANE(\/api\/v1\/[^"?]*)/g)];
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const [, method = "GET", url] of calls) {
      // $INVOICE_ID stands for a path parameter.
      const template = url!.replace(/\$[A-Z_]+/g, "{id}");
      const operation = document.paths[template]?.[method.toLowerCase()];
      expect(operation, `${method} ${template}`).toBeDefined();
      expect(JSON.stringify(operation!.security), `${method} ${template}`).toContain("apiKey");
    }
  });

  it("registers a webhook endpoint and gets its secret once", async () => {
    const policy = block("policy");
    const allowed = await dms("PUT", "/api/v1/settings/webhooks/policy", policy.body);
    keep("policy", allowed);
    expect(allowed.statusCode, allowed.body).toBe(policy.status);
    const hook = block("webhook");
    const created = await dms("POST", "/api/v1/settings/webhooks", {
      ...hook.body,
      url: receiver.url("/pitlane/webhooks"),
    });
    keep("webhook", created);
    expect(created.statusCode, created.body).toBe(hook.status);
    expect(created.json().secret).toMatch(/^whsec_/);
    secret = created.json().secret;
  });
  let secret = "";

  it("pushes the invoice; a retry under the same Idempotency-Key gets the first answer", async () => {
    const push = block("push");
    const first = await dms("POST", "/api/v1/invoices", push.body);
    keep("push", first);
    expect(first.statusCode, first.body).toBe(push.status);
    invoiceId = first.json().id;
    const retry = await dms("POST", "/api/v1/invoices", push.body);
    keep("push-retry", retry);
    expect(retry.statusCode).toBe(push.status);
    expect(retry.json().id).toBe(invoiceId);
    // The same Idempotency-Key with another body is refused.
    const otherBody = await dms("POST", "/api/v1/invoices", { ...push.body, note: "changed" });
    expect(otherBody.statusCode, otherBody.body).toBe(422);
    expect(otherBody.json().errors[0].field).toBe("Idempotency-Key");
    // The same externalId under a new key is a conflict naming the invoice.
    const again = await keyClient(t.app, key, { "idempotency-key": "another" })(
      "POST",
      "/api/v1/invoices",
      push.body,
    );
    keep("push-409", again);
    expect(again.statusCode).toBe(409);
  });

  it("reads it back by externalId", async () => {
    const externalId = String(block("push").body.externalId);
    const res = await dms("GET", `/api/v1/invoices?externalId=${encodeURIComponent(externalId)}`);
    keep("read", res);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([invoiceId]);
  });

  it("delivers invoice.sent signed, as the guide's snippet verifies it", async () => {
    const [delivery] = await receiver.waitFor("/pitlane/webhooks", 1);
    answers.webhookDelivery = { headers: delivery!.headers, body: JSON.parse(delivery!.body) };
    const event = new Webhook(secret).verify(delivery!.body, {
      "webhook-id": String(delivery!.headers["webhook-id"]),
      "webhook-timestamp": String(delivery!.headers["webhook-timestamp"]),
      "webhook-signature": String(delivery!.headers["webhook-signature"]),
    }) as { type: string; data: { invoiceId: string } };
    expect(event.type).toBe("invoice.sent");
    expect(event.data.invoiceId).toBe(invoiceId);
  });

  it("the customer pays on the payment page; the DMS books it; the feed tells it all in order", async () => {
    // The payment request mail carries the payment page's link.
    const mails = await t.database.db.select().from(mailMessages);
    const token = mails.map((m) => m.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)?.[1]).find(Boolean)!;
    const checkout = await t.app.inject({
      method: "POST",
      url: `/api/v1/pay/${token}/checkout`,
      payload: { method: "card" },
    });
    expect(checkout.statusCode, checkout.body).toBe(200);
    const paid = await t.app.inject({
      method: "POST",
      url: new URL(checkout.json().url).pathname,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ method: "card", card: "4242 4242 4242 4242" }).toString(),
    });
    expect(paid.statusCode).toBe(303);
    const booked = await dms("POST", `/api/v1/invoices/${invoiceId}/book`);
    keep("book", booked);
    expect(booked.statusCode, booked.body).toBe(204);
    const feed = await dms("GET", "/api/v1/events?after=0&wait=30");
    keep("feed", feed);
    expect(feed.statusCode).toBe(200);
    expect(feed.json().events.map((e: { type: string }) => e.type)).toEqual([
      "invoice.sent",
      "payment.received",
      "invoice.paid",
      "invoice.booked",
    ]);
    answers.webhooks = receiver.received.map((r) => JSON.parse(r.body));
    const next = await dms("GET", `/api/v1/events?after=${feed.json().nextCursor}&wait=0`);
    expect(next.json().events).toEqual([]);
  });

  it("pushes the batch: each invoice created or refused on its own", async () => {
    const batch = block("batch");
    const res = await keyClient(t.app, key, { "idempotency-key": "batch-2026-12-03-01" })(
      "POST",
      "/api/v1/invoices/batch",
      batch.body,
    );
    keep("batch", res);
    expect(res.statusCode, res.body).toBe(batch.status);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(["created", "refused"]);
  });

  it("answers errors as the guide shows them", async () => {
    const push = block("push").body;
    const expectProblem = (name: string, res: Awaited<ReturnType<Client>>, status: number, type: string) => {
      keep(name, res);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().type).toBe(type);
    };
    expectProblem(
      "401",
      await keyClient(t.app, "pl_live_wrong")("GET", `/api/v1/invoices/${invoiceId}`),
      401,
      "/problems/unauthenticated",
    );
    const other = await createShop(t.database.db, "Other shop");
    const readOnly = (await createKey(t.database.db, other, { scopes: ["invoices:read"] })).key;
    expectProblem(
      "403",
      await keyClient(t.app, readOnly)("POST", `/api/v1/invoices/${invoiceId}/book`),
      403,
      "/problems/forbidden",
    );
    expectProblem("403-apps", await dms("GET", "/api/v1/users"), 403, "/problems/forbidden");
    // Another location's invoice does not exist for this key.
    expectProblem(
      "404",
      await keyClient(t.app, readOnly)("GET", `/api/v1/invoices/${invoiceId}`),
      404,
      "/problems/not-found",
    );
    const wrongTotals = { ...push, externalId: "WB-2026-9", totals: { net: 1, tax: 0, gross: 1 } };
    const refused = await keyClient(t.app, key, { "idempotency-key": "wrong-totals" })(
      "POST",
      "/api/v1/invoices",
      wrongTotals,
    );
    expectProblem("422", refused, 422, "/problems/validation");
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain("totals.net");
    const big = {
      ...push,
      externalId: "WB-2026-10",
      pdf: { fileName: "big.pdf", contentBase64: "A".repeat(17 * 1024 * 1024) },
    };
    keep("413", await dms("POST", "/api/v1/invoices", big));
    expect((answers["413"] as { status: number }).status).toBe(413);
  });
});
