import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, password, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_RATE_LIMIT: "5" });
  shop = await createShop(t.database.db);
});
afterAll(() => t.close());

const login = (email: string, pw: string, audience = "shop") =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: pw, audience } });

describe("sign-in", () => {
  it("signs a staff user in with an HttpOnly, SameSite=Lax session cookie and returns who they are", async () => {
    const res = await login(shop.staff.service_advisor.email.toUpperCase(), password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "pitlane_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43);
    const body = res.json();
    expect(body.user).toMatchObject({
      kind: "staff",
      role: "service_advisor",
      email: shop.staff.service_advisor.email,
    });
    expect(body.user.permissions).toContain("customers:write");
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await login(shop.staff.admin.email, "not the password");
    const unknown = await login("nobody@nowhere.test", password);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({
        type: "/problems/unauthenticated",
        detail: "Email or password is wrong.",
      });
    }
  });

  it("keeps the shop and the portal apart", async () => {
    expect((await login(shop.portal.email, password, "shop")).statusCode).toBe(401);
    expect((await login(shop.staff.admin.email, password, "portal")).statusCode).toBe(401);
    const portal = await login(shop.portal.email, password, "portal");
    expect(portal.statusCode).toBe(200);
    expect(portal.json().user).toMatchObject({ kind: "portal", customerId: shop.businessCustomerId });
  });

  it("signs out: the cookie stops working", async () => {
    const session = await signIn(t.app, shop.staff.technician.email);
    const api = client(t.app, session);
    expect((await api("GET", "/api/v1/auth/session")).statusCode).toBe(200);
    expect((await api("POST", "/api/v1/auth/logout")).statusCode).toBe(204);
    const after = await api("GET", "/api/v1/auth/session");
    expect(after.statusCode).toBe(401);
  });

  it("remembers the user's language", async () => {
    const api = client(t.app, await signIn(t.app, shop.staff.parts.email));
    expect((await api("PATCH", "/api/v1/auth/me", { language: "de" })).json().user.language).toBe("de");
    expect((await api("GET", "/api/v1/auth/session")).json().user.language).toBe("de");
    expect((await api("PATCH", "/api/v1/auth/me", { language: "fr" })).statusCode).toBe(400);
  });

  it("rate-limits repeated attempts for one address", async () => {
    const email = shop.staff.accounting.email;
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login(email, `guess ${i}`)).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await login(email, password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().type).toBe("/problems/rate-limited");
  });
});

describe("client addresses", () => {
  it("ignores a forged X-Forwarded-For: a new header per attempt does not escape the limit", async () => {
    const email = shop.staff.parts.email;
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": `6.6.6.${i}` },
        payload: { email, password: `guess ${i}`, audience: "shop" },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it("believes the proxies TRUST_PROXY names, and no one else", async () => {
    const behind = await startTestApp({ TRUST_PROXY: "127.0.0.1" });
    try {
      behind.app.get("/whoami", { config: { access: "public" } }, async (request) => ({ ip: request.ip }));
      const forwarded = { "x-forwarded-for": "203.0.113.7" };
      const fromProxy = await behind.app.inject({
        url: "/whoami",
        headers: forwarded,
        remoteAddress: "127.0.0.1",
      });
      expect(fromProxy.json().ip).toBe("203.0.113.7");
      const fromElsewhere = await behind.app.inject({
        url: "/whoami",
        headers: forwarded,
        remoteAddress: "198.51.100.9",
      });
      expect(fromElsewhere.json().ip).toBe("198.51.100.9");
    } finally {
      await behind.close();
    }
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/hop count/);
    expect(loadConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
  });
});

describe("CSRF protection", () => {
  it("refuses a cookie-authenticated change without the session's token", async () => {
    const session = await signIn(t.app, shop.staff.admin.email);
    const payload = { type: "private", lastName: "Forged" };
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/v1/customers",
      headers: { cookie: session.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().type).toBe("/problems/csrf");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/customers",
      headers: { cookie: session.cookie, "x-csrf-token": "x".repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const list = await client(t.app, session)("GET", "/api/v1/customers?q=Forged");
    expect(list.json().total).toBe(0);
  });

  it("refuses another session's token", async () => {
    const a = await signIn(t.app, shop.staff.admin.email);
    const b = await signIn(t.app, shop.staff.service_advisor.email);
    const res = await client(t.app, { cookie: a.cookie, csrfToken: b.csrfToken })(
      "POST",
      "/api/v1/customers",
      {
        type: "private",
        lastName: "Mixed",
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe("security headers", () => {
  it("sends a content security policy without inline scripts", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});
