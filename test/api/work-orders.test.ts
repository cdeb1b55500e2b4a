import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, mailMessages, timeEntries, workItems } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, password, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let advisor: Client;
let tech: Client;
let tech2: Client;
let parts: Client;
let portal: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
  parts = client(t.app, await signIn(t.app, shop.staff.parts.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
  // A second technician, to race the first.
  const added = await client(t.app, await signIn(t.app, shop.staff.admin.email))("POST", "/api/v1/users", {
    name: "Second Tech",
    email: `tech2.${shop.locationId}@shop.test`,
    role: "technician",
    password,
  });
  expect(added.statusCode, added.body).toBe(201);
  tech2 = client(t.app, await signIn(t.app, added.json().email));
});
afterAll(() => t.close());

/** A submitted estimate on the fleet unit, approved in the portal: brakes (hourly, 2 parts) and tyres (flat). */
async function approvedWork() {
  let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
  const add = async (body: Record<string, unknown>) => {
    const res = await advisor("POST", `/api/v1/estimates/${e.id}/lines`, { ...body, version: e.version });
    expect(res.statusCode, res.body).toBe(201);
    e = res.json();
  };
  await add({
    kind: "labour",
    description: "Brakes",
    quantityMilli: 1500,
    unitPrice: 10_000,
    taxRateBp: 1900,
  });
  await add({
    kind: "part",
    labourLineId: e.draft.labour[0].id,
    description: "Pads",
    partNumber: "BP-1",
    quantityMilli: 1000,
    unitPrice: 4_000,
    taxRateBp: 1900,
  });
  await add({
    kind: "labour",
    description: "Winter tyres",
    quantityMilli: 1000,
    unitPrice: 5_000,
    pricing: "flat",
    taxRateBp: 1900,
  });
  await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
  const approved = await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
    versionNo: 1,
    labourLineIds: e.draft.labour.map((l: { id: string }) => l.id),
  });
  expect(approved.statusCode, approved.body).toBe(200);
  return e;
}

/** The fleet customer no longer authorises invoices: the shop invoices their work orders directly. */
async function invoicedDirectly() {
  const customer = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
  await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
    requiresInvoiceAuthorisation: false,
    version: customer.version,
  });
}

const card = async (unitId: string, query = "") =>
  (await advisor("GET", `/api/v1/service-board${query}`))
    .json()
    .items.find((c: { unitId: string }) => c.unitId === unitId);

