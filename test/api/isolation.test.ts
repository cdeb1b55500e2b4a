// Walks every registered API route and proves who may reach what: a user of organisation A gets 404
// for organisation B's records; a portal account gets 404 for the records of every other customer of
// its own shop (a private customer's, another fleet customer's) and never sees them in a list or an
// export; a technician gets 403 on every route their role may not use, and through on every route it
// may. A new route fails this test until it is given a sample body and records below, so nothing
// slips past it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dunningNotices } from "../../src/db/schema";
import { defaultAccounting } from "../../src/domain/accounting";
import { newId } from "../../src/domain/ids";
import { addDays } from "../../src/domain/invoice";
import { can } from "../../src/domain/permissions";
import { createKey, keyClient } from "../support/api-keys";
import { startTestApp, type TestApp } from "../support/app";
import { camt053 } from "../support/bank-statements";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop, upcoming } from "../support/fixtures";
import { addFleetCustomer, createRecords, type Records, recordsBySegment } from "../support/records";
import { uploadFile } from "../support/upload";

let t: TestApp;
let a: Shop;
let b: Shop;
let staffA: Client;
let portalA: Client;
let bMailId: string;
let bWebhookId: string;
let bDeliveryId: string;
let bEntryId: string;
let bReminderId: string;
let bUploadId: string;
/** Each other customer's sent reminder, by their records. */
const reminderOf = new Map<Records, string>();
let bKeyId: string;
let bRecords: Records;
let aPrivate: Records;
let otherFleet: Awaited<ReturnType<typeof addFleetCustomer>>;
let otherFleetRecords: Records;

