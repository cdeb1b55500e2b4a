// An API key stands in for a staff session on the routes a DMS may call, holding only its scopes, and
// only for its own location.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/app/support/audit";
import { resolveApiKey } from "../../src/app/support/auth/api-keys";
import { apiKeys, auditEvents } from "../../src/db/schema";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let other: Shop;
let invoiceId: string;
let otherInvoiceId: string;

async function draftInvoice(s: Shop) {
  const staff = client(t.app, await signIn(t.app, s.staff.service_advisor.email));
  const res = await staff("POST", "/api/v1/invoices", {
    customerId: s.businessCustomerId,
    lines: [{ description: "Oil service", quantityMilli: 1000, unitPrice: 9900, taxRateBp: 1900 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db, "Key shop");
  other = await createShop(t.database.db, "Other shop");
  invoiceId = await draftInvoice(shop);
  otherInvoiceId = await draftInvoice(other);
});
afterAll(async () => t?.close());

describe("API keys", () => {
  it("reads its location's invoice with a key holding invoices:read, and records when it was last used", async () => {
    const { apiKey, key } = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    expect(key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.visiblePrefix).toBe(key.slice(0, 14));
    expect(apiKey.keyHash).not.toContain(key.slice(8));
    const res = await keyClient(t.app, key)("GET", `/api/v1/invoices/${invoiceId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(invoiceId);
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("answers 404 for another location's invoice", async () => {
    const { key } = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    const res = await keyClient(t.app, key)("GET", `/api/v1/invoices/${otherInvoiceId}`);
    expect(res.statusCode).toBe(404);
  });

  it("refuses an unknown, revoked or expired key with 401 problem+json", async () => {
    const { apiKey, key } = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    const unknown = await keyClient(t.app, `pl_live_${"x".repeat(43)}`)(
      "GET",
      `/api/v1/invoices/${invoiceId}`,
    );
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    await t.database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, apiKey.id));
    expect((await keyClient(t.app, key)("GET", `/api/v1/invoices/${invoiceId}`)).statusCode).toBe(401);
    const expiring = await createKey(t.database.db, shop, { scopes: ["invoices:read"] });
    await t.database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expiring.apiKey.id));
    expect((await keyClient(t.app, expiring.key)("GET", `/api/v1/invoices/${invoiceId}`)).statusCode).toBe(
      401,
    );
  });

  it("answers 403 naming the scope a key lacks, and 403 on a route that is for the apps only", async () => {
    const { key } = await createKey(t.database.db, shop, { scopes: ["events:read"] });
    const lacking = await keyClient(t.app, key)("GET", `/api/v1/invoices/${invoiceId}`);
    expect(lacking.statusCode).toBe(403);
    expect(lacking.json().detail).toContain("invoices:read");
    const full = await createKey(t.database.db, shop);
    const appsOnly = await keyClient(t.app, full.key)("GET", "/api/v1/users");
    expect(appsOnly.statusCode).toBe(403);
  });
});

describe("Settings → Integrations: API keys", () => {
  const admin = async (s: Shop = shop) => client(t.app, await signIn(t.app, s.staff.admin.email));
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

  it("creates a key through the API: the answer carries it once, the list never shows it or its hash", async () => {
    const api = await admin();
    const res = await api("POST", "/api/v1/settings/api-keys", {
      name: "WERBAS Filiale Mitte",
      scopes: ["invoices:read", "invoices:write", "invoices:read"],
      expiresAt: inAWeek(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: "WERBAS Filiale Mitte",
      visiblePrefix: created.key.slice(0, 14),
      scopes: ["invoices:read", "invoices:write"],
      status: "active",
      createdByName: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    const list = await api("GET", "/api/v1/settings/api-keys");
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ name: "WERBAS Filiale Mitte", status: "active" });
    expect(listed.key).toBeUndefined();
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toContain(created.key.slice(14));
    expect(list.body).not.toContain(row!.keyHash);
    // The key works where its scope is asked for.
    const read = await keyClient(t.app, created.key)("GET", `/api/v1/invoices/${invoiceId}`);
    expect(read.statusCode, read.body).toBe(200);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.id), eq(auditEvents.action, "create")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.data)).not.toContain(created.key);
  });

  it("is for admins only: other roles get 403", async () => {
    for (const role of ["service_advisor", "technician", "accounting", "parts"] as const) {
      const api = client(t.app, await signIn(t.app, shop.staff[role].email));
      expect((await api("GET", "/api/v1/settings/api-keys")).statusCode).toBe(403);
      const res = await api("POST", "/api/v1/settings/api-keys", { name: "X", scopes: ["invoices:read"] });
      expect(res.statusCode).toBe(403);
    }
  });

  it("refuses bad input with 422 naming the field", async () => {
    const api = await admin();
    const cases: [unknown, string][] = [
      [{ name: "  ", scopes: ["invoices:read"] }, "name"],
      [{ name: "DMS", scopes: ["invoices:delete"] }, "scopes.0"],
      [{ name: "DMS", scopes: [] }, "scopes"],
      [{ name: "DMS", scopes: ["invoices:read"], expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
      [{ name: "DMS", scopes: ["invoices:read"], expiresAt: "tomorrow" }, "expiresAt"],
      [{ scopes: ["invoices:read"] }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await api("POST", "/api/v1/settings/api-keys", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it("revokes a key: the key gets 401 from then on, a second revoke is 409", async () => {
    const api = await admin();
    const created = (
      await api("POST", "/api/v1/settings/api-keys", { name: "Old DMS", scopes: ["invoices:read"] })
    ).json();
    const dms = keyClient(t.app, created.key);
    expect((await dms("GET", `/api/v1/invoices/${invoiceId}`)).statusCode).toBe(200);
    const revoked = await api("POST", `/api/v1/settings/api-keys/${created.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: "revoked", revokedAt: expect.any(String) });
    expect((await dms("GET", `/api/v1/invoices/${invoiceId}`)).statusCode).toBe(401);
    const again = await api("POST", `/api/v1/settings/api-keys/${created.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.revokedById).toBe(shop.staff.admin.id);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.id), eq(auditEvents.action, "revoke")));
    expect(audit).toHaveLength(1);
  });

  it("lists a key past its expiry as expired, and a revoked one as revoked whatever its expiry", async () => {
    const api = await admin();
    const { apiKey } = await createKey(t.database.db, shop, { name: "Expired DMS" });
    await t.database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(apiKeys.id, apiKey.id));
    const statusOf = async () =>
      (await api("GET", "/api/v1/settings/api-keys"))
        .json()
        .items.find((k: { id: string }) => k.id === apiKey.id).status;
    expect(await statusOf()).toBe("expired");
    expect((await api("POST", `/api/v1/settings/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(200);
    expect(await statusOf()).toBe("revoked");
  });

  it("answers 404 for another location's key and refuses a key calling these routes", async () => {
    const { apiKey, key } = await createKey(t.database.db, other);
    const api = await admin();
    expect((await api("POST", `/api/v1/settings/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(404);
    const list = await api("GET", "/api/v1/settings/api-keys");
    expect(list.body).not.toContain(apiKey.id);
    expect((await keyClient(t.app, key)("GET", "/api/v1/settings/api-keys")).statusCode).toBe(403);
  });

  it("writes audit events by a key as actor kind api_key with the key's name", async () => {
    const { key } = await createKey(t.database.db, shop, { name: "WERBAS Filiale Mitte" });
    const actor = await resolveApiKey(t.database.db, key);
    expect(actor).not.toBeNull();
    await t.database.db.transaction((tx) =>
      recordAudit(tx, actor!, { entityType: "invoice", entityId: invoiceId, action: "book" }),
    );
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, invoiceId), eq(auditEvents.action, "book")));
    expect(event).toMatchObject({
      actorKind: "api_key",
      actorId: actor!.id,
      actorName: "WERBAS Filiale Mitte",
    });
  });

  it("names the key's kind in the histories people read, on the shop's side", async () => {
    const staff = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    const estimate = await staff("POST", "/api/v1/estimates", { unitId: shop.businessUnitId });
    expect(estimate.statusCode, estimate.body).toBe(201);
    const { key } = await createKey(t.database.db, shop, { name: "WERBAS Filiale Mitte" });
    const actor = (await resolveApiKey(t.database.db, key))!;
    await t.database.db.transaction((tx) =>
      recordAudit(tx, actor, { entityType: "estimate", entityId: estimate.json().id, action: "revise" }),
    );
    const read = await staff("GET", `/api/v1/estimates/${estimate.json().id}`);
    const history = read.json().history as { by: string; byKind: string; side: string; action: string }[];
    expect(history.find((h) => h.action === "create")).toMatchObject({ byKind: "staff", side: "shop" });
    expect(history.find((h) => h.action === "revise")).toMatchObject({
      by: "WERBAS Filiale Mitte",
      byKind: "api_key",
      side: "shop",
    });
  });
});

describe("rate limit per API key", () => {
  let limited: TestApp;
  let limitedShop: Shop;
  beforeAll(async () => {
    limited = await startTestApp({ API_KEY_RATE_LIMIT: "3" });
    limitedShop = await createShop(limited.database.db, "Limited shop");
  });
  afterAll(async () => limited?.close());

  it("answers 429 problem+json with Retry-After beyond the limit, per key, and never counts staff sessions", async () => {
    const first = await createKey(limited.database.db, limitedShop, { scopes: ["invoices:read"] });
    const second = await createKey(limited.database.db, limitedShop, { scopes: ["invoices:read"] });
    const url = "/api/v1/invoices/inv_missing";
    const dms = keyClient(limited.app, first.key);
    for (let i = 0; i < 3; i++) expect((await dms("GET", url)).statusCode).toBe(404);
    const refused = await dms("GET", url);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json().type).toContain("rate-limited");
    // Another key has a counter of its own.
    expect((await keyClient(limited.app, second.key)("GET", url)).statusCode).toBe(404);
    // A staff session on the same route is not limited by the key's rate.
    const staff = client(limited.app, await signIn(limited.app, limitedShop.staff.admin.email));
    for (let i = 0; i < 5; i++) expect((await staff("GET", url)).statusCode).toBe(404);
  });
});
