// The fleet customer's side of a work order, on a phone: the shop's work is set up through the API (an
// approved estimate, clocked and finished jobs, Unit Ready → Ready to Submit → Submit), then the
// customer finds it under Awaiting Authorization, adds a PO number, authorises the invoice, finds the
// order again in Repair Orders – History by that PO number and exports it as CSV.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserRig, expectAccessible, phone, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Work order shop");
});
afterAll(() => rig?.close());

/** A work order on the fleet unit, submitted for the customer's authorisation; returns it as the portal sees it. */
async function submittedWorkOrder() {
  const { app } = rig.t;
  const { shop } = rig;
  const advisor = client(app, await apiSignIn(app, shop.staff.service_advisor.email));
  const tech = client(app, await apiSignIn(app, shop.staff.technician.email));
  const portal = client(app, await apiSignIn(app, shop.portal.email, "portal"));
  const ok = async (res: Awaited<ReturnType<typeof advisor>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  let estimate = await ok(await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId }), 201);
  const add = async (body: Record<string, unknown>) => {
    estimate = await ok(
      await advisor("POST", `/api/v1/estimates/${estimate.id}/lines`, { ...body, version: estimate.version }),
      201,
    );
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
    labourLineId: estimate.draft.labour[0].id,
    description: "Brake pads",
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
  await ok(await advisor("POST", `/api/v1/estimates/${estimate.id}/submit`, {}));
  await ok(
    await portal("POST", `/api/v1/portal/estimates/${estimate.id}/approve`, {
      versionNo: 1,
      labourLineIds: estimate.draft.labour.map((l: { id: string }) => l.id),
    }),
  );

  const customer = await ok(await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`));
  await ok(
    await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      requiresInvoiceAuthorisation: true,
      version: customer.version,
    }),
  );

  const work = await ok(await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`));
  const item = work.items.find((w: { status: string }) => w.status === "required");
  let order = await ok(await tech("POST", `/api/v1/work-items/${item.id}/clock-on`));
  for (const job of order.jobs) order = await ok(await tech("POST", `/api/v1/jobs/${job.id}/finish`));
  for (const move of ["unit-ready", "ready-to-submit", "submit"]) {
    order = await ok(await advisor("POST", `/api/v1/work-orders/${order.id}/${move}`, {}));
  }
  expect(order.status).toBe("awaiting_authorization");
  return ok(await portal("GET", `/api/v1/portal/work-orders/${order.id}`));
}

describe("portal work orders", () => {
  it("lets the fleet customer authorise an invoice with a PO number and find it in the history", async () => {
    const order = await submittedWorkOrder();
    const gross = new Intl.NumberFormat("en-GB", { style: "currency", currency: order.currency }).format(
      order.billing.totals.gross / 100,
    );
    const po = "PO-7781";

    const context = await rig.browser.newContext({ ...phone, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/portal/login", rig.shop.portal.email);

    // Awaiting Authorization lists it; it opens the work order.
    await page.getByRole("link", { name: "Awaiting Authorization" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Awaiting Authorization");
    const list = page.getByRole("list", { name: "Work orders awaiting your authorization" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    expect(await list.textContent()).toContain(order.number);
    expect(await list.textContent()).toContain(gross);
    await expectAccessible(page, "portal awaiting authorization");
    await list.getByRole("button", { name: "Review and authorize" }).click();

    // The detail: jobs with their parts, totals, the PO field and Authorize Invoice.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(order.number);
    const jobs = page.getByRole("list", { name: "Jobs and parts" });
    await expect.poll(() => jobs.getByText("Brake pads").count()).toBe(1);
    expect(await jobs.textContent()).toContain("Winter tyres");
    expect(await page.getByRole("table", { name: "Totals" }).textContent()).toContain(gross);
    await page.getByLabel("Customer PO Number").fill(po);
    await expectAccessible(page, "portal work order");
    await screenshot(page, "portal-work-order-phone");

    await page.getByRole("button", { name: "Authorize Invoice" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(gross);
    expect(await dialog.textContent()).toContain(po);
    await expectAccessible(page, "portal authorize invoice dialog");
    await dialog.getByRole("button", { name: "Yes, authorize" }).click();
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await expect.poll(() => page.getByText(/^Invoiced on /).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText("Invoiced", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(po, { exact: true }).count()).toBe(1);
    await screenshot(page, "portal-work-order-invoiced-phone");

    // Repair Orders – History: search by the PO number, then export what is listed.
    await page.getByRole("link", { name: "Repair Orders – History" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Repair Orders – History");
    await page.getByLabel("Search by Customer PO Number").fill("7781");
    const exportLink = page.getByRole("link", { name: "Export CSV" });
    await expect.poll(() => exportLink.getAttribute("href")).toContain("po=7781");
    const history = page.getByRole("list", { name: "Repair orders" });
    await expect.poll(() => history.getByRole("listitem").count()).toBe(1);
    expect(await history.textContent()).toContain(order.number);
    expect(await history.textContent()).toContain(po);
    await expectAccessible(page, "portal repair orders history");
    await screenshot(page, "portal-repair-orders-phone");

    const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
    expect(download.suggestedFilename()).toBe("repair-orders.csv");
    const csv = await readFile(await download.path(), "utf8");
    const rows = csv.trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${order.number},invoiced,`);
    expect(rows[1]).toContain(`,${po},`);

    // A PO search that matches nothing says so.
    await page.getByLabel("Search by Customer PO Number").fill("nothing-like-this");
    await expect.poll(() => page.getByText("No repair orders match").count()).toBe(1);

    // The same work order in German.
    await page.getByText("DE", { exact: true }).click();
    await page.goto(`${rig.base}/portal/repair-orders/${order.id}`);
    await expect.poll(() => page.getByText(/^Abgerechnet am /).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole("list", { name: "Arbeiten und Teile" }).count()).toBe(1);
    await screenshot(page, "portal-work-order-de-phone");

    expect(errors).toEqual([]);
    await context.close();
  });
});