/** A valid body for each changing route, so the request reaches the record lookup, not validation. */
const sampleBodies: Record<string, unknown> = {
  "PATCH /api/v1/customers/:id": { version: 1, notes: "hijacked" },
  "POST /api/v1/customers/:id/portal-accounts": {
    name: "Intruder",
    email: "intruder@evil.test",
    password: "long enough password",
  },
  "PATCH /api/v1/units/:id": { version: 1, plate: "HIJACK" },
  "POST /api/v1/units/:id/readings": { odometerKm: 9_000_000 },
  "POST /api/v1/portal/units/:id/readings": { odometerKm: 9_000_000 },
  "PATCH /api/v1/users/:id": { active: false },
  "POST /api/v1/booking-requests/:id/decline": { reason: "hijacked" },
  "POST /api/v1/booking-requests/:id/suggest": { date: upcoming(3), time: "10:00" },
  "POST /api/v1/booking-requests/:id/confirm": {},
  "POST /api/v1/portal/booking-requests/:id/accept": {},
  "POST /api/v1/portal/booking-requests/:id/counter": { date: upcoming(3), time: "10:00" },
  "POST /api/v1/portal/booking-requests/:id/cancel": {},
  "POST /api/v1/estimates/:id/lines": {
    kind: "labour",
    description: "x",
    quantityMilli: 1000,
    unitPrice: 1,
    taxRateBp: 1900,
    version: 1,
  },
  "POST /api/v1/estimates/:id/submit": {},
  "POST /api/v1/estimates/:id/discard": {},
  "POST /api/v1/estimates/:id/acknowledge": {},
  "POST /api/v1/estimates/:id/revise": {},
  "POST /api/v1/estimates/:id/reorder": { lineIds: [], version: 1 },
  "POST /api/v1/estimates/:id/record-decision": { decision: "decline", versionNo: 1, decidedBy: "Intruder" },
  "PATCH /api/v1/estimate-lines/:id": { version: 1, unitPrice: 1 },
  "POST /api/v1/portal/estimates/:id/approve": { versionNo: 1, labourLineIds: [] },
  "POST /api/v1/portal/estimates/:id/decline": { versionNo: 1 },
  "POST /api/v1/portal/estimates/:id/dispute": { versionNo: 1, lines: [{ lineId: "x", note: "y" }] },
  "PATCH /api/v1/work-orders/:id": { version: 1, poNumber: "HIJACK" },
  "POST /api/v1/work-orders/:id/unit-ready": {},
  "POST /api/v1/work-orders/:id/ready-to-submit": {},
  "POST /api/v1/work-orders/:id/submit": {},
  "POST /api/v1/work-orders/:id/invoice": {},
  "POST /api/v1/work-orders/:id/reopen": {},
  "POST /api/v1/work-items/:id/clock-on": {},
  "POST /api/v1/jobs/:id/clock-on": {},
  "POST /api/v1/jobs/:id/finish": {},
  "POST /api/v1/jobs/:id/reopen": {},
  "POST /api/v1/jobs/:id/parts": { description: "x", quantityMilli: 1000, unitPrice: 1, taxRateBp: 1900 },
  "PATCH /api/v1/portal/work-orders/:id": { poNumber: "HIJACK" },
  "POST /api/v1/portal/work-orders/:id/authorize": {},
  "POST /api/v1/work-orders/:id/inspection": {},
  "POST /api/v1/work-orders/:id/inspection/complete": {},
  "PATCH /api/v1/inspection-items/:id": { rating: "ok", version: 1 },
  "POST /api/v1/inspection-items/:id/photos": {},
  "POST /api/v1/inspection-photos/:id/reject": { note: "hijacked" },
  "PUT /api/v1/inspection-templates/:id": {
    name: "Hijacked",
    items: [{ area: "a", label: "b" }],
    version: 1,
  },
  "POST /api/v1/notifications/:id/read": {},
  "PATCH /api/v1/recommendations/:id": { unitPrice: 1, version: 1 },
  "POST /api/v1/recommendations/:id/parts": {
    description: "x",
    quantityMilli: 1000,
    unitPrice: 1,
    taxRateBp: 1900,
    availability: "in_stock",
  },
  "POST /api/v1/work-orders/:id/extension": {},
  "POST /api/v1/extensions/:id/record-decision": {
    decisions: [{ recommendationId: "x", approve: true }],
    decidedBy: "Intruder",
  },
  "POST /api/v1/portal/extensions/:id/decide": { decisions: [{ recommendationId: "x", approve: true }] },
  "PATCH /api/v1/invoices/:id": { note: "hijacked", version: 1 },
  "POST /api/v1/invoices/:id/issue": {},
  "POST /api/v1/invoices/:id/credit": {},
  "POST /api/v1/invoices/:id/send": { to: "intruder@evil.test" },
  "POST /api/v1/invoices/:id/payment-link/cancel": {},
  "POST /api/v1/invoices/:id/payments": { amount: 1, method: "cash" },
  "POST /api/v1/invoices/:id/payment-reviews/:reviewId/resolve": {},
  "POST /api/v1/invoices/:id/deliver": { deliveredTo: "Intruder", confirmUnpaid: true },
  "POST /api/v1/invoices/:id/book": {},
  "POST /api/v1/invoice-uploads/:id/create": { createCustomer: true },
  "POST /api/v1/invoices/batch": { invoices: [{}] },
  "POST /api/v1/outbox/:id/resend": {},
  "POST /api/v1/settings/webhooks": { url: "https://93.184.216.34/hook", eventTypes: ["invoice.paid"] },
  "PUT /api/v1/settings/webhooks/policy": { allowPrivateTargets: false },
  "PATCH /api/v1/settings/webhooks/:id": { enabled: false, url: "http://127.0.0.1:9/hijacked" },
  "POST /api/v1/settings/webhooks/:id/test": {},
  "POST /api/v1/settings/webhooks/deliveries/:id/resend": {},
  "POST /api/v1/settings/api-keys": { name: "Intruder DMS", scopes: ["invoices:read"] },
  "POST /api/v1/settings/api-keys/:id/revoke": {},
  "POST /api/v1/bank-statements/entries/:id/assign": { invoiceId: "inv_x" },
  "POST /api/v1/bank-statements/entries/:id/ignore": {},
  "POST /api/v1/dunning/reminders/:id/decision": { decision: "send" },
  "PUT /api/v1/invoices/:id/dunning-pause": { paused: true },
  "PUT /api/v1/customers/:id/dunning-pause": { paused: true },
  "PUT /api/v1/customers/:id/sms-consent": { consent: false },
  "POST /api/v1/portal/invoices/:id/pay": {},
  "PUT /api/v1/settings/accounting": defaultAccounting(),
};

