// The estimate round trip in Chromium: the advisor builds an estimate from a unit and submits it, the
// fleet customer disputes a part from a phone, the advisor acknowledges, reprices and resubmits, and
// the customer approves only part of the work. Both sides see the whole dispute history.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Estimate shop");
});
afterAll(() => rig?.close());

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

/** The PDF behind a "Download PDF" link answers as a PDF (with the page's cookies). */
async function expectPdf(page: Page, linkName: string) {
  const link = page.getByRole("link", { name: linkName }).first();
  await expect.poll(() => link.count()).toBe(1);
  expect(await link.getAttribute("target")).toBe("_blank");
  const href = (await link.getAttribute("href")) ?? "";
  const response = await page.request.get(`${rig.base}${href}`);
  expect(response.status(), href).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  return href;
}

/** An input by its whole label (a required one ends in " *"): "Hours" is not "Hours × rate". */
function field(scope: Locator, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

async function addLine(
  page: Page,
  opener: () => Promise<void>,
  fields: Record<string, string>,
  expectText: string,
) {
  await opener();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fields)) await field(dialog, label).fill(value);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await closedDialogs(page);
  await expect.poll(() => page.getByText(expectText, { exact: true }).count()).toBeGreaterThan(0);
}

describe("estimate approval with a dispute", () => {
  it("goes from the advisor to the customer's phone and back until the customer approves", async () => {
    const shopContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const advisor = await shopContext.newPage();
    const customer = await customerContext.newPage();
    const errors: string[] = [];
    for (const p of [advisor, customer]) p.on("pageerror", (e) => errors.push(e.message));

    // The advisor starts an estimate from the unit.
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/units/${rig.shop.businessUnitId}`);
    await advisor.getByRole("button", { name: "New estimate" }).click();
    await advisor.waitForURL(/\/shop\/estimates\/[^/]+$/);
    const estimateId = new URL(advisor.url()).pathname.split("/").at(-1) ?? "";
    await expect
      .poll(() => advisor.getByRole("heading", { level: 1 }).textContent())
      .toMatch(/EST-\d{4}-\d+/);
    await expect
      .poll(() => advisor.getByRole("button", { name: "Submit", exact: true }).isDisabled())
      .toBe(true);

    const addLabour = () => advisor.getByRole("button", { name: "Add Labour" }).click();
    const addPartsTo = (labour: string) => () =>
      advisor
        .getByRole("listitem")
        .filter({ hasText: labour })
        .getByRole("button", { name: "Add Parts" })
        .click();
    await addLine(
      advisor,
      addLabour,
      { Description: "Replace front brake pads and discs", Hours: "1,5", "Price per hour": "89,99" },
      "Replace front brake pads and discs",
    );
    await addLine(
      advisor,
      addLabour,
      { Description: "Replace wiper blades", Hours: "0,25", "Price per hour": "89,99" },
      "Replace wiper blades",
    );
    await addLine(
      advisor,
      addPartsTo("Replace front brake pads and discs"),
      { "Part number": "BP-100", Description: "Brake pads", Quantity: "1", "Unit price": "45,50" },
      "Brake pads",
    );
    await addLine(
      advisor,
      addPartsTo("Replace front brake pads and discs"),
      { "Part number": "BD-200", Description: "Brake discs", Quantity: "2", "Unit price": "62,00" },
      "Brake discs",
    );
    await addLine(
      advisor,
      addPartsTo("Replace wiper blades"),
      { "Part number": "WB-300", Description: "Wiper blades", Quantity: "2", "Unit price": "12,99" },
      "Wiper blades",
    );
    // Net 352.97 + VAT 19 % 67.06 = 420.03
    const totals = advisor.getByRole("table", { name: "Totals" });
    await expect.poll(() => totals.getByText("€420.03").count()).toBe(1);
    expect(await totals.getByText("€352.97", { exact: true }).count()).toBe(1);
    expect(await totals.getByText("€67.06", { exact: true }).count()).toBe(1);
    await expectAccessible(advisor, "estimate editor");
    await screenshot(advisor, "shop-estimate-editor");

    await advisor.getByRole("button", { name: "Submit", exact: true }).click();
    await advisor.getByLabel("Note to the customer").fill("Pads and discs are worn out");
    await advisor.getByRole("button", { name: "Submit to customer" }).click();
    await closedDialogs(advisor);
    await expect.poll(() => advisor.getByText("Awaiting customer").count()).toBeGreaterThan(0);

    // The customer disputes the brake discs from the phone.
    await rig.signInAs(customer, "/portal/login", rig.shop.portal.email);
    await customer.getByRole("link", { name: "Pending Approval" }).click();
    await expect
      .poll(() => customer.getByRole("heading", { level: 1 }).textContent())
      .toBe("Pending Approval");
    // Only what waits for the customer, counted on the tab; the decided ones are in History.
    const waitingTab = customer.getByRole("tab", { name: /Waiting for you/ });
    await expect.poll(() => waitingTab.textContent()).toContain("1");
    await expect.poll(() => waitingTab.getAttribute("aria-selected")).toBe("true");
    await screenshot(customer, "portal-pending-approval-phone");
    await customer.getByRole("button", { name: "Review" }).first().click();
    await expect.poll(() => customer.getByText("Pads and discs are worn out").count()).toBeGreaterThan(0);
    await expect.poll(() => customer.getByText("€420.03").count()).toBeGreaterThan(0);
    await expectAccessible(customer, "portal estimate");
    await expectPdf(customer, "Download PDF of version 1");
    await screenshot(customer, "portal-estimate-phone");
    await customer.getByRole("button", { name: "Dispute", exact: true }).click();
    const brakesLine = customer.getByLabel("Dispute Replace front brake pads and discs", { exact: true });
    expect(await brakesLine.isChecked()).toBe(false);
    await customer.getByLabel("Dispute Brake discs", { exact: true }).check();
    // Its labour line is ticked with it, visibly, and says why.
    await expect.poll(() => brakesLine.isChecked()).toBe(true);
    expect(await customer.getByText("Ticked with its part", { exact: false }).count()).toBe(1);
    await customer.getByLabel("Note for Brake discs").fill("Discs were replaced last spring");
    await expectAccessible(customer, "portal estimate dispute");
    await screenshot(customer, "portal-estimate-dispute-phone");
    await customer.getByRole("button", { name: "Send dispute" }).click();
    await expect
      .poll(() => customer.getByText("You disputed this estimate", { exact: false }).count())
      .toBeGreaterThan(0);

    // The advisor sees the disputed part in red, acknowledges, reprices and resubmits.
    await advisor.reload();
    await expect
      .poll(() => advisor.getByText("Discs were replaced last spring", { exact: false }).count())
      .toBeGreaterThan(0);
    expect(await advisor.getByText("Disputed", { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(advisor, "shop-estimate-disputed");
    await advisor.getByRole("button", { name: "Acknowledge Dispute" }).click();
    await advisor.getByLabel("Answer to the customer").fill("You are right, we will check the discs");
    await advisor.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await closedDialogs(advisor);
    await advisor.getByRole("button", { name: "Edit Brake discs" }).click();
    const edit = advisor.getByRole("dialog");
    await expect.poll(() => edit.getByLabel("Unit price").inputValue()).toBe("62.00");
    await edit.getByLabel("Unit price").fill("31,00");
    await edit.getByRole("button", { name: "Save" }).click();
    await closedDialogs(advisor);
    // The disputed note stays next to its line while revising.
    expect(
      await advisor.getByText("Discs were replaced last spring", { exact: false }).count(),
    ).toBeGreaterThan(0);
    await advisor.getByRole("button", { name: "Submit", exact: true }).click();
    await advisor.getByLabel("Note to the customer").fill("Discs only checked, half the price");
    await advisor.getByRole("button", { name: "Submit to customer" }).click();
    await closedDialogs(advisor);
    await expect
      .poll(() => advisor.getByText("Changes from version 1").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // The customer sees what changed and approves only the brakes.
    await customer.reload();
    await expect.poll(() => customer.getByRole("heading", { name: "What changed" }).count()).toBe(1);
    const changes = customer.getByRole("list", { name: "What changed" });
    expect(await changes.textContent()).toContain("Brake discs");
    expect(await changes.textContent()).toContain("€62.00 → €31.00");
    await customer.getByLabel("Approve Replace wiper blades").uncheck();
    await customer.getByRole("button", { name: "Approve", exact: true }).click();
    // The brakes by the estimate's own rule (tax once on €242.49): €288.56, not the €288.57 that
    // per-line tax added up to (issue #11).
    await expect.poll(() => customer.getByRole("dialog").textContent()).toContain("€288.56");
    await customer.getByRole("button", { name: "Approve selected work" }).click();
    await expect
      .poll(() => customer.getByText("You approved this estimate").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // After the partial approval the Totals are what was approved; the declined wipers are apart.
    const approvalOn = async (page: typeof customer) => {
      const approval = page.getByRole("table", { name: "Approval" });
      await expect.poll(() => approval.count(), { timeout: 10_000 }).toBe(1);
      const text = await approval.textContent();
      expect(text).toContain("Estimate total€346.25");
      expect(text).toContain("Approved€288.56");
      expect(text).toContain("Declined€57.69");
      expect(await page.getByRole("table", { name: "Totals" }).first().textContent()).toContain("€288.56");
    };
    await approvalOn(customer);

    await screenshot(customer, "portal-estimate-approved-phone");

    // Stored: approved, brakes approved, wipers declined.
    const estimate = await rig.t.database.db.query.estimates.findFirst({
      where: (e, { eq }) => eq(e.id, estimateId),
    });
    expect(estimate?.status).toBe("approved");
    const lines = await rig.t.database.db.query.estimateLines.findMany({
      where: (l, { eq }) => eq(l.estimateId, estimateId),
    });
    const brakes = lines.find((l) => l.description === "Replace front brake pads and discs");
    const wipers = lines.find((l) => l.description === "Replace wiper blades");
    const decisions = await rig.t.database.db.query.estimateDecisions.findMany({
      where: (d, { eq }) => eq(d.estimateId, estimateId),
    });
    const approval = decisions.find((d) => d.decision === "approve");
    expect(approval?.versionNo).toBe(2);
    expect(approval?.approvedLineIds).toEqual([brakes?.id]);
    expect(approval?.declinedLineIds).toEqual([wipers?.id]);
    const dispute = decisions.find((d) => d.decision === "dispute");
    const discs = lines.find((l) => l.description === "Brake discs");
    expect(dispute?.disputedLines.find((l) => l.lineId === discs?.id)?.note).toBe(
      "Discs were replaced last spring",
    );
    expect(dispute?.disputedLines.find((l) => l.lineId === brakes?.id)).toMatchObject({
      note: "Disputed with its part",
      withPart: true,
    });

    // Both sides see the whole history.
    await advisor.reload();
    await approvalOn(advisor);
    await screenshot(advisor, "shop-estimate-partly-approved");
    for (const page of [advisor, customer]) {
      const history = page.getByRole("list", { name: "Dispute History" });
      await expect
        .poll(() => history.getByRole("listitem").count(), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(4);
    }

    // Decided: it left Pending Approval (no badge) for History.
    await customer.goto(`${rig.base}/portal/estimates`);
    await expect
      .poll(() => customer.getByText("No estimates waiting", { exact: true }).count())
      .toBeGreaterThan(0);
    expect(await customer.getByRole("tab", { name: /Waiting for you/ }).textContent()).not.toMatch(/\d/);
    await customer.getByRole("tab", { name: "History" }).click();
    await expect.poll(() => customer.getByText("Approved", { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(customer, "portal estimate history");
    await screenshot(customer, "portal-estimate-history-phone");

    // The list shows it as approved.
    await advisor.getByRole("link", { name: "Estimates", exact: true }).click();
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toBe("Estimates");
    const row = advisor.getByRole("row").filter({ hasText: "Transit" });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByText("€346.25").count()).toBe(1);
    await expectAccessible(advisor, "estimate list");
    await screenshot(advisor, "shop-estimate-list");

    // The approved line is Work Required on the Service Board; the declined one stays on the unit.
    await advisor.getByRole("link", { name: "Service Board" }).click();
    const card = advisor.getByRole("article").filter({ hasText: "Transit" });
    await expect.poll(() => card.getByText("Replace front brake pads and discs").count()).toBe(1);
    expect(await card.getByText("Replace wiper blades").count()).toBe(0);
    await expectAccessible(advisor, "service board");
    await screenshot(advisor, "shop-service-board");
    await card.getByRole("link", { name: /Transit/ }).click();
    const declinedRow = advisor.getByRole("row").filter({ hasText: "Replace wiper blades" });
    await expect.poll(() => declinedRow.getByText("Declined").count()).toBe(1);
    await expectAccessible(advisor, "unit with declined work");

    expect(errors).toEqual([]);
    await shopContext.close();
    await customerContext.close();
  });
});

/** From a unit: a new estimate with one labour line, submitted to the customer. Returns its id. */
async function submitOneLineEstimate(page: Page, unitId: string, description: string) {
  await page.goto(`${rig.base}/shop/units/${unitId}`);
  await page.getByRole("button", { name: "New estimate" }).click();
  await page.waitForURL(/\/shop\/estimates\/[^/]+$/);
  const estimateId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/EST-\d{4}-\d+/);
  await addLine(
    page,
    () => page.getByRole("button", { name: "Add Labour" }).click(),
    { Description: description, Hours: "1", "Price per hour": "100" },
    description,
  );
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await page.getByRole("button", { name: "Submit to customer" }).click();
  await closedDialogs(page);
  await expect.poll(() => page.getByText("Awaiting customer").count()).toBeGreaterThan(0);
  return estimateId;
}

describe("estimate decisions without the portal", () => {
  it("lets a private customer approve through the mailed link, once", async () => {
    const shopContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await customerContext.addInitScript(() => window.localStorage.setItem("pitlane.lang", "en"));
    const advisor = await shopContext.newPage();
    const customer = await customerContext.newPage();
    const errors: string[] = [];
    for (const p of [advisor, customer]) p.on("pageerror", (e) => errors.push(e.message));

    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    const startedAt = new Date();
    const estimateId = await submitOneLineEstimate(advisor, rig.shop.privateUnitId, "Oil change");

    // The German private customer gets a mail with a link of their own.
    let path = "";
    await expect
      .poll(
        async () => {
          const mails = await rig.t.database.db.query.mailMessages.findMany();
          const mail = mails
            .filter((m) => m.subject.startsWith("Kostenvoranschlag") && m.createdAt >= startedAt)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
          path = /\/e\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? "")?.[0] ?? "";
          return path;
        },
        { timeout: 10_000 },
      )
      .not.toBe("");

    await customer.goto(`${rig.base}${path}`);
    await expect
      .poll(() => customer.getByText("Volkswagen Polo", { exact: false }).count())
      .toBeGreaterThan(0);
    await expect.poll(() => customer.getByText("Oil change", { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(customer, "estimate link");
    await expectPdf(customer, "Download PDF of version 1");
    await customer.getByRole("button", { name: "Approve", exact: true }).click();
    await customer.getByRole("button", { name: "Approve selected work" }).click();
    await expect
      .poll(() => customer.getByText("You approved this estimate").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await customer.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    await expectAccessible(customer, "estimate link answered");
    await screenshot(customer, "estimate-link-phone");

    // The link served its decision: reopening shows the outcome, read-only.
    await customer.reload();
    await expect
      .poll(() => customer.getByText("You have already answered through this link.").count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await customer.getByText("You approved this estimate").count()).toBeGreaterThan(0);
    expect(await customer.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
    await screenshot(customer, "estimate-link-used-phone");

    const estimate = await rig.t.database.db.query.estimates.findFirst({
      where: (e, { eq }) => eq(e.id, estimateId),
    });
    expect(estimate?.status).toBe("approved");

    expect(errors).toEqual([]);
    await shopContext.close();
    await customerContext.close();
  });

  it("records an approval the customer gave by phone", async () => {
    const shopContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const advisor = await shopContext.newPage();
    const errors: string[] = [];
    advisor.on("pageerror", (e) => errors.push(e.message));

    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await submitOneLineEstimate(advisor, rig.shop.businessUnitId, "Replace cabin filter");

    await advisor.getByRole("button", { name: "Record decision by phone" }).click();
    const dialog = advisor.getByRole("dialog");
    await expect
      .poll(() => dialog.getByLabel("Replace cabin filter", { exact: false }).isChecked())
      .toBe(true);
    await dialog.getByRole("button", { name: "Record decision" }).click();
    // Who decided is required.
    await expect.poll(() => dialog.getByText("Enter who at the customer decided.").count()).toBe(1);
    await dialog.getByLabel("Who decided?").fill("Frank Flotte");
    await expectAccessible(advisor, "record decision by phone");
    await screenshot(advisor, "shop-estimate-phone-decision");
    await dialog.getByRole("button", { name: "Record decision" }).click();
    await closedDialogs(advisor);

    await expect.poll(() => advisor.getByText("Approved", { exact: true }).count()).toBeGreaterThan(0);
    const history = advisor.getByRole("list", { name: "Dispute History" });
    const entry = history.getByRole("listitem").filter({ hasText: "Frank Flotte" });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.getByText("by phone", { exact: true }).count()).toBe(1);
    await screenshot(advisor, "shop-estimate-phone-recorded");

    expect(errors).toEqual([]);
    await shopContext.close();
  });
});

describe("estimate editor", () => {
  it("discards a draft after asking, at 1440 px and on the phone", async () => {
    const api = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
    for (const [size, name] of [
      [{ viewport: { width: 1440, height: 900 } }, "desktop"],
      [phone, "phone"],
    ] as const) {
      const e = (await api("POST", "/api/v1/estimates", { unitId: rig.shop.businessUnitId })).json();
      const context = await rig.browser.newContext({ ...size, locale: "en-GB" });
      const page = await context.newPage();
      await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);
      await page.goto(`${rig.base}/shop/estimates/${e.id}`);
      await page.getByRole("button", { name: "Discard draft" }).click();
      const dialog = page.getByRole("dialog", { name: `Discard draft ${e.number}?` });
      await expect.poll(() => dialog.count()).toBe(1);
      await expectAccessible(page, "discard draft");
      await screenshot(page, `shop-estimate-discard-${name}`);
      // Cancelling keeps it.
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await closedDialogs(page);
      expect((await api("GET", `/api/v1/estimates/${e.id}`)).statusCode).toBe(200);
      await page.getByRole("button", { name: "Discard draft" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Discard draft" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/shop/estimates");
      await expect.poll(() => page.getByText(`Draft ${e.number} discarded`).count()).toBeGreaterThan(0);
      expect((await api("GET", `/api/v1/estimates/${e.id}`)).statusCode).toBe(404);
      // The list shows without it once its fresh page arrives.
      await expect.poll(() => page.getByText(e.number, { exact: true }).count()).toBe(0);
      await screenshot(page, `shop-estimate-discarded-${name}`);
      await context.close();
    }
  });

  it("moves a labour line up with its parts, from the keyboard", async () => {
    const api = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
    let e = (await api("POST", "/api/v1/estimates", { unitId: rig.shop.businessUnitId })).json();
    for (const description of ["Oil service", "Air filter"]) {
      e = (
        await api("POST", `/api/v1/estimates/${e.id}/lines`, {
          kind: "labour",
          description,
          quantityMilli: 1000,
          unitPrice: 5000,
          taxRateBp: 1900,
          version: e.version,
        })
      ).json();
    }
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    await rig.signInAs(page, "/login", rig.shop.staff.service_advisor.email);
    await page.goto(`${rig.base}/shop/estimates/${e.id}`);
    const up = page.getByRole("button", { name: "Move Air filter up" });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(async () =>
        (await api("GET", `/api/v1/estimates/${e.id}`))
          .json()
          .draft.labour.map((l: { description: string }) => l.description),
      )
      .toEqual(["Air filter", "Oil service"]);
    await expect.poll(() => page.getByRole("button", { name: "Move Air filter up" }).isDisabled()).toBe(true);
    await context.close();
  });

  it("prices labour flat, offers each version as a PDF and shows a colleague's edit live", async () => {
    const first = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const second = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const advisor = await first.newPage();
    const colleague = await second.newPage();
    const errors: string[] = [];
    for (const p of [advisor, colleague]) p.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await rig.signInAs(colleague, "/login", rig.shop.staff.service_advisor.email);

    // From the customer: their only unit is preselected.
    await advisor.goto(`${rig.base}/shop/customers/${rig.shop.businessCustomerId}`);
    await advisor.getByRole("button", { name: "New estimate" }).click();
    const picker = advisor.getByRole("dialog");
    await expect.poll(() => picker.getByLabel("Unit").inputValue()).toMatch(/Transit/);
    await picker.getByRole("button", { name: "Create estimate" }).click();
    await advisor.waitForURL(/\/shop\/estimates\/[^/]+$/);
    const path = new URL(advisor.url()).pathname;
    await colleague.goto(`${rig.base}${path}`);
    await expect.poll(() => colleague.getByText("No labour lines yet.").count()).toBe(1);

    // Add Labour starts with the location's rate; flat pricing asks for estimated hours and a price.
    await advisor.getByRole("button", { name: "Add Labour" }).click();
    const dialog = advisor.getByRole("dialog");
    expect(await field(dialog, "Price per hour").inputValue()).toBe("95.00");
    await field(dialog, "Description").fill("Electrical diagnosis");
    await field(dialog, "Flat price").check();
    await field(dialog, "Estimated hours").fill("1,5");
    await field(dialog, "Price").fill("120");
    await expect.poll(() => dialog.getByText("Line net: €120.00").count()).toBe(1);
    await expectAccessible(advisor, "add flat labour");
    await screenshot(advisor, "shop-estimate-add-flat-labour");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await closedDialogs(advisor);
    const line = advisor.getByRole("listitem").filter({ hasText: "Electrical diagnosis" });
    await expect.poll(() => line.getByText("Flat price (est. 1.5 h)", { exact: false }).count()).toBe(1);
    expect(await line.getByText("€120.00", { exact: true }).count()).toBe(1);
    await expect
      .poll(() => advisor.getByRole("table", { name: "Totals" }).getByText("€142.80").count())
      .toBe(1);
    await screenshot(advisor, "shop-estimate-flat-labour");

    // The colleague's open page shows the new line without a reload.
    await expect
      .poll(() => colleague.getByText("Electrical diagnosis", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await colleague.getByText("€120.00", { exact: true }).count()).toBeGreaterThan(0);

    // Submitted, the version's PDF opens in a new tab.
    await advisor.getByRole("button", { name: "Submit", exact: true }).click();
    await advisor.getByRole("button", { name: "Submit to customer" }).click();
    await closedDialogs(advisor);
    expect(await expectPdf(advisor, "Download PDF of version 1")).toMatch(/\/pdf\?version=1$/);

    expect(errors).toEqual([]);
    await first.close();
    await second.close();
  });
});