describe("work orders", () => {
  it("goes from Work Required through clock, finish, Unit Ready and the customer's authorisation to invoiced", async () => {
    await approvedWork();
    let entry = await card(shop.businessUnitId);
    expect(entry).toMatchObject({ column: "work_required", workOrder: null });
    expect(entry.work.map((w: { description: string }) => w.description)).toEqual(["Brakes", "Winter tyres"]);

    // Only technicians (and admins) clock.
    expect((await advisor("POST", `/api/v1/work-items/${entry.work[0].id}/clock-on`)).statusCode).toBe(403);
    const opened = await tech("POST", `/api/v1/work-items/${entry.work[0].id}/clock-on`);
    expect(opened.statusCode, opened.body).toBe(200);
    let order = opened.json();
    expect(order).toMatchObject({
      number: expect.stringMatching(/^WO-\d{4}-000001$/),
      status: "in_progress",
      customerName: expect.any(String),
    });
    expect(order.jobs).toMatchObject([
      {
        description: "Brakes",
        status: "started",
        estimatedHoursMilli: 1500,
        parts: [{ partNumber: "BP-1" }],
      },
      { description: "Winter tyres", status: "to_do", pricing: "flat" },
    ]);
    expect(order.jobs[0].clockedOn).toMatchObject([{ id: shop.staff.technician.id }]);
    entry = await card(shop.businessUnitId);
    expect(entry).toMatchObject({ column: "in_progress", work: [] });
    // The unit page tells the work by its job: on the open order now, no longer Work Required.
    const unitWork = async () =>
      (await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`))
        .json()
        .items.map((w: { description: string; status: string; workOrder: { number: string } | null }) => [
          w.description,
          w.status,
          w.workOrder?.number,
        ]);
    expect(await unitWork()).toEqual([
      ["Brakes", "on_order", order.number],
      ["Winter tyres", "on_order", order.number],
    ]);
    expect(entry.workOrder.clockedOn).toMatchObject([{ job: "Brakes" }]);
    expect(await card(shop.businessUnitId, `?technician=${shop.staff.technician.id}`)).toBeDefined();
    expect(await card(shop.businessUnitId, "?column=unit_ready")).toBeUndefined();

    // One job at a time: clocking on to the tyres while on the brakes is refused with the brakes
    // named, and nothing changes; asked to switch, it clocks off the brakes and says so in the history.
    const [brakes, tyres] = order.jobs;
    const refused = await tech("POST", `/api/v1/jobs/${tyres.id}/clock-on`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: "/problems/clocked-on-elsewhere",
      running: { workOrderNumber: order.number, jobId: brakes.id, job: "Brakes" },
    });
    expect((await tech("GET", "/api/v1/clock")).json().running).toMatchObject({ jobId: brakes.id });
    order = (await tech("POST", `/api/v1/jobs/${tyres.id}/clock-on`, { switch: true })).json();
    expect(order.jobs[0].clockedOn).toEqual([]);
    expect(order.jobs[1].clockedOn).toHaveLength(1);
    expect(order.history).toContainEqual(
      expect.objectContaining({ action: "clock-off", note: "clocked on to another job" }),
    );
    expect((await tech("GET", "/api/v1/clock")).json().running).toMatchObject({
      jobId: tyres.id,
      workOrderNumber: order.number,
    });

    // 90 minutes on the brakes, as if the technician had worked them.
    const start = new Date(Date.now() - 2 * 3_600_000);
    await t.database.db
      .update(timeEntries)
      .set({ startedAt: start, endedAt: new Date(start.getTime() + 90 * 60_000) })
      .where(eq(timeEntries.jobId, brakes.id));

    const early = await advisor("POST", `/api/v1/work-orders/${order.id}/unit-ready`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain("Finish every job first");

    // The parts department adds a part used; a technician may not.
    expect(
      (
        await tech("POST", `/api/v1/jobs/${brakes.id}/parts`, {
          description: "Clip",
          quantityMilli: 1000,
          unitPrice: 100,
          taxRateBp: 1900,
        })
      ).statusCode,
    ).toBe(403);
    const part = await parts("POST", `/api/v1/jobs/${brakes.id}/parts`, {
      description: "Brake cleaner",
      partNumber: "BC-500",
      quantityMilli: 1000,
      unitPrice: 800,
      taxRateBp: 1900,
    });
    expect(part.statusCode, part.body).toBe(201);

    const finished = await tech("POST", `/api/v1/jobs/${brakes.id}/finish`);
    expect(finished.statusCode, finished.body).toBe(200);
    // Two technicians finishing the same job at once: one wins, the other is told.
    const race = await Promise.all([
      tech("POST", `/api/v1/jobs/${tyres.id}/finish`),
      tech2("POST", `/api/v1/jobs/${tyres.id}/finish`),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await tech("GET", "/api/v1/clock")).json().running).toBeNull();

    order = (await advisor("GET", `/api/v1/work-orders/${order.id}`)).json();
    expect(order.jobs[0].clockedHoursMilli).toBe(1500);
    // Brakes 1.5 h × 100.00 = 150.00, pads 40.00, cleaner 8.00, tyres flat 50.00 → 248.00 net.
    expect(order.billing.totals).toMatchObject({ net: 24_800, tax: 4_712, gross: 29_512 });
    // The list prices the open order by the same rules as its page, and counts it.
    const inProgress = (await advisor("GET", "/api/v1/work-orders?status=in_progress")).json();
    expect(inProgress.items).toMatchObject([{ id: order.id, gross: 29_512 }]);
    expect(inProgress.total).toBe(1);
    const searched = (await advisor("GET", `/api/v1/work-orders?q=${order.number}`)).json();
    expect(searched).toMatchObject({ items: [{ id: order.id, gross: 29_512 }], total: 1 });

    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/unit-ready`, {})).json();
    expect(order.status).toBe("unit_ready");
    expect((await card(shop.businessUnitId)).column).toBe("unit_ready");
    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/ready-to-submit`, {})).json();
    expect(order.status).toBe("ready_to_submit");
    const completeRO = (await advisor("GET", "/api/v1/work-orders?status=ready_to_submit")).json();
    expect(completeRO.items.map((o: { id: string }) => o.id)).toContain(order.id);

    // The fleet customer authorises invoices: the shop can only submit.
    const customer = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      requiresInvoiceAuthorisation: true,
      email: "fleet@fleet.test",
      version: customer.version,
    });
    const direct = await advisor("POST", `/api/v1/work-orders/${order.id}/invoice`, {});
    expect(direct.statusCode).toBe(409);
    expect(await unitWork()).toEqual([
      ["Brakes", "done", order.number],
      ["Winter tyres", "done", order.number],
    ]);
    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/submit`, {})).json();
    expect(order.status).toBe("awaiting_authorization");
    // Authorising is the customer's move: the shop is offered none while it waits (issue #11).
    expect(order.moves).toEqual([]);
    // The fleet customer is asked by mail, with the portal page to authorise on.
    const [asked] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.subject, `Work order ${order.number} is waiting for your authorisation`));
    expect(asked?.text).toContain(`/portal/repair-orders/${order.id}`);
    expect(asked?.text).toContain("€295.12 gross");

    const awaiting = (await portal("GET", "/api/v1/portal/work-orders?status=awaiting_authorization")).json();
    expect(awaiting.items).toMatchObject([{ id: order.id, gross: 29_512 }]);
    const portalView = (await portal("GET", `/api/v1/portal/work-orders/${order.id}`)).json();
    expect(portalView.moves).toEqual(["authorize"]);
    expect(portalView.jobs[0].timeEntries).toEqual([]);
    const tooLong = await portal("PATCH", `/api/v1/portal/work-orders/${order.id}`, {
      poNumber: "x".repeat(61),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe("poNumber");

    const authorised = await portal("POST", `/api/v1/portal/work-orders/${order.id}/authorize`, {
      poNumber: "PO-4711",
    });
    expect(authorised.statusCode, authorised.body).toBe(200);
    expect(authorised.json()).toMatchObject({ status: "invoiced", poNumber: "PO-4711", gross: 29_512 });
    expect((await portal("POST", `/api/v1/portal/work-orders/${order.id}/authorize`, {})).statusCode).toBe(
      409,
    );
    // Invoiced: the handed-over lines are frozen, a later edit of the PO is refused.
    const shopView = (await advisor("GET", `/api/v1/work-orders/${order.id}`)).json();
    expect(
      shopView.billing.lines.map((l: { description: string; quantityMilli: number }) => [
        l.description,
        l.quantityMilli,
      ]),
    ).toEqual([
      ["Brakes", 1500],
      ["Pads", 1000],
      ["Brake cleaner", 1000],
      ["Winter tyres", 1000],
    ]);
    expect(shopView.history).toContainEqual(
      expect.objectContaining({ action: "authorize", toStatus: "invoiced" }),
    );
    expect(
      (await portal("PATCH", `/api/v1/portal/work-orders/${order.id}`, { poNumber: "PO-1" })).statusCode,
    ).toBe(409);
    expect(await card(shop.businessUnitId)).toBeUndefined();
    expect(await unitWork()).toEqual([
      ["Brakes", "invoiced", order.number],
      ["Winter tyres", "invoiced", order.number],
    ]);
    // Authorising issued the invoice with the PO number (the portal guide: authorising "generates a
    // Work Order Invoice"), so the portal's "Invoiced" is true: a number, a PDF (issue #11).
    const accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
    const handed = (await accounting("GET", "/api/v1/invoices")).json().items;
    expect(handed).toMatchObject([
      {
        source: "work_order",
        workOrderId: order.id,
        status: "issued",
        number: expect.stringMatching(/^INV-\d{4}-000001$/),
        poNumber: "PO-4711",
        totals: { gross: 29_512 },
        open: 29_512,
        dueDate: expect.any(String),
      },
    ]);
    expect((await accounting("GET", `/api/v1/invoices/${handed[0].id}`)).json().lines).toHaveLength(4);
    expect(authorised.json().invoice).toMatchObject({
      id: handed[0].id,
      number: handed[0].number,
      status: "issued",
      gross: 29_512,
      open: 29_512,
    });
    const pdf = await portal("GET", `/api/v1/portal/invoices/${handed[0].id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    // Repair Orders – History: search by PO, export as CSV.
    const found = (await portal("GET", "/api/v1/portal/work-orders?po=4711")).json();
    expect(found.items.map((o: { number: string }) => o.number)).toEqual([order.number]);
    expect((await portal("GET", "/api/v1/portal/work-orders?po=nothing")).json().items).toEqual([]);
    const csv = await portal("GET", "/api/v1/portal/work-orders/export?po=4711");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const rows = csv.body.trim().split("\r\n");
    expect(rows[0]).toBe("number,status,unit,plate,fleetNumber,poNumber,opened,invoiced,currency,gross");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${order.number},invoiced,`);
    expect(rows[1]).toMatch(/,PO-4711,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},EUR,295\.12$/);
  });

  it("lets the shop invoice directly when the customer does not authorise, and reopen before that", async () => {
    await invoicedDirectly();
    await approvedWork();
    const entry = await card(shop.businessUnitId);
    let order = (await tech("POST", `/api/v1/work-items/${entry.work[1].id}/clock-on`)).json();
    expect(order.number).toMatch(/-000002$/);
    expect((await tech("POST", "/api/v1/clock-off")).statusCode).toBe(200);
    expect((await tech("POST", "/api/v1/clock-off")).statusCode).toBe(409);
    order = (
      await advisor("PATCH", `/api/v1/work-orders/${order.id}`, {
        waitingForParts: true,
        version: order.version,
      })
    ).json();
    expect((await card(shop.businessUnitId)).column).toBe("waiting_parts");
    for (const job of order.jobs) await tech("POST", `/api/v1/jobs/${job.id}/finish`);
    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/unit-ready`, {})).json();
    expect(order.waitingForParts).toBe(false);
    order = (
      await advisor("POST", `/api/v1/work-orders/${order.id}/reopen`, { note: "Squeak on test drive" })
    ).json();
    expect(order.status).toBe("in_progress");
    expect((await tech("POST", `/api/v1/jobs/${order.jobs[0].id}/reopen`)).json().jobs[0].status).toBe(
      "started",
    );
    await tech("POST", `/api/v1/jobs/${order.jobs[0].id}/finish`);
    await advisor("POST", `/api/v1/work-orders/${order.id}/unit-ready`, {});
    await advisor("POST", `/api/v1/work-orders/${order.id}/ready-to-submit`, {});
    expect((await advisor("POST", `/api/v1/work-orders/${order.id}/submit`, {})).statusCode).toBe(409);
    const stale = await advisor("POST", `/api/v1/work-orders/${order.id}/invoice`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/invoice`, {})).json();
    expect(order.status).toBe("invoiced");
    // Invoiced by the shop: a draft it still issues. The customer sees no invoice (nor its PDF) yet.
    expect(order.invoice).toMatchObject({ status: "draft", number: null });
    expect((await portal("GET", `/api/v1/portal/work-orders/${order.id}`)).json().invoice).toBeNull();
    expect((await portal("GET", `/api/v1/portal/invoices/${order.invoice.id}/pdf`)).statusCode).toBe(404);
    // Nobody clocked on the flat tyres job; a finished order can take no more time.
    expect((await tech("POST", `/api/v1/jobs/${order.jobs[1].id}/clock-on`)).statusCode).toBe(409);
  });

  it("bills approved or clocked hours as the location chose, and flags billed hours beyond its tolerance", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    let location = (await admin("GET", "/api/v1/settings/location")).json();
    // Clocked hours and 20 % unless the shop says otherwise.
    expect(location).toMatchObject({ billingMode: "clocked", billingTolerancePct: 20 });
    for (const bad of [
      { billingTolerancePct: 150 },
      { billingTolerancePct: -1 },
      { billingMode: "guessed" },
    ]) {
      const refused = await admin("PATCH", "/api/v1/settings/location", {
        ...bad,
        version: location.version,
      });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().errors[0].field).toBe(Object.keys(bad)[0]);
    }
    await invoicedDirectly();
    await approvedWork();
    const entry = await card(shop.businessUnitId);
    let order = (await tech("POST", `/api/v1/work-items/${entry.work[0].id}/clock-on`)).json();
    const brakes = order.jobs.find((j: { description: string }) => j.description === "Brakes");
    order = (await tech("POST", `/api/v1/jobs/${brakes.id}/clock-on`, { switch: true })).json();
    // 1.5 h approved, six minutes clocked.
    const start = new Date(Date.now() - 3_600_000);
    await t.database.db
      .update(timeEntries)
      .set({ startedAt: start, endedAt: new Date(start.getTime() + 6 * 60_000) })
      .where(eq(timeEntries.jobId, brakes.id));
    order = (await advisor("GET", `/api/v1/work-orders/${order.id}`)).json();
    expect(order.billingPolicy).toEqual({ mode: "clocked", tolerancePct: 20 });
    const brakesOf = (o: { jobs: { description: string }[] }) =>
      o.jobs.find((j) => j.description === "Brakes");
    expect(brakesOf(order)).toMatchObject({
      estimatedHoursMilli: 1500,
      clockedHoursMilli: 100,
      billedHoursMilli: 100,
      beyondTolerance: true,
    });
    // The flat tyres job bills its price: no hours, nothing to flag.
    expect(order.jobs.find((j: { description: string }) => j.description === "Winter tyres")).toMatchObject({
      billedHoursMilli: null,
      beyondTolerance: false,
    });

    // The location bills approved hours: the brakes bill 1.5 h, within any tolerance.
    const changed = await admin("PATCH", "/api/v1/settings/location", {
      billingMode: "approved",
      billingTolerancePct: 10,
      version: location.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    location = changed.json();
    expect(location).toMatchObject({ billingMode: "approved", billingTolerancePct: 10 });
    order = (await advisor("GET", `/api/v1/work-orders/${order.id}`)).json();
    expect(order.billingPolicy).toEqual({ mode: "approved", tolerancePct: 10 });
    expect(brakesOf(order)).toMatchObject({
      clockedHoursMilli: 100,
      billedHoursMilli: 1500,
      beyondTolerance: false,
    });
    expect(order.billing.lines[0]).toMatchObject({ description: "Brakes", quantityMilli: 1500, net: 15_000 });

    for (const job of order.jobs) await tech("POST", `/api/v1/jobs/${job.id}/finish`);
    await advisor("POST", `/api/v1/work-orders/${order.id}/unit-ready`, {});
    await advisor("POST", `/api/v1/work-orders/${order.id}/ready-to-submit`, {});
    order = (await advisor("POST", `/api/v1/work-orders/${order.id}/invoice`, {})).json();
    expect(order.status).toBe("invoiced");
    // The invoice made from the order bills the approved hours.
    const invoice = (await advisor("GET", `/api/v1/invoices/${order.invoice.id}`)).json();
    expect(invoice.lines[0]).toMatchObject({ description: "Brakes", quantityMilli: 1500, net: 15_000 });

    const restored = await admin("PATCH", "/api/v1/settings/location", {
      billingMode: "clocked",
      billingTolerancePct: 20,
      version: location.version,
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it("keeps each work item's job (the Service Board's projection) equal to the job that carries it", async () => {
    await approvedWork();
    const rows = await t.database.db
      .select({
        id: workItems.id,
        status: workItems.status,
        projected: workItems.jobId,
        waiting: workItems.waiting,
        derived: jobs.id,
      })
      .from(workItems)
      .leftJoin(jobs, eq(jobs.workItemId, workItems.id))
      .where(eq(workItems.organisationId, shop.organisationId));
    expect(rows.filter((r) => r.derived !== null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.derived === null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.projected !== r.derived)).toEqual([]);
    expect(rows.filter((r) => r.waiting !== (r.status === "required" && r.derived === null))).toEqual([]);
    // The board's Work Required is exactly the required work without a job.
    const onBoard = (await advisor("GET", "/api/v1/service-board"))
      .json()
      .items.flatMap((c: { work: { id: string }[] }) => c.work.map((w) => w.id));
    const derivedWaiting = rows.filter((r) => r.status === "required" && r.derived === null).map((r) => r.id);
    expect([...onBoard].sort()).toEqual([...derivedWaiting].sort());
  });
});