/** Query strings some routes need to get past validation. */
const sampleQueries: Record<string, string> = { "DELETE /api/v1/estimate-lines/:id": "?version=1" };

/** A record of `records` for a path's `:id`, by the segment before it (undefined: none of that kind). */
function recordFor(url: string, records: Records, extra: Record<string, string> = {}): string | undefined {
  const segment = url.split("/:id")[0]!.split("/").pop()!;
  const ids: Record<string, string> = { ...recordsBySegment(records), ...extra };
  return ids[segment];
}

/** Which of B's records a path's `:id` stands for. */
function idOfB(url: string): string {
  const id = recordFor(url, bRecords, {
    customers: b.businessCustomerId,
    units: b.businessUnitId,
    outbox: bMailId,
    users: b.staff.service_advisor.id,
    webhooks: bWebhookId,
    deliveries: bDeliveryId,
    "api-keys": bKeyId,
    entries: bEntryId,
    reminders: bReminderId,
    "invoice-uploads": bUploadId,
  });
  if (!id) throw new Error(`isolation test: no record of organisation B for ${url}; add one to idOfB`);
  return id;
}

/** A route's URL with its parameters filled in (a second parameter is the photo of the same records). */
const fill = (url: string, id: string, records: Records) =>
  url.replace(":id", id).replace(":photoId", records.photoId);

/** The ids among a customer's records (numbers such as WO-2026-000001 repeat across shops). */
const idsOf = ({ workOrderNumber: _, ...ids }: Records) => Object.values(ids);

const bodyFor = (method: string, key: string) =>
  method === "GET" || method === "DELETE" ? undefined : sampleBodies[key];

beforeAll(async () => {
  t = await startTestApp();
  a = await createShop(t.database.db, "Shop A");
  b = await createShop(t.database.db, "Shop B");
  staffA = client(t.app, await signIn(t.app, a.staff.admin.email));
  portalA = client(t.app, await signIn(t.app, a.portal.email, "portal"));
  const sessionB = await signIn(t.app, b.staff.admin.email);
  const staffB = client(t.app, sessionB);
  await staffB("POST", `/api/v1/customers/${b.businessCustomerId}/portal-accounts`, {
    name: "B person",
    email: "b.person@fleet.test",
    password: "long enough password",
  });
  bMailId = (await staffB("GET", "/api/v1/outbox")).json().items[0].id;
  // B's webhook endpoint (to a port nobody listens on) and the delivery of a test event.
  await staffB("PUT", "/api/v1/settings/webhooks/policy", { allowPrivateTargets: true });
  bWebhookId = (
    await staffB("POST", "/api/v1/settings/webhooks", {
      url: "http://127.0.0.1:9/b-hook",
      eventTypes: ["invoice.paid"],
    })
  ).json().endpoint.id;
  await staffB("POST", `/api/v1/settings/webhooks/${bWebhookId}/test`);
  bDeliveryId = (await staffB("GET", `/api/v1/settings/webhooks/${bWebhookId}/deliveries`)).json()
    .deliveries[0].id;
  bKeyId = (await createKey(t.database.db, b, { name: "B's DMS" })).apiKey.id;
  // B's bank statement with a credit nobody's invoice matches: it waits in B's queue.
  const statement = Buffer.from(
    camt053([{ amount: 4_200, payerName: "Someone", remittance: "?" }], { id: "B" }),
  );
  await uploadFile(
    t.app,
    sessionB,
    { method: "POST", url: "/api/v1/bank-statements", field: "file" },
    statement,
    "b.xml",
    "application/xml",
  );
  bEntryId = (await staffB("GET", "/api/v1/bank-statements/entries")).json().items[0].id;
  // B's uploaded invoice document (Upload invoice).
  bUploadId = (
    await uploadFile(
      t.app,
      sessionB,
      { method: "POST", url: "/api/v1/invoice-uploads", field: "file" },
      Buffer.from("%PDF-1.4\n"),
      "b.pdf",
      "application/pdf",
    )
  ).json().id;

  // B's fleet customer approves in the portal; A's private customer by phone.
  const portalB = client(t.app, await signIn(t.app, b.portal.email, "portal"));
  bRecords = await createRecords(
    t,
    b,
    staffB,
    { customerId: b.businessCustomerId, unitId: b.businessUnitId },
    portalB,
  );
  // A reminder of B's invoice waiting for B's accountant.
  bReminderId = newId("dunningNotice");
  await t.database.db.insert(dunningNotices).values({
    id: bReminderId,
    organisationId: b.organisationId,
    locationId: b.locationId,
    invoiceId: bRecords.invoiceId,
    customerId: b.businessCustomerId,
    level: 1,
    status: "review",
    dueOn: "2026-12-01",
    currency: "EUR",
    principal: 100,
    total: 100,
  });
  aPrivate = await createRecords(
    t,
    a,
    staffA,
    { customerId: a.privateCustomerId, unitId: a.privateUnitId },
    { decidedBy: "Paula Private" },
  );
  // A second fleet customer of shop A, with a portal account and records of its own.
  otherFleet = await addFleetCustomer(t, a, "Other fleet");
  otherFleetRecords = await createRecords(
    t,
    a,
    staffA,
    otherFleet,
    client(t.app, await signIn(t.app, otherFleet.portal.email, "portal")),
  );
  // A sent reminder of each other customer's invoice: a portal account must not read its letter.
  for (const [records, customerId] of [
    [aPrivate, a.privateCustomerId],
    [otherFleetRecords, otherFleet.customerId],
  ] as const) {
    const id = newId("dunningNotice");
    await t.database.db.insert(dunningNotices).values({
      id,
      organisationId: a.organisationId,
      locationId: a.locationId,
      invoiceId: records.invoiceId,
      customerId,
      level: 1,
      status: "sent",
      dueOn: "2026-12-01",
      currency: "EUR",
      principal: 100,
      total: 100,
    });
    reminderOf.set(records, id);
  }
});
afterAll(() => t.close());

