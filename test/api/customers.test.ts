import { and, asc, eq, ilike, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let advisor: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
});
afterAll(() => t.close());

describe("customers", () => {
  it("creates a business customer with its settings and finds it by search", async () => {
    const res = await advisor("POST", "/api/v1/customers", {
      type: "business",
      companyName: "  Baustoffe Nord GmbH ",
      email: "Einkauf@Baustoffe-Nord.TEST",
      city: "Hamburg",
      vatId: "DE111222333",
      language: "en",
      requiresInvoiceAuthorisation: true,
      paymentTermsDays: 30,
      payOnAccount: true,
      phone: "",
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      displayName: "Baustoffe Nord GmbH",
      email: "einkauf@baustoffe-nord.test",
      phone: null,
      requiresInvoiceAuthorisation: true,
      paymentTermsDays: 30,
      payOnAccount: true,
      version: 1,
      unitCount: 0,
    });
    const found = (await advisor("GET", "/api/v1/customers?q=baustoffe")).json();
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect((await advisor("GET", "/api/v1/customers?q=hamburg&type=private")).json().total).toBe(0);
    expect((await advisor("GET", `/api/v1/customers/${created.id}`)).json().city).toBe("Hamburg");
  });

  it("never extends pay on account to a private customer", async () => {
    const res = await advisor("POST", "/api/v1/customers", {
      type: "private",
      lastName: "Kredit",
      payOnAccount: true,
      vatId: "X",
    });
    expect(res.json()).toMatchObject({ payOnAccount: false, vatId: null });
  });

  it("treats % and _ in a search as plain characters", async () => {
    await advisor("POST", "/api/v1/customers", { type: "private", lastName: "100% Sicher" });
    const total = async (q: string) =>
      (await advisor("GET", `/api/v1/customers?q=${encodeURIComponent(q)}`)).json().total;
    expect(await total("100%")).toBe(1);
    expect(await total("% S")).toBe(1);
    // Short searches match the start of a name: a wildcard would match every customer.
    expect(await total("%")).toBe(0);
    expect(await total("_")).toBe(0);
    expect(await total("10")).toBe(1);
  });

  it("matches anywhere from three characters on, and the start of a name below that", async () => {
    const created = (
      await advisor("POST", "/api/v1/customers", {
        type: "business",
        companyName: "Quirinus Kranverleih",
        firstName: "Xaver",
        lastName: "Yilmaz",
        phone: "+49 40 5550123",
      })
    ).json();
    const ids = async (q: string) =>
      (await advisor("GET", `/api/v1/customers?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    for (const q of ["kranver", "RINUS", "Xaver Yil", "5550123", "qu", "Q"])
      expect(await ids(q)).toContain(created.id);
    for (const q of ["ra", "ir"]) expect(await ids(q), q).not.toContain(created.id);
  });

  it("counts each customer's units on the list and the customer's page", async () => {
    const customer = (
      await advisor("POST", "/api/v1/customers", { type: "private", lastName: "Zweiwagen" })
    ).json();
    for (const plate of ["HH-ZW 1", "HH-ZW 2"])
      await advisor("POST", "/api/v1/units", { customerId: customer.id, plate, make: "VW", model: "Up" });
    expect((await advisor("GET", `/api/v1/customers/${customer.id}`)).json().unitCount).toBe(2);
    const listed = (await advisor("GET", "/api/v1/customers?q=Zweiwagen")).json().items;
    expect(listed.map((c: { unitCount: number }) => c.unitCount)).toEqual([2]);
  });

  it("pages through results", async () => {
    for (let i = 0; i < 3; i++)
      await advisor("POST", "/api/v1/customers", { type: "private", lastName: `Seite ${i}` });
    const page = (await advisor("GET", "/api/v1/customers?q=Seite&limit=2&offset=2")).json();
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].displayName).toBe("Seite 2");
  });

  it("counts up to 10,000 matches and says there are more, so a large shop's list stays fast", async () => {
    const big = await createShop(t.database.db, "Big shop");
    await t.database.db.execute(sql`
      insert into customers (id, organisation_id, location_id, type, display_name)
      select 'cus_bulk' || n, ${big.organisationId}, ${big.locationId}, 'private', 'Kunde ' || n
      from generate_series(1, 10005) n`);
    const bigAdvisor = client(t.app, await signIn(t.app, big.staff.service_advisor.email));
    const all = (await bigAdvisor("GET", "/api/v1/customers?limit=25&offset=9975")).json();
    expect(all).toMatchObject({ total: 10_000, totalCapped: true });
    expect(all.items).toHaveLength(25);
    const some = (await bigAdvisor("GET", "/api/v1/customers?q=Kunde%20999")).json();
    expect(some).toMatchObject({ total: 11, totalCapped: false });
    // A search matching everyone pages like the list itself: read in order near the top, sorted deeper.
    const ids = (list: { items: { id: string }[] }) => list.items.map((c) => c.id);
    const kunden = (
      await t.database.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.locationId, big.locationId), ilike(customers.displayName, "%kunde%")))
        .orderBy(asc(customers.displayName), asc(customers.id))
    ).map((c) => c.id);
    const broad = (await bigAdvisor("GET", "/api/v1/customers?q=kunde&limit=25")).json();
    expect(broad).toMatchObject({ total: 10_000, totalCapped: true });
    expect(ids(broad)).toEqual(kunden.slice(0, 25));
    const deep = (await bigAdvisor("GET", "/api/v1/customers?q=kunde&limit=25&offset=9975")).json();
    expect(ids(deep)).toEqual(kunden.slice(9975, 10_000));
  });

  it("answers bad input with problem+json naming each field", async () => {
    const res = await advisor("POST", "/api/v1/customers", {
      type: "private",
      email: "not-an-email",
      paymentTermsDays: 400,
      country: "Germany",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json();
    expect(problem.type).toBe("/problems/validation");
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "country",
      "email",
      "paymentTermsDays",
    ]);
  });

  it("requires a last name for a person and a company name for a business", async () => {
    const person = await advisor("POST", "/api/v1/customers", { type: "private", firstName: "Nur" });
    expect(person.statusCode).toBe(422);
    expect(person.json().errors).toEqual([{ field: "lastName", message: "Enter the last name." }]);
    const business = await advisor("POST", "/api/v1/customers", { type: "business" });
    expect(business.json().errors[0].field).toBe("companyName");
  });

  it("answers malformed JSON with a 400 problem, not a 500", async () => {
    const session = await signIn(t.app, shop.staff.service_advisor.email);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/customers",
      headers: {
        "content-type": "application/json",
        cookie: session.cookie,
        "x-csrf-token": session.csrfToken,
      },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toMatch(/^\/problems\//);
  });

  it("updates with optimistic concurrency: the second of two edits from the same version gets 409", async () => {
    const { id } = (
      await advisor("POST", "/api/v1/customers", { type: "private", lastName: "Zweimal" })
    ).json();
    const first = await advisor("PATCH", `/api/v1/customers/${id}`, { version: 1, phone: "+49 30 1" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ phone: "+49 30 1", version: 2 });
    const second = await advisor("PATCH", `/api/v1/customers/${id}`, { version: 1, phone: "+49 30 2" });
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toBe("/problems/stale-version");
    expect((await advisor("GET", `/api/v1/customers/${id}`)).json().phone).toBe("+49 30 1");
  });

  it("changes only the fields a PATCH names, never resetting the others to their defaults", async () => {
    const created = (
      await advisor("POST", "/api/v1/customers", {
        type: "business",
        companyName: "Keep GmbH",
        language: "en",
        country: "AT",
        requiresInvoiceAuthorisation: true,
        paymentTermsDays: 30,
        payOnAccount: true,
      })
    ).json();
    const patched = await advisor("PATCH", `/api/v1/customers/${created.id}`, {
      version: created.version,
      email: "accounts@keep.test",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      email: "accounts@keep.test",
      language: "en",
      country: "AT",
      requiresInvoiceAuthorisation: true,
      paymentTermsDays: 30,
      payOnAccount: true,
    });
  });

  it("turns a customer into a business and renames it", async () => {
    const { id } = (
      await advisor("POST", "/api/v1/customers", { type: "private", lastName: "Einzel" })
    ).json();
    const res = await advisor("PATCH", `/api/v1/customers/${id}`, {
      version: 1,
      type: "business",
      companyName: "Einzel & Söhne KG",
    });
    expect(res.json()).toMatchObject({ displayName: "Einzel & Söhne KG", type: "business" });
  });

  it("does not let a technician create or edit customers", async () => {
    const tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
    const res = await tech("POST", "/api/v1/customers", { type: "private", lastName: "Nope" });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe("/problems/forbidden");
    expect((await tech("GET", "/api/v1/customers")).statusCode).toBe(200);
  });

  it("creates a portal login and mails the person where to sign in, without the password", async () => {
    const res = await advisor("POST", `/api/v1/customers/${shop.businessCustomerId}/portal-accounts`, {
      name: "Dispo Fleet",
      email: "dispo@fleet.test",
      password: "a long enough password",
    });
    expect(res.statusCode).toBe(201);
    const list = (
      await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}/portal-accounts`)
    ).json();
    expect(list.items.map((a: { email: string }) => a.email)).toContain("dispo@fleet.test");
    const dup = await advisor("POST", `/api/v1/customers/${shop.businessCustomerId}/portal-accounts`, {
      name: "Again",
      email: "DISPO@fleet.test",
      password: "a long enough password",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe("email");
    const outbox = (await advisor("GET", "/api/v1/outbox")).json();
    const mail = outbox.items.find((m: { to: string }) => m.to === "dispo@fleet.test");
    expect(mail.subject).toMatch(/customer portal/);
    const full = (await advisor("GET", `/api/v1/outbox/${mail.id}`)).json();
    expect(full.text).toContain("http://pitlane.test/portal/login");
    expect(full.text).not.toContain("a long enough password");
  });
});
