// Walks every registered API route and proves tenancy: a user of organisation A gets 404 for
// organisation B's records, and a portal account cannot reach another customer's units. A new route
// fails this test until it is given a sample body below, so nothing slips past it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  inspectionPhotos,
  notifications,
  orderExtensions,
  recommendationParts,
  recommendations,
} from "../../src/db/schema";
import { newId } from "../../src/domain/ids";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop, upcoming } from "../support/fixtures";

let t: TestApp;
let a: Shop;
let b: Shop;
let staffA: Client;
let portalA: Client;
let bMailId: string;
let bBookingId: string;
let aPrivateBookingId: string;
let bEstimate: { id: string; lineId: string };
let aPrivateEstimateId: string;
let bWorkItemId: string;
let bWorkOrder: { id: string; jobId: string };
let aPrivateWorkOrderId: string;
let bQualification: { recommendationId: string; partId: string; extensionId: string };
let aPrivateExtensionId: string;
let bInvoiceId: string;
let aPrivateInvoiceId: string;
let bInspection: { itemId: string; photoId: string; templateId: string; notificationId: string };

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
  "POST /api/v1/invoices/:id/deliver": { deliveredTo: "Intruder", confirmUnpaid: true },
  "POST /api/v1/invoices/:id/book": {},
};

/** Query strings some routes need to get past validation. */
const sampleQueries: Record<string, string> = { "DELETE /api/v1/estimate-lines/:id": "?version=1" };