const apiRoutes = () =>
  t.app.registeredRoutes.filter(
    (r) => r.url.startsWith("/api/v1/") && r.method !== "HEAD" && r.method !== "OPTIONS",
  );

describe("tenancy isolation across every route", () => {
  it("declares access on every API route", () => {
    for (const r of apiRoutes()) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it("answers 404 to organisation A for every record of organisation B", async () => {
    const withId = apiRoutes().filter((r) => r.url.includes(":id"));
    expect(withId.length).toBeGreaterThanOrEqual(9);
    for (const route of withId) {
      const key = `${route.method} ${route.url}`;
      const url = `${fill(route.url, idOfB(route.url), bRecords)}${sampleQueries[key] ?? ""}`;
      const caller = route.access === "portal" ? portalA : staffA;
      const body = bodyFor(route.method, key);
      if (route.method !== "GET" && route.method !== "DELETE" && body === undefined)
        throw new Error(`isolation test: add a sample body for ${key}`);
      const res = await caller(route.method as "GET", url, body);
      expect(res.statusCode, `${key} → ${res.body}`).toBe(404);
    }
  });

  it("answers 404 to organisation A's API key for every record of organisation B a key may reach", async () => {
    const keyA = keyClient(t.app, (await createKey(t.database.db, a)).key);
    const withId = apiRoutes().filter((r) => r.apiScope && r.url.includes(":id"));
    expect(withId.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "GET /api/v1/invoices/:id",
        "POST /api/v1/invoices/:id/book",
        "GET /api/v1/invoices/:id/payment-request.pdf",
      ]),
    );
    for (const route of withId) {
      const key = `${route.method} ${route.url}`;
      const res = await keyA(
        route.method as "GET",
        fill(route.url, idOfB(route.url), bRecords),
        bodyFor(route.method, key),
      );
      expect(res.statusCode, `${key} → ${res.body}`).toBe(404);
    }
    // Looked up by the DMS's id, B's invoices are not there for A's key either.
    const byExternalId = await keyA("GET", "/api/v1/invoices?externalId=anything");
    expect(byExternalId.json().items).toEqual([]);
  });

  it("never lists organisation B's records to organisation A", async () => {
    const bIds = [
      ...idsOf(bRecords),
      b.businessCustomerId,
      b.privateCustomerId,
      b.businessUnitId,
      b.privateUnitId,
      bMailId,
      bKeyId,
      b.locationId,
    ];
    // The event stream never ends; live.test.ts proves it only carries the caller's own events.
    for (const route of listRoutes()) {
      const caller = route.access === "portal" ? portalA : staffA;
      const res = await caller("GET", `${route.url}${listQueries[route.url] ?? ""}`);
      // A's own logo is a file that A has not uploaded: "none" is the right answer there.
      const absentFile = route.url === "/api/v1/settings/logo" && res.statusCode === 404;
      if (!absentFile) expect(res.statusCode, route.url).toBeLessThan(400);
      for (const id of bIds) expect(res.body, `${route.url} leaks ${id}`).not.toContain(id);
    }
  });

  it("left organisation B's records untouched", async () => {
    const staffB = client(t.app, await signIn(t.app, b.staff.admin.email));
    const customer = (await staffB("GET", `/api/v1/customers/${b.businessCustomerId}`)).json();
    expect(customer).toMatchObject({ version: 1, notes: null });
    const unit = (await staffB("GET", `/api/v1/units/${b.businessUnitId}`)).json();
    expect(unit).toMatchObject({ version: 1, odometerKm: 120_000 });
    const accounts = (await staffB("GET", `/api/v1/customers/${b.businessCustomerId}/portal-accounts`)).json()
      .items;
    expect(accounts.map((x: { email: string }) => x.email)).not.toContain("intruder@evil.test");
  });
});

