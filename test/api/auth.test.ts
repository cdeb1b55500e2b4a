import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey } from "../../src/app/support/auth/login-throttle";
import { loadConfig } from "../../src/config";
import { loginThrottles, staffUsers } from "../../src/db/schema";
import { newId } from "../../src/domain/ids";
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

  it("stores the language picked on the sign-in page on the account; without one the account keeps its own", async () => {
    const email = shop.staff.technician.email;
    // From an address of its own, so the per-address limit the next tests count stays untouched.
    const signInWith = (language?: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: "192.0.2.77",
        payload: { email, password, audience: "shop", ...(language ? { language } : {}) },
      });
    const languageOf = async () =>
      (await t.database.db.select().from(staffUsers).where(eq(staffUsers.email, email)))[0]!.language;
    const picked = await signInWith("de");
    expect(picked.statusCode).toBe(200);
    expect(picked.json().user.language).toBe("de");
    expect(await languageOf()).toBe("de");
    expect((await signInWith()).json().user.language).toBe("de");
    expect(await languageOf()).toBe("de");
    expect((await signInWith("en")).json().user.language).toBe("en");
    const bad = await signInWith("fr");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: "language" })]);
    expect(await languageOf()).toBe("en");
    // A portal account's choice is stored on it alike.
    const portal = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: "192.0.2.77",
      payload: { email: shop.portal.email, password, audience: "portal", language: "en" },
    });
    expect(portal.json().user.language).toBe("en");
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

describe("failed sign-ins per account", () => {
  let address = 0;
  /** Each attempt from an address of its own, with a forwarding header of its own: only the account is shared. */
  const attempt = (email: string, pw: string, options: { audience?: string; cookie?: string } = {}) => {
    address += 1;
    return t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: `198.51.${Math.floor(address / 250)}.${address % 250}`,
      headers: {
        "x-forwarded-for": `6.6.${Math.floor(address / 250)}.${address % 250}`,
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      payload: { email, password: pw, audience: options.audience ?? "shop" },
    });
  };
  const fail = async (email: string, times: number, audience = "shop") => {
    const codes: number[] = [];
    for (let i = 0; i < times; i++) codes.push((await attempt(email, `guess ${i}`, { audience })).statusCode);
    return codes;
  };
  /** A new staff user per test, so no test inherits another's attempts. */
  const newStaffEmail = async () => {
    const email = `throttle.${newId("staffUser").slice(-8).toLowerCase()}@shop.test`;
    const [advisor] = await t.database.db
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.id, shop.staff.service_advisor.id));
    await t.database.db.insert(staffUsers).values({ ...advisor!, id: newId("staffUser"), email });
    return email;
  };
  /** The lock's clock moved on by `seconds`, as if the attacker had waited. */
  const letTimePass = (email: string, seconds: number, audience = "shop") =>
    t.database.db
      .update(loginThrottles)
      .set({
        lockedUntil: sql`${loginThrottles.lockedUntil} - make_interval(secs => ${seconds})`,
        lastAttemptAt: sql`${loginThrottles.lastAttemptAt} - make_interval(secs => ${seconds})`,
      })
      .where(eq(loginThrottles.key, accountKey(audience, email)));

  it("locks an account after 10 failures from 10 different addresses, even against the right password", async () => {
    const email = await newStaffEmail();
    expect(await fail(email, 10)).toEqual(Array(10).fill(401));
    const locked = await attempt(email, password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["content-type"]).toContain("application/problem+json");
    expect(locked.json()).toMatchObject({
      type: "/problems/rate-limited",
      status: 429,
      detail: "Too many failed sign-ins for this email address. Try again in 1 minute.",
    });
    const retryAfter = Number(locked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("locks an unknown email exactly like a real one, so the lock tells nobody which accounts exist", async () => {
    const real = await newStaffEmail();
    const unknown = `nobody.${newId("staffUser").slice(-8).toLowerCase()}@shop.test`;
    const answers = [];
    for (const email of [real, unknown]) {
      expect(await fail(email, 10)).toEqual(Array(10).fill(401));
      const res = await attempt(email, password);
      answers.push({ status: res.statusCode, retryAfter: res.headers["retry-after"], body: res.json() });
    }
    const [a, b] = answers.map(({ body: { requestId: _, ...body }, ...rest }) => ({ ...rest, body }));
    expect(a!.status).toBe(429);
    expect(b).toEqual(a);
  });

  it("limits portal accounts the same way, apart from staff accounts", async () => {
    expect(await fail(shop.portal.email, 10, "portal")).toEqual(Array(10).fill(401));
    expect((await attempt(shop.portal.email, password, { audience: "portal" })).statusCode).toBe(429);
    await letTimePass(shop.portal.email, 60, "portal");
    expect((await attempt(shop.portal.email, password, { audience: "portal" })).statusCode).toBe(200);
  });

  it("lets the lock run out, then locks again at once for twice as long, capped at 15 minutes", async () => {
    const email = await newStaffEmail();
    await fail(email, 10);
    expect((await attempt(email, password)).statusCode).toBe(429);
    await letTimePass(email, 60);
    // One guess after each lock, each lock twice the one before: 2, 4, 8, then 15 minutes.
    for (const minutes of [2, 4, 8, 15, 15]) {
      expect((await attempt(email, "one more guess")).statusCode).toBe(401);
      const locked = await attempt(email, password);
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(minutes * 60 - 10);
      expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(minutes * 60);
      await letTimePass(email, minutes * 60);
    }
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it("starts counting afresh after a successful sign-in", async () => {
    const email = await newStaffEmail();
    expect(await fail(email, 9)).toEqual(Array(9).fill(401));
    expect((await attempt(email, password)).statusCode).toBe(200);
    expect(await fail(email, 9)).toEqual(Array(9).fill(401));
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it("keeps signing the owner in on a browser they used before while strangers have locked the account", async () => {
    const email = await newStaffEmail();
    const first = await attempt(email, password);
    const device = first.cookies.find((c) => c.name === "pitlane_device");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth/login" });
    const cookie = `pitlane_device=${device!.value}`;
    await fail(email, 10);
    expect((await attempt(email, password)).statusCode).toBe(429);
    expect((await attempt(email, password, { cookie })).statusCode).toBe(200);
    // The owner's success does not lift the strangers' lock, and a made-up cookie is no way round it.
    expect((await attempt(email, password)).statusCode).toBe(429);
    const madeUp = `pitlane_device=${"x".repeat(43)}`;
    expect((await attempt(email, password, { cookie: madeUp })).statusCode).toBe(429);
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