/** Which of B's records a path's `:id` stands for, by the segment before it. */
function idOfB(url: string): string {
  const segment = url.split("/:id")[0]!.split("/").pop();
  const ids: Record<string, string> = {
    customers: b.businessCustomerId,
    units: b.businessUnitId,
    outbox: bMailId,
    users: b.staff.service_advisor.id,
    "booking-requests": bBookingId,
    estimates: bEstimate.id,
    "estimate-lines": bEstimate.lineId,
    "work-orders": bWorkOrder.id,
    "work-items": bWorkItemId,
    jobs: bWorkOrder.jobId,
    "inspection-items": bInspection.itemId,
    "inspection-photos": bInspection.photoId,
    "inspection-templates": bInspection.templateId,
    notifications: bInspection.notificationId,
    recommendations: bQualification.recommendationId,
    "recommendation-parts": bQualification.partId,
    extensions: bQualification.extensionId,
    invoices: bInvoiceId,
  };
  const id = segment ? ids[segment] : undefined;
  if (!id) throw new Error(`isolation test: no record of organisation B for ${url}; add one to idOfB`);
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  a = await createShop(t.database.db, "Shop A");
  b = await createShop(t.database.db, "Shop B");
  staffA = client(t.app, await signIn(t.app, a.staff.admin.email));
  portalA = client(t.app, await signIn(t.app, a.portal.email, "portal"));
  const staffB = client(t.app, await signIn(t.app, b.staff.admin.email));
  await staffB("POST", `/api/v1/customers/${b.businessCustomerId}/portal-accounts`, {
    name: "B person",
    email: "b.person@fleet.test",
    password: "long enough password",
  });
  bMailId = (await staffB("GET", "/api/v1/outbox")).json().items[0].id;
  const booking = { date: upcoming(3), time: "09:00" };
  bBookingId = (
    await staffB("POST", "/api/v1/booking-requests", { unitId: b.businessUnitId, ...booking })
  ).json().id;
  aPrivateBookingId = (
    await staffA("POST", "/api/v1/booking-requests", { unitId: a.privateUnitId, ...booking })
  ).json().id;
  const estimateWithLine = async (api: Client, unitId: string) => {
    const e = (await api("POST", "/api/v1/estimates", { unitId })).json();
    const line = {
      kind: "labour",
      description: "Oil service",
      quantityMilli: 1000,
      unitPrice: 9900,
      taxRateBp: 1900,
    };
    const withLine = (
      await api("POST", `/api/v1/estimates/${e.id}/lines`, { ...line, version: e.version })
    ).json();
    await api("POST", `/api/v1/estimates/${e.id}/submit`, {});
    return { id: e.id as string, lineId: withLine.draft.labour[0].id as string };
  };
  bEstimate = await estimateWithLine(staffB, b.businessUnitId);
  const aPrivateEstimate = await estimateWithLine(staffA, a.privateUnitId);
  aPrivateEstimateId = aPrivateEstimate.id;

  // A work order in each: B's fleet customer approves in the portal, A's private customer by phone.
  const startWork = async (shop: Shop, staff: Client, unitId: string) => {
    const item = (await staff("GET", `/api/v1/units/${unitId}/work-items`)).json().items[0];
    const tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
    const order = (await tech("POST", `/api/v1/work-items/${item.id}/clock-on`)).json();
    return { itemId: item.id as string, id: order.id as string, jobId: order.jobs[0].id as string };
  };
  const portalB = client(t.app, await signIn(t.app, b.portal.email, "portal"));
  await portalB("POST", `/api/v1/portal/estimates/${bEstimate.id}/approve`, {
    versionNo: 1,
    labourLineIds: [bEstimate.lineId],
  });
  const bWork = await startWork(b, staffB, b.businessUnitId);
  bWorkItemId = bWork.itemId;
  bWorkOrder = bWork;
  await staffA("POST", `/api/v1/estimates/${aPrivateEstimate.id}/record-decision`, {
    decision: "approve",
    versionNo: 1,
    labourLineIds: [aPrivateEstimate.lineId],
    decidedBy: "Paula Private",
  });
  aPrivateWorkOrderId = (await startWork(a, staffA, a.privateUnitId)).id;

  // B's inspection with a photo, B's template and a notification of B's advisor.
  const inspection = (await staffB("POST", `/api/v1/work-orders/${bWorkOrder.id}/inspection`, {})).json();
  const itemId = inspection.inspection.areas[0].items[0].id as string;
  const photoId = newId("photo");
  await t.database.db.insert(inspectionPhotos).values({
    id: photoId,
    organisationId: b.organisationId,
    locationId: b.locationId,
    itemId,
    storageKey: `${b.organisationId}/missing.jpg`,
    bytes: 1,
    width: 1,
    height: 1,
    uploadedById: b.staff.technician.id,
  });
  const notificationId = newId("notification");
  await t.database.db.insert(notifications).values({
    id: notificationId,
    organisationId: b.organisationId,
    locationId: b.locationId,
    recipientId: b.staff.service_advisor.id,
    kind: "test",
    title: "B only",
  });
  const templateId = (await staffB("GET", "/api/v1/inspection-templates")).json().items[0].id as string;
  bInspection = { itemId, photoId, templateId, notificationId };

  // B's recommendation with a part and a sent extension; an extension of A's private customer.
  const extensionOf = async (shop: Shop, workOrderId: string, customerId: string) => {
    const scope = { organisationId: shop.organisationId, locationId: shop.locationId };
    const recommendationId = newId("recommendation");
    await t.database.db.insert(recommendations).values({
      id: recommendationId,
      ...scope,
      workOrderId,
      description: "Wipers",
      urgency: "attention",
    });
    const partId = newId("recommendationPart");
    await t.database.db.insert(recommendationParts).values({
      id: partId,
      ...scope,
      recommendationId,
      description: "Blade",
      quantityMilli: 1000,
      unitPrice: 100,
      taxRateBp: 1900,
    });
    const extensionId = newId("extension");
    await t.database.db.insert(orderExtensions).values({
      id: extensionId,
      ...scope,
      workOrderId,
      customerId,
      offer: {
        workOrderNumber: "WO",
        unitLabel: "Van",
        plate: null,
        currency: "EUR",
        items: [],
        totals: { net: 0, tax: 0, gross: 0, byRate: [] },
      },
      sentById: shop.staff.service_advisor.id,
      sentByName: "Advisor",
    });
    return { recommendationId, partId, extensionId };
  };
  bQualification = await extensionOf(b, bWorkOrder.id, b.businessCustomerId);
  aPrivateExtensionId = (await extensionOf(a, aPrivateWorkOrderId, a.privateCustomerId)).extensionId;
  bInvoiceId = (
    await staffB("POST", "/api/v1/invoices", {
      customerId: b.businessCustomerId,
      lines: [{ description: "x", quantityMilli: 1000, unitPrice: 100, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    })
  ).json().id;
  // An issued invoice of A's other customer: the portal account must not download its PDF.
  aPrivateInvoiceId = (
    await staffA("POST", "/api/v1/invoices", {
      customerId: a.privateCustomerId,
      lines: [{ description: "x", quantityMilli: 1000, unitPrice: 100, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    })
  ).json().id;
  expect((await staffA("POST", `/api/v1/invoices/${aPrivateInvoiceId}/issue`)).statusCode).toBe(200);
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
      const url = `${route.url.replace(":id", idOfB(route.url))}${sampleQueries[key] ?? ""}`;
      const caller = route.access === "portal" ? portalA : staffA;
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : sampleBodies[key];
      if (route.method !== "GET" && route.method !== "DELETE" && body === undefined)
        throw new Error(`isolation test: add a sample body for ${key}`);
      const res = await caller(route.method as "GET", url, body);
      expect(res.statusCode, `${key} → ${res.body}`).toBe(404);
    }
  });

  it("answers 404 to a portal account for another customer's records in its own organisation", async () => {
    const portalRoutes = apiRoutes().filter((r) => r.access === "portal" && r.url.includes(":id"));
    expect(portalRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of portalRoutes) {
      const key = `${route.method} ${route.url}`;
      const otherCustomers: Record<string, string> = {
        units: a.privateUnitId,
        "booking-requests": aPrivateBookingId,
        estimates: aPrivateEstimateId,
        "work-orders": aPrivateWorkOrderId,
        extensions: aPrivateExtensionId,
        invoices: aPrivateInvoiceId,
      };
      const segment = route.url.split("/:id")[0]!.split("/").pop()!;
      const id = otherCustomers[segment];
      if (!id) throw new Error(`isolation test: no other-customer record for ${key}`);
      const res = await portalA(route.method as "GET", route.url.replace(":id", id), sampleBodies[key]);
      expect(res.statusCode, key).toBe(404);
    }
  });

  it("never lists organisation B's records to organisation A", async () => {
    const bIds = [
      bInvoiceId,
      bQualification.recommendationId,
      bQualification.partId,
      bQualification.extensionId,
      bInspection.itemId,
      bInspection.photoId,
      bInspection.templateId,
      bInspection.notificationId,
      bWorkOrder.id,
      bWorkOrder.jobId,
      bWorkItemId,
      bEstimate.id,
      bEstimate.lineId,
      b.businessCustomerId,
      b.privateCustomerId,
      b.businessUnitId,
      b.privateUnitId,
      bMailId,
      b.locationId,
    ];
    const query: Record<string, string> = {
      "/api/v1/booking-slots": `?date=${upcoming(3)}`,
      "/api/v1/portal/booking-slots": `?date=${upcoming(3)}`,
    };
    // The event stream never ends; live.test.ts proves it only carries the caller's own events.
    const streams = new Set(["/api/v1/events"]);
    const lists = apiRoutes().filter(
      (r) => r.method === "GET" && !r.url.includes(":") && !streams.has(r.url),
    );
    for (const route of lists) {
      const caller = route.access === "portal" ? portalA : staffA;
      const res = await caller("GET", `${route.url}${query[route.url] ?? ""}`);
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