/** Berlin's calendar day (the test shops' zone), and a year before it. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const lastYear = () => addDays(today(), -364);
const listQueries: Record<string, string> = {
  "/api/v1/booking-slots": `?date=${upcoming(3)}`,
  "/api/v1/portal/booking-slots": `?date=${upcoming(3)}`,
  // The accountant's journals cover a range of days: the last year's (A's and B's records are today's).
  "/api/v1/payments/export": `?from=${lastYear()}&to=${today()}&format=csv`,
  "/api/v1/datev/export": `?from=${today().slice(0, 4)}-01-01&to=${today()}`,
};
/** Every GET without a path parameter but the live event stream, which never ends. */
const listRoutes = () =>
  apiRoutes().filter((r) => r.method === "GET" && !r.url.includes(":") && r.url !== "/api/v1/events");

describe("portal accounts of two customers of one shop", () => {
  const others = () => [
    {
      who: "a private customer without an account",
      records: aPrivate,
      units: a.privateUnitId,
    },
    {
      who: "another fleet customer with its own account",
      records: otherFleetRecords,
      units: otherFleet.unitId,
    },
  ];

  it("answers 404 to a portal account for every other customer's record", async () => {
    const portalRoutes = apiRoutes().filter((r) => r.access === "portal" && r.url.includes(":id"));
    expect(portalRoutes.length).toBeGreaterThanOrEqual(3);
    for (const other of others()) {
      for (const route of portalRoutes) {
        const key = `${route.method} ${route.url}`;
        const id = recordFor(route.url, other.records, {
          units: other.units,
          reminders: reminderOf.get(other.records) ?? "",
        });
        if (!id) throw new Error(`isolation test: no other-customer record for ${key}`);
        const res = await portalA(
          route.method as "GET",
          fill(route.url, id, other.records),
          bodyFor(route.method, key),
        );
        // Not found, never forbidden: a customer learns nothing of another's records, not even that they exist.
        expect(res.statusCode, `${key} with ${other.who}'s record → ${res.body}`).toBe(404);
      }
    }
  });

  it("never lists or exports another customer's units, bookings, estimates, work orders or invoices", async () => {
    const portalLists = listRoutes().filter((r) => r.access === "portal");
    expect(portalLists.map((r) => r.url)).toContain("/api/v1/portal/work-orders/export");
    for (const other of others()) {
      // The shop's inspection template is every customer's; the rest is theirs alone.
      const { templateId: _, ...records } = other.records;
      const theirs = [...Object.values(records), other.units];
      for (const route of portalLists) {
        const res = await portalA("GET", `${route.url}${listQueries[route.url] ?? ""}`);
        expect(res.statusCode, route.url).toBeLessThan(400);
        for (const value of theirs)
          expect(res.body, `${route.url} shows ${other.who}'s ${value}`).not.toContain(value);
      }
    }
    // The other fleet's own account does see them: the check above is not vacuous.
    const theirPortal = client(t.app, await signIn(t.app, otherFleet.portal.email, "portal"));
    const exported = await theirPortal("GET", "/api/v1/portal/work-orders/export");
    expect(exported.body).toContain(otherFleetRecords.workOrderNumber);
    const ownExport = await portalA("GET", "/api/v1/portal/work-orders/export");
    expect(ownExport.body).not.toContain(otherFleetRecords.workOrderNumber);
  });
});

