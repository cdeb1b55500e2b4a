// What every request meets before a route: who is calling, then whether its text is text at all.
// Found by a probe of every endpoint (issue #12): NUL bytes and lone surrogates reached PostgreSQL
// and came back as 500s; a bad body from a stranger was answered 400 before 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop } from "../support/fixtures";

let t: TestApp;
let advisor: Client;
beforeAll(async () => {
  t = await startTestApp();
  const shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
});
afterAll(() => t.close());

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe("text that is not text", () => {
  it("refuses a NUL byte in a sign-in with a 400 naming the field", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "a\u0000b@x.test", password: "x", audience: "shop" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(fieldsOf(res.json())).toEqual(["email"]);
  });

  it("refuses a NUL byte in a list's search", async () => {
    const res = await advisor("GET", "/api/v1/customers?q=a%00b");
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(["q"]);
  });

  it("refuses a lone surrogate deep in a JSON body, and writes nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/customers",
      headers: {
        ...(await advisorHeaders()),
        "content-type": "application/json",
      },
      // A JSON escape of half an emoji: valid JSON, not valid text.
      payload: '{"type":"private","lastName":"Broken \\ud83d name"}',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(["lastName"]);
    const found = (await advisor("GET", "/api/v1/customers?q=Broken")).json();
    expect(found.total).toBe(0);
  });

  it("still takes real text: emoji and umlauts", async () => {
    const res = await advisor("POST", "/api/v1/customers", { type: "private", lastName: "Müller 🚗" });
    expect(res.statusCode).toBe(201);
  });
});

describe("dates", () => {
  it("refuses a day that does not exist with a 400, not a 500", async () => {
    const res = await advisor("GET", "/api/v1/booking-slots?date=2026-02-30");
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(["date"]);
    expect((await advisor("GET", "/api/v1/booking-slots?date=2028-02-29")).statusCode).toBe(200);
  });
});

describe("requests Node cannot read", () => {
  it("answers headers too large with a 431 problem", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const res = await fetch(`${address}/api/v1/customers`, {
      headers: { cookie: `x=${"a".repeat(40_000)}` },
    });
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "/problems/headers-too-large", status: 431 });
  });
});

describe("who before what", () => {
  it("answers a stranger's bad body with 401, not a 400 that describes the schema", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/customers", payload: { type: 42 } });
    expect(res.statusCode).toBe(401);
  });
});

let headers: Record<string, string> | undefined;
async function advisorHeaders(): Promise<Record<string, string>> {
  if (headers) return headers;
  const shop = await createShop(t.database.db, "Headers shop");
  const session = await signIn(t.app, shop.staff.service_advisor.email);
  headers = { cookie: session.cookie, "x-csrf-token": session.csrfToken };
  return headers;
}
