import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, password, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
});
afterAll(() => t.close());

describe("staff users", () => {
  it("lets an admin add a colleague who can then sign in with the given role", async () => {
    const res = await admin("POST", "/api/v1/users", {
      name: "Neu Berater",
      email: "neu@shop.test",
      role: "service_advisor",
      password,
    });
    expect(res.statusCode).toBe(201);
    const session = await signIn(t.app, "neu@shop.test");
    const me = (await client(t.app, session)("GET", "/api/v1/auth/session")).json();
    expect(me.user).toMatchObject({ role: "service_advisor", name: "Neu Berater" });
    const list = (await admin("GET", "/api/v1/users")).json().items;
    expect(list.map((u: { email: string }) => u.email)).toContain("neu@shop.test");
  });

  it("refuses a duplicate email and a short password", async () => {
    const dup = await admin("POST", "/api/v1/users", {
      name: "X",
      email: shop.staff.parts.email,
      role: "parts",
      password,
    });
    expect(dup.statusCode).toBe(409);
    const short = await admin("POST", "/api/v1/users", {
      name: "X",
      email: "x@shop.test",
      role: "parts",
      password: "short",
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe("password");
  });

  it("deactivating a user ends their session at once", async () => {
    const tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect((await tech("GET", "/api/v1/units")).statusCode).toBe(200);
    const res = await admin("PATCH", `/api/v1/users/${shop.staff.technician.id}`, { active: false });
    expect(res.json().active).toBe(false);
    expect((await tech("GET", "/api/v1/units")).statusCode).toBe(401);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: shop.staff.technician.email, password },
    });
    expect(again.statusCode).toBe(401);
  });

  it("does not let an admin lock themselves out", async () => {
    const res = await admin("PATCH", `/api/v1/users/${shop.staff.admin.id}`, { role: "parts" });
    expect(res.statusCode).toBe(422);
  });

  it("is for admins only", async () => {
    const advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    expect((await advisor("GET", "/api/v1/users")).statusCode).toBe(403);
    expect(
      (await advisor("POST", "/api/v1/users", { name: "X", email: "y@shop.test", role: "admin", password }))
        .statusCode,
    ).toBe(403);
  });
});