describe("the technician role on every staff route", () => {
  let technician: Client;
  beforeAll(async () => {
    technician = client(t.app, await signIn(t.app, a.staff.technician.email));
  });
  /** A's own records: the role check, not tenancy, decides here. */
  const ownId = (url: string) =>
    recordFor(url, aPrivate, {
      customers: a.privateCustomerId,
      units: a.privateUnitId,
      outbox: "mail_unknown",
      users: a.staff.service_advisor.id,
    }) ?? "unknown";
  const staffRoutes = () =>
    apiRoutes().filter(
      (r) =>
        (r.access === "staff" || r.access === "any") &&
        r.url !== "/api/v1/events" &&
        // Signing out would end the session the walk uses; auth.test.ts covers it.
        r.url !== "/api/v1/auth/logout",
    );
  const allowed = (permission: string | undefined) =>
    !permission || can("technician", permission as Parameters<typeof can>[1]);

  it("answers 403 on every staff route the technician's role does not allow, and lets the others through", async () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(80);
    const forbidden: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const url = `${fill(route.url, ownId(route.url), aPrivate)}${sampleQueries[key] ?? listQueries[route.url] ?? ""}`;
      const res = await technician(
        route.method as "GET",
        url,
        bodyFor(route.method, key) ?? (route.method === "GET" || route.method === "DELETE" ? undefined : {}),
      );
      if (allowed(route.permission)) {
        expect([401, 403], `${key} is for technicians too → ${res.statusCode} ${res.body}`).not.toContain(
          res.statusCode,
        );
      } else {
        expect(res.statusCode, `${key} (${route.permission}) → ${res.body}`).toBe(403);
        expect(res.json().type).toBe("/problems/forbidden");
        forbidden.push(key);
      }
    }
    // What the shop's rules give a technician (DESIGN.md): clock time, run the inspection, read the
    // job; never money, customers' data, mail to customers, users or settings.
    for (const key of [
      "POST /api/v1/invoices",
      "POST /api/v1/invoices/:id/payments",
      "GET /api/v1/invoices",
      "POST /api/v1/customers",
      "PATCH /api/v1/customers/:id",
      "GET /api/v1/outbox/:id",
      "POST /api/v1/users",
      "PATCH /api/v1/settings/location",
      "POST /api/v1/estimates/:id/submit",
      "POST /api/v1/customers/:id/portal-accounts",
      "GET /api/v1/settings/api-keys",
      "POST /api/v1/settings/api-keys",
      "POST /api/v1/settings/api-keys/:id/revoke",
      "GET /api/v1/settings/webhooks",
      "POST /api/v1/settings/webhooks",
      "GET /api/v1/settings/webhooks/:id/deliveries",
      "POST /api/v1/settings/webhooks/deliveries/:id/resend",
    ])
      expect(forbidden, key).toContain(key);
    for (const key of [
      "POST /api/v1/work-items/:id/clock-on",
      "POST /api/v1/clock-off",
      "POST /api/v1/jobs/:id/finish",
      "PATCH /api/v1/inspection-items/:id",
      "POST /api/v1/inspection-items/:id/photos",
      "POST /api/v1/units/:id/readings",
      "GET /api/v1/service-board",
    ]) {
      expect(
        routes.map((r) => `${r.method} ${r.url}`),
        key,
      ).toContain(key);
      expect(forbidden, key).not.toContain(key);
    }
  });
});
