// An API key stands in for a staff session on the routes a DMS may call, holding only its scopes, and
// only for its own location.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../src/db/schema";
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
