// What every answer tells the browser (issue #12): a content security policy that allows only our
// own scripts and no framing, no MIME sniffing, no referrer (a mailed link's token is in the
// address), and — when Pitlane is served over https (PUBLIC_URL) — HSTS and Secure cookies. Over
// plain http (a workshop PC on localhost) neither, or the browser would refuse the site and the
// cookie. The session cookie is HttpOnly and SameSite whichever way it is set or cleared, and pages
// and API answers addressed by a mailed token stay out of every cache.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { like } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { mailMessages } from "../../src/db/schema";
import { buildServer } from "../../src/http/server";
import { bossQueue } from "../../src/jobs/queue";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { uploadFile } from "../support/upload";

let t: TestApp;
let shop: Shop;
let webRoot: string;
const servers: Record<"https" | "http", FastifyInstance> = {} as never;

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  webRoot = await mkdtemp(path.join(os.tmpdir(), "pitlane-web-"));
  await writeFile(path.join(webRoot, "index.html"), "<!doctype html><title>Pitlane</title>");
  await writeFile(path.join(webRoot, "pay.html"), "<!doctype html><title>Pay</title>");
  for (const [scheme, publicUrl] of [
    ["https", "https://service.example-shop.de"],
    ["http", "http://localhost:3000"],
  ] as const) {
    servers[scheme] = await buildServer({
      db: t.database.db,
      queue: bossQueue(t.boss),
      config: loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: publicUrl }),
      hub: { subscribe: () => () => {}, stop: async () => {} },
      logger: false,
      webRoot,
    });
  }
});
afterAll(async () => {
  for (const server of Object.values(servers)) await server.close();
  await t.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers["content-security-policy"] ?? "");
  return new Map(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** A shop page, an API answer, a problem, a payment page and the docs: each kind of answer. */
const samples = ["/shop/invoices", "/api/v1/auth/session", "/healthz", `/pay/${"t".repeat(43)}`];

const setCookies = (res: LightMyRequestResponse) => {
  const raw = res.headers["set-cookie"];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((c) => c.startsWith("pitlane_session="));
};
const attributes = (cookie: string) =>
  new Set(
    cookie
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase()),
  );

async function signInAndOut(server: FastifyInstance) {
  const login = await server.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: shop.staff.admin.email, password: "correct horse battery staple", audience: "shop" },
  });
  expect(login.statusCode, login.body).toBe(200);
  const [cookie] = setCookies(login);
  const session = { cookie: cookie!.split(";")[0]!, csrfToken: login.json().csrfToken as string };
  const logout = await client(server, session)("POST", "/api/v1/auth/logout");
  expect(logout.statusCode).toBe(204);
  return { set: cookie!, cleared: setCookies(logout)[0]! };
}

describe.each(["https", "http"] as const)("served over %s", (scheme) => {
  const secure = scheme === "https";

  it("sends a content security policy of our own origin only, which no one may frame", async () => {
    for (const url of samples) {
      const res = await servers[scheme].inject({ url });
      const csp = directives(res);
      expect(csp.get("default-src"), url).toEqual(["'self'"]);
      expect(csp.get("script-src"), url).toEqual(["'self'"]);
      expect(csp.get("object-src"), url).toEqual(["'none'"]);
      expect(csp.get("base-uri"), url).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors"), url).toEqual(["'none'"]);
      expect(csp.get("form-action"), url).toEqual(["'self'"]);
      // Over https every subresource is upgraded; over http there is nothing to upgrade to.
      expect(csp.has("upgrade-insecure-requests"), url).toBe(secure);
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      // A payment or estimate page's address holds its token: no other site may learn it.
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["cross-origin-opener-policy"], url).toBe("same-origin");
    }
  });

  it(secure ? "sends HSTS for a year, subdomains included" : "sends no HSTS over plain http", async () => {
    for (const url of samples) {
      const res = await servers[scheme].inject({ url });
      const hsts = res.headers["strict-transport-security"];
      if (!secure) expect(hsts, url).toBeUndefined();
      else {
        expect(hsts, url).toMatch(/max-age=(\d+)/);
        expect(Number(/max-age=(\d+)/.exec(String(hsts))![1]), url).toBeGreaterThanOrEqual(31_536_000);
        expect(String(hsts), url).toContain("includeSubDomains");
      }
    }
  });

  it(`sets and clears the session cookie HttpOnly, SameSite=Lax${secure ? " and Secure" : ", not Secure"}`, async () => {
    const { set, cleared } = await signInAndOut(servers[scheme]);
    for (const cookie of [set, cleared]) {
      const attrs = attributes(cookie);
      expect(attrs, cookie).toContain("httponly");
      expect(attrs, cookie).toContain("samesite=lax");
      expect(attrs, cookie).toContain("path=/");
      expect(attrs.has("secure"), cookie).toBe(secure);
    }
    expect(attributes(set), set).toContain("max-age=43200");
  });
});

describe("answers addressed by a mailed token", () => {
  const token = "t".repeat(43);

  it("serves the pages of mailed links no-store (payment, booking, estimate, extension)", async () => {
    for (const url of [`/pay/${token}`, `/b/${token}`, `/e/${token}`, `/x/${token}`]) {
      const res = await servers.https.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toContain("text/html");
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    // The app's other pages are revalidated, not kept from the cache.
    expect((await servers.https.inject({ url: "/shop/invoices" })).headers["cache-control"]).toBe("no-cache");
  });

  it("keeps the API's answers out of caches: what a payment link shows, and every other answer", async () => {
    const { token } = await sentInvoiceWithLogo();
    for (const url of [`/api/v1/pay/${token}`, `/api/v1/pay/${token}/logo`, `/api/v1/pay/${token}/pdf`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toContain("no-store");
    }
    for (const url of [`/api/v1/links/estimate/${token}`, `/api/v1/links/booking/${token}`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["cache-control"], url).toContain("no-store");
    }
    const staff = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const list = await staff("GET", "/api/v1/customers");
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toContain("no-store");
  });
});

/** An issued invoice sent to the customer, of a shop with a logo; returns its payment-page token. */
async function sentInvoiceWithLogo() {
  const session = await signIn(t.app, shop.staff.admin.email);
  const admin = client(t.app, session);
  const logo = await sharp({ create: { width: 300, height: 100, channels: 4, background: "#1864ab" } })
    .png()
    .toBuffer();
  const logoRoute = { method: "PUT", url: "/api/v1/settings/logo", field: "logo" } as const;
  const uploaded = await uploadFile(t.app, session, logoRoute, logo, "logo.png", "image/png");
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  const draft = (
    await admin("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    })
  ).json();
  const invoice = (await admin("POST", `/api/v1/invoices/${draft.id}/issue`)).json();
  const sent = await admin("POST", `/api/v1/invoices/${invoice.id}/send`, { to: "fleet@customer.test" });
  expect(sent.statusCode, sent.body).toBe(200);
  const [mail] = await t.database.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.subject, `%${invoice.number}%`));
  return { token: mail!.text.match(/\/pay\/([A-Za-z0-9_-]{43})/)![1]! };
}
