// A DMS pushes invoices it issued over the API with a key: customers and units upserted by their
// external ids, idempotent retries, its own PDF kept and mailed, refusals naming the field, batches
// where each invoice stands on its own, and Booked from the DMS closing the case.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotifyContext } from "../../src/app/bookings/notify-booking";
import { type PushedInvoiceInput, pushInvoicesIn } from "../../src/app/invoices/push-invoices";
import { purgeIdempotencyKeys } from "../../src/app/support/invoices/idempotency";
import { derivedPositions } from "../../src/db/queries/invoices";
import { auditEvents, customers, idempotencyKeys, invoices, units } from "../../src/db/schema";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { startSmtpServer, waitFor } from "../support/smtp";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let shop: Shop;
let other: Shop;
let dms: Client;
let otherDms: Client;
let staff: Client;
let seq = 0;

const pdfBytes = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

/** An invoice as a DMS sends it: 2 h labour at 95 € and a part, 19 % VAT. */
function pushed(over: Record<string, unknown> = {}) {
  seq += 1;
  const tag = `${Date.now().toString(36)}-${seq}`;
  return {
    externalId: `WB-${tag}`,
    number: `RE-${tag}`,
    issueDate: "2026-11-20",
    currency: "EUR",
    customer: {
      externalId: `K-${tag}`,
      name: "Erika Mustermann",
      type: "private",
      email: `erika.${tag}@kunde.test`,
      language: "de",
      street: "Hauptstraße 5",
      postalCode: "10115",
      city: "Berlin",
    },
    unit: { externalId: `F-${tag}`, make: "VW", model: "Golf", plate: "B-EM 123" },
    lines: [
      { description: "Inspektion", quantityMilli: 2000, unitPrice: 9500, taxRateBp: 1900, kind: "labour" },
      { description: "Ölfilter", quantityMilli: 1000, unitPrice: 1250, taxRateBp: 1900, kind: "part" },
    ],
    // 190.00 + 12.50 = 202.50 net, 38.48 VAT (19 %), 240.98 gross.
    totals: { net: 20_250, tax: 3848, gross: 24_098 },
    ...over,
  };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Werkstatt <service@werkstatt.test>" });
  shop = await createShop(t.database.db, "DMS shop");
  other = await createShop(t.database.db, "Other shop");
  dms = keyClient(t.app, (await createKey(t.database.db, shop)).key);
  otherDms = keyClient(t.app, (await createKey(t.database.db, other)).key);
  staff = client(t.app, await signIn(t.app, shop.staff.accounting.email));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("POST /invoices from a DMS", () => {
  it("stores the invoice issued with the DMS's number, upserting customer and unit by externalId", async () => {
    const body = pushed();
    const res = await dms("POST", "/api/v1/invoices", body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      externalId: body.externalId,
      number: body.number,
      status: "issued",
      source: "api",
      gross: 24_098,
      openAmount: 24_098,
      paymentStatus: "invoiced",
      send: "on_send",
      paymentLink: null,
    });
    const [customer] = await t.database.db
      .select()
      .from(customers)
      .where(eq(customers.externalId, body.customer.externalId));
    expect(customer).toMatchObject({ locationId: shop.locationId, displayName: "Erika Mustermann" });
    // The same customer again with a new address: updated, not a second customer.
    const again = pushed({ customer: { ...body.customer, email: "neu@kunde.test" }, unit: body.unit });
    const res2 = await dms("POST", "/api/v1/invoices", again);
    expect(res2.statusCode, res2.body).toBe(201);
    expect(res2.json().customerId).toBe(customer!.id);
    expect(res2.json().unitId).toBe(created.unitId);
    const found = await t.database.db
      .select()
      .from(customers)
      .where(eq(customers.externalId, body.customer.externalId));
    expect(found).toHaveLength(1);
    expect(found[0]!.email).toBe("neu@kunde.test");
    const unitRows = await t.database.db
      .select()
      .from(units)
      .where(eq(units.externalId, body.unit.externalId));
    expect(unitRows).toHaveLength(1);

    // Read back: by id and by externalId, with the source and the DMS's id.
    const read = await dms("GET", `/api/v1/invoices/${created.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      externalId: body.externalId,
      source: "api",
      number: body.number,
      open: 24_098,
      payments: [],
    });
    const list = await dms("GET", `/api/v1/invoices?externalId=${encodeURIComponent(body.externalId)}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    // The audit trail names the key.
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, created.id));
    expect(audit).toMatchObject({ actorKind: "api_key", actorName: "WERBAS Filiale Mitte", action: "issue" });
    const history = await staff("GET", `/api/v1/invoices/${created.id}/history`);
    expect(history.json().items).toEqual([
      expect.objectContaining({ action: "issue", by: "WERBAS Filiale Mitte", byKind: "api_key" }),
    ]);
  });

  it("takes an existing Pitlane customer by id, and refuses another location's customer", async () => {
    const res = await dms(
      "POST",
      "/api/v1/invoices",
      pushed({ customer: { id: shop.privateCustomerId }, unit: { id: shop.privateUnitId } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().customerId).toBe(shop.privateCustomerId);
    const foreign = await dms(
      "POST",
      "/api/v1/invoices",
      pushed({ customer: { id: other.privateCustomerId }, unit: null }),
    );
    expect(foreign.statusCode, foreign.body).toBe(422);
    expect(foreign.json().errors[0].field).toBe("customer.id");
  });

  it("needs customers:write to create or change customers and units by externalId, not to name them by id", async () => {
    const invoicesOnly = keyClient(
      t.app,
      (await createKey(t.database.db, shop, { scopes: ["invoices:write"] })).key,
    );
    const refused = await invoicesOnly("POST", "/api/v1/invoices", pushed());
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().detail).toContain("customers:write");
    expect(refused.json().errors[0].field).toBe("customer");
    const byIds = await invoicesOnly(
      "POST",
      "/api/v1/invoices",
      pushed({ customer: { id: shop.businessCustomerId }, unit: { id: shop.businessUnitId } }),
    );
    expect(byIds.statusCode, byIds.body).toBe(201);
    const newUnit = await invoicesOnly(
      "POST",
      "/api/v1/invoices",
      pushed({ customer: { id: shop.businessCustomerId } }),
    );
    expect(newUnit.statusCode, newUnit.body).toBe(403);
    expect(newUnit.json().errors[0].field).toBe("unit");
  });

  it("answers 413 with a problem of Pitlane's own type beyond the body limit", async () => {
    const huge = pushed({ pdf: { contentBase64: "A".repeat(17 * 1024 * 1024), fileName: "big.pdf" } });
    const res = await dms("POST", "/api/v1/invoices", huge);
    expect(res.statusCode).toBe(413);
    expect(res.json().type).toMatch(/\/problems\/payload-too-large$/);
    expect(res.json().detail).toMatch(/too large/i);
  });

  it("keeps the DMS's PDF (base64): the download gives those bytes", async () => {
    const res = await dms(
      "POST",
      "/api/v1/invoices",
      pushed({ pdf: { contentBase64: pdfBytes.toString("base64"), fileName: "RE-1.pdf" } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().document).toBe(true);
    const pdf = await staff("GET", `/api/v1/invoices/${res.json().id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.equals(pdfBytes)).toBe(true);
  });

  it("keeps the DMS's PDF sent by multipart/form-data (invoice JSON + pdf file)", async () => {
    const { key } = await createKey(t.database.db, shop, { scopes: ["invoices:write", "customers:write"] });
    const boundary = "----dms-boundary";
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="invoice"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(pushed())}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="pdf"; filename="RE-multi.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdfBytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/invoices",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const pdf = await staff("GET", `/api/v1/invoices/${res.json().id}/pdf`);
    expect(pdf.rawPayload.equals(pdfBytes)).toBe(true);
    expect(pdf.headers["content-disposition"]).toContain("RE-multi.pdf");
  });

  it("answers a repeat under the same Idempotency-Key with the first answer, and no second invoice", async () => {
    const key = `idem-${Date.now()}`;
    const keyed = keyClient(t.app, (await createKey(t.database.db, shop)).key, { "idempotency-key": key });
    const body = pushed();
    const first = await keyed("POST", "/api/v1/invoices", body);
    expect(first.statusCode, first.body).toBe(201);
    const second = await keyed("POST", "/api/v1/invoices", body);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const rows = await t.database.db.select().from(invoices).where(eq(invoices.externalId, body.externalId));
    expect(rows).toHaveLength(1);
    const different = await keyed("POST", "/api/v1/invoices", pushed());
    expect(different.statusCode, different.body).toBe(422);
    expect(different.json().errors[0].field).toBe("Idempotency-Key");
  });

  it("keeps an Idempotency-Key's answer for a week, then forgets it: the repeat meets the externalId check", async () => {
    const key = `idem-week-${Date.now()}`;
    const keyed = keyClient(t.app, (await createKey(t.database.db, shop)).key, { "idempotency-key": key });
    const body = pushed();
    const first = await keyed("POST", "/api/v1/invoices", body);
    expect(first.statusCode, first.body).toBe(201);
    const stored = and(eq(idempotencyKeys.locationId, shop.locationId), eq(idempotencyKeys.key, key));
    const sixDaysOn = new Date(Date.now() + 6 * 86_400_000);
    await purgeIdempotencyKeys(t.database.db, sixDaysOn);
    expect(await t.database.db.select().from(idempotencyKeys).where(stored)).toHaveLength(1);
    expect((await keyed("POST", "/api/v1/invoices", body)).json()).toEqual(first.json());
    const eightDaysOn = new Date(Date.now() + 8 * 86_400_000);
    expect(await purgeIdempotencyKeys(t.database.db, eightDaysOn)).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.select().from(idempotencyKeys).where(stored)).toHaveLength(0);
    const late = await keyed("POST", "/api/v1/invoices", body);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().errors[0].field).toBe("externalId");
  });

  it("answers 409 naming externalId and the existing invoice for a second push without a key", async () => {
    const body = pushed();
    const first = await dms("POST", "/api/v1/invoices", body);
    expect(first.statusCode).toBe(201);
    const again = await dms("POST", "/api/v1/invoices", { ...body, number: `${body.number}-2` });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().errors[0].field).toBe("externalId");
    expect(again.json().invoiceId).toBe(first.json().id);
    // A number the location already has: 409 naming the number.
    const clash = await dms("POST", "/api/v1/invoices", pushed({ number: body.number }));
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().errors[0].field).toBe("number");
  });

  it("refuses totals that do not add up, an unknown tax rate and another currency with 422 naming the field", async () => {
    const off = await dms(
      "POST",
      "/api/v1/invoices",
      pushed({ totals: { net: 20_250, tax: 3848, gross: 24_099 } }),
    );
    expect(off.statusCode, off.body).toBe(422);
    expect(off.headers["content-type"]).toContain("application/problem+json");
    expect(off.json().errors.map((e: { field: string }) => e.field)).toEqual(["totals.gross"]);
    const rate = await dms(
      "POST",
      "/api/v1/invoices",
      pushed({
        lines: [{ description: "Inspektion", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1600 }],
        totals: { net: 10_000, tax: 1600, gross: 11_600 },
      }),
    );
    expect(rate.statusCode, rate.body).toBe(422);
    expect(rate.json().errors.map((e: { field: string }) => e.field)).toEqual(["lines[0].taxRateBp"]);
    const currency = await dms("POST", "/api/v1/invoices", pushed({ currency: "CHF" }));
    expect(currency.statusCode, currency.body).toBe(422);
    expect(currency.json().errors.map((e: { field: string }) => e.field)).toEqual(["currency"]);
  });

  it("is immutable from arrival: the database refuses a change, the draft route a PATCH", async () => {
    const res = await dms("POST", "/api/v1/invoices", pushed());
    const id = res.json().id;
    // The trigger's refusal, as PostgreSQL words it (drizzle wraps it as the cause).
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => "",
        (e: Error) => String((e as Error & { cause?: unknown }).cause ?? e),
      );
    expect(
      await refusal(t.database.db.execute(sql`update invoices set external_id = 'x' where id = ${id}`)),
    ).toMatch(/cannot change/);
    expect(
      await refusal(t.database.db.execute(sql`update invoices set lines = '[]' where id = ${id}`)),
    ).toMatch(/cannot change/);

    const patch = await staff("PATCH", `/api/v1/invoices/${id}`, { note: "changed", version: 1 });
    expect(patch.statusCode).toBe(409);
  });

  it("answers 404 for another location's invoice, on GET and on Booked", async () => {
    const res = await dms("POST", "/api/v1/invoices", pushed());
    const id = res.json().id;
    expect((await otherDms("GET", `/api/v1/invoices/${id}`)).statusCode).toBe(404);
    expect((await otherDms("POST", `/api/v1/invoices/${id}/book`)).statusCode).toBe(404);
    const none = await otherDms(
      "GET",
      `/api/v1/invoices?externalId=${encodeURIComponent(res.json().externalId)}`,
    );
    expect(none.json().items).toEqual([]);
  });

  it("mails the payment request at once with a pay link and the DMS's PDF attached (send: immediately)", async () => {
    const body = pushed({
      send: "immediately",
      pdf: { contentBase64: pdfBytes.toString("base64"), fileName: "RE-mail.pdf" },
    });
    const res = await dms("POST", "/api/v1/invoices", body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sentTo: body.customer.email, paymentLink: { state: "active" } });
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(body.customer.email)));
    expect(mail.raw).toMatch(/\/pay\/[A-Za-z0-9_-]{20,}/);
    expect(mail.raw).toContain("RE-mail.pdf");
    expect(mail.raw.replace(/\r?\n/g, "")).toContain(pdfBytes.toString("base64").slice(0, 60));
  });

  it("books from the DMS: a paid and delivered case closes", async () => {
    const res = await dms("POST", "/api/v1/invoices", pushed());
    const id = res.json().id;
    const paid = await staff("POST", `/api/v1/invoices/${id}/payments`, { amount: 24_098, method: "cash" });
    expect(paid.statusCode, paid.body).toBe(204);
    const delivered = await staff("POST", `/api/v1/invoices/${id}/deliver`, { deliveredTo: "Erika" });
    expect(delivered.statusCode, delivered.body).toBe(204);
    const booked = await dms("POST", `/api/v1/invoices/${id}/book`);
    expect(booked.statusCode, booked.body).toBe(204);
    const read = await dms("GET", `/api/v1/invoices/${id}`);
    expect(read.json()).toMatchObject({ closed: true, paymentStatus: "paid" });
    // The counter stays staff-only.
    expect(
      (await dms("POST", `/api/v1/invoices/${id}/payments`, { amount: 1, method: "cash" })).statusCode,
    ).toBe(403);
  });
});

describe("POST /invoices/batch", () => {
  it("creates the good invoices and refuses the bad ones, each with its problem", async () => {
    const good = [pushed(), pushed(), pushed()];
    const badTotals = pushed({ totals: { net: 1, tax: 1, gross: 2 } });
    const badShape = { ...pushed(), lines: "none" };
    const res = await dms("POST", "/api/v1/invoices/batch", {
      invoices: [good[0], badTotals, good[1], badShape, good[2]],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 3, refused: 2, duplicate: 0 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "refused",
      "created",
      "refused",
      "created",
    ]);
    expect(body.results[1].problem.errors.map((e: { field: string }) => e.field)).toEqual([
      "totals.net",
      "totals.tax",
      "totals.gross",
    ]);
    expect(body.results[1].problem.status).toBe(422);
    expect(body.results[3].problem.errors[0].field).toBe("lines");
    expect(body.results[3].externalId).toBe(badShape.externalId);
    const stored = await t.database.db
      .select({ id: invoices.id, externalId: invoices.externalId })
      .from(invoices)
      .where(eq(invoices.locationId, shop.locationId));
    for (const [i, g] of good.entries()) {
      expect(stored.find((r) => r.externalId === g.externalId)?.id).toBe(
        body.results[[0, 2, 4][i]!].invoiceId,
      );
    }
    // The stored position of every pushed invoice is what the SQL derivation gives (nothing paid yet).
    const derived = await derivedPositions(t.database.db, shop.locationId);
    const rows = await t.database.db.select().from(invoices).where(eq(invoices.locationId, shop.locationId));
    for (const d of derived) {
      const row = rows.find((r) => r.id === d.invoiceId)!;
      expect({ ...d, invoiceId: undefined }).toEqual({
        invoiceId: undefined,
        paymentStatus: row.paymentStatus,
        receivedAmount: row.receivedAmount,
        creditedAmount: row.creditedAmount,
        openAmount: row.openAmount,
        overpaid: row.overpaid,
        foreignCurrency: row.foreignCurrency,
      });
    }
    // Pushed again: duplicates naming the invoices they already are.
    const again = await dms("POST", "/api/v1/invoices/batch", { invoices: [good[0]] });
    expect(again.json().results[0]).toMatchObject({
      status: "duplicate",
      invoiceId: body.results[0].invoiceId,
    });
  });

  it("leaves no trace of a refused item: no customer or unit created or changed for it", async () => {
    const db = t.database.db;
    const stateOf = async (externalIds: string[]) => ({
      customers: await db
        .select({ externalId: customers.externalId, name: customers.displayName, version: customers.version })
        .from(customers)
        .where(and(eq(customers.locationId, shop.locationId), inArray(customers.externalId, externalIds))),
      units: await db
        .select({ externalId: units.externalId, model: units.model, version: units.version })
        .from(units)
        .where(and(eq(units.locationId, shop.locationId), inArray(units.externalId, externalIds))),
    });
    // A customer and unit the DMS pushed before, as they are now.
    const earlier = pushed();
    expect((await dms("POST", "/api/v1/invoices", earlier)).statusCode).toBe(201);
    const known = [earlier.customer.externalId, earlier.unit.externalId];
    const before = await stateOf(known);
    // A new customer with someone else's unit by id.
    const foreignUnit = pushed({ unit: { id: shop.privateUnitId } });
    // Sent at once to a customer without email: a new one, and the one pushed before (renamed).
    const noEmail = pushed({ send: "immediately" });
    noEmail.customer.email = undefined as unknown as string;
    const renamed = pushed({
      send: "immediately",
      customer: { ...earlier.customer, name: "Renamed", email: null },
      unit: { ...earlier.unit, model: "Passat" },
    });
    const good = pushed();
    const res = await dms("POST", "/api/v1/invoices/batch", {
      invoices: [foreignUnit, noEmail, renamed, good],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      "refused",
      "refused",
      "refused",
      "created",
    ]);
    expect(res.json().results[0].problem.errors[0].field).toBe("unit.id");
    expect(res.json().results[1].problem.errors[0].field).toBe("customer.email");
    expect(res.json().results[2].problem.errors[0].field).toBe("customer.email");
    const refusedIds = [foreignUnit, noEmail].flatMap((i) => [i.customer.externalId, i.unit.externalId]);
    expect(await stateOf(refusedIds)).toEqual({ customers: [], units: [] });
    expect(await stateOf(known)).toEqual(before);
    expect((await stateOf([good.customer.externalId])).customers).toHaveLength(1);
    // The unit privately owned stays the other customer's.
    const [unit] = await db.select().from(units).where(eq(units.id, shop.privateUnitId));
    expect(unit!.customerId).toBe(shop.privateCustomerId);
    // Audit trail: nothing about the refused items' customers.
    const audited = await db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.locationId, shop.locationId), eq(auditEvents.entityType, "customer")));
    const auditedIds = audited.map((a) => (a.data as { externalId?: string }).externalId);
    for (const id of [foreignUnit.customer.externalId, noEmail.customer.externalId]) {
      expect(auditedIds).not.toContain(id);
    }
  });

  it("undoes what it wrote for an invoice that loses a race on its number, and keeps the others", async () => {
    const db = t.database.db;
    const { apiKey } = await createKey(db, shop);
    const actor = {
      kind: "api_key" as const,
      id: apiKey.id,
      name: apiKey.name,
      organisationId: shop.organisationId,
      locationId: shop.locationId,
      scopes: apiKey.scopes,
    };
    const ctx = {} as NotifyContext; // nothing is sent at once here
    const first = pushed();
    const loser = pushed({ number: first.number });
    const good = pushed();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const firstInserted = new Promise<void>((r) => {
      inserted = r;
    });
    // The first push holds its number uncommitted; the batch's insert waits for it, then loses.
    const holding = db.transaction(async (tx) => {
      const [result] = await pushInvoicesIn(tx, ctx, actor, [first as unknown as PushedInvoiceInput]);
      expect(result!.status).toBe("created");
      inserted();
      await gate;
    });
    await firstInserted;
    const racing = db.transaction((tx) =>
      pushInvoicesIn(tx, ctx, actor, [loser, good] as unknown as PushedInvoiceInput[]),
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await holding;
    const results = await racing;
    expect(results.map((r) => r.status)).toEqual(["refused", "created"]);
    expect(results[0]!.status === "refused" && results[0]!.problem.fields[0]!.field).toBe("number");
    const left = await db
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(eq(customers.locationId, shop.locationId), eq(customers.externalId, loser.customer.externalId)),
      );
    expect(left).toEqual([]);
    const leftUnits = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.locationId, shop.locationId), eq(units.externalId, loser.unit.externalId)));
    expect(leftUnits).toEqual([]);
    const [stored] = await db.select().from(invoices).where(eq(invoices.externalId, good.externalId));
    expect(stored!.number).toBe(good.number);
  });

  it("answers a repeated batch under its Idempotency-Key with the first answer", async () => {
    const keyed = keyClient(t.app, (await createKey(t.database.db, shop)).key, {
      "idempotency-key": `batch-${Date.now()}`,
    });
    const batch = { invoices: [pushed(), pushed()] };
    const first = await keyed("POST", "/api/v1/invoices/batch", batch);
    expect(first.json().created).toBe(2);
    const second = await keyed("POST", "/api/v1/invoices/batch", batch);
    expect(second.json()).toEqual(first.json());
  });

  it("answers 413 problem+json beyond the body limit", async () => {
    const huge = pushed({ pdf: { contentBase64: "A".repeat(17 * 1024 * 1024), fileName: "big.pdf" } });
    const res = await dms("POST", "/api/v1/invoices", huge);
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses more than 1,000 invoices, and a key without invoices:write", async () => {
    const tooMany = await dms("POST", "/api/v1/invoices/batch", {
      invoices: Array.from({ length: 1001 }, () => ({})),
    });
    expect(tooMany.statusCode).toBe(400);
    const reader = keyClient(
      t.app,
      (await createKey(t.database.db, shop, { scopes: ["invoices:read"] })).key,
    );
    expect((await reader("POST", "/api/v1/invoices/batch", { invoices: [pushed()] })).statusCode).toBe(403);
  });
});

describe("print version and defaults", () => {
  it("prints a one-page payment request with the number, the amount and the pay link's QR code", async () => {
    const res = await dms("POST", "/api/v1/invoices", pushed());
    const pdf = await staff("GET", `/api/v1/invoices/${res.json().id}/payment-request.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const { extractText, getDocumentProxy } = await import("unpdf");
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    expect(doc.numPages).toBe(1);
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain(res.json().number);
    expect(text).toContain("240,98");
    expect(text).toContain("Zahlungsaufforderung");
    // The DMS may print it too.
    expect((await dms("GET", `/api/v1/invoices/${res.json().id}/payment-request.pdf`)).statusCode).toBe(200);
  });

  it("mails pushed invoices at once when the location says so", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const set = await admin("PATCH", "/api/v1/settings/dms", { sendMode: "immediately" });
    expect(set.statusCode, set.body).toBe(200);
    expect((await admin("GET", "/api/v1/settings/dms")).json()).toEqual({ sendMode: "immediately" });
    const body = pushed();
    const res = await dms("POST", "/api/v1/invoices", body);
    expect(res.json()).toMatchObject({ send: "immediately", sentTo: body.customer.email });
    await waitFor(() => smtp.received.find((m) => m.to.includes(body.customer.email)));
    await admin("PATCH", "/api/v1/settings/dms", { sendMode: "on_send" });
    const advisor = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect((await advisor("PATCH", "/api/v1/settings/dms", { sendMode: "on_send" })).statusCode).toBe(403);
  });
});
