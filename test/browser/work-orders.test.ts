// From approved work to Ready to Submit in Chromium: a technician on a tablet clocks on to Work Required
// from the Service Board, which opens the work order, and finishes both jobs; the advisor watches the
// card move on the board live, marks the unit ready and ready to submit, and finds the work order in
// the Work Orders list under Ready to Submit.

import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries } from "../../src/db/schema";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, type Client, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Work order shop");
});
afterAll(() => rig?.close());

const tablet = { viewport: { width: 1024, height: 768 }, hasTouch: true };

/** An estimate with two labour lines on a unit, submitted; returns it (with its labour line ids). */
async function submittedEstimate(advisor: Client, unitId: string, lines: string[]) {
  let e = (await advisor("POST", "/api/v1/estimates", { unitId })).json();
  for (const description of lines) {
    const res = await advisor("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description,
      quantityMilli: 1000,
      unitPrice: 9_000,
      taxRateBp: 1900,
      version: e.version,
    });
    expect(res.statusCode, res.body).toBe(201);
    e = res.json();
  }
  const submitted = await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { id: e.id as string, labourLineIds: e.draft.labour.map((l: { id: string }) => l.id) as string[] };
}

function column(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

describe("work orders", () => {
  it("goes from Work Required through the technician's clock to Ready to Submit, live on the board", async () => {
    const app = rig.t.app;
    const advisorApi = client(app, await apiSignIn(app, rig.shop.staff.service_advisor.email));
    const portalApi = client(app, await apiSignIn(app, rig.shop.portal.email, "portal"));

    // The fleet customer approves both lines in the portal; the private customer approves by phone.
    const fleet = await submittedEstimate(advisorApi, rig.shop.businessUnitId, [
      "Brake service",
      "Replace wiper blades",
    ]);
    const approved = await portalApi("POST", `/api/v1/portal/estimates/${fleet.id}/approve`, {
      versionNo: 1,
      labourLineIds: fleet.labourLineIds,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const privateEstimate = await submittedEstimate(advisorApi, rig.shop.privateUnitId, ["Oil change"]);
    const byPhone = await advisorApi("POST", `/api/v1/estimates/${privateEstimate.id}/record-decision`, {
      decision: "approve",
      versionNo: 1,
      labourLineIds: privateEstimate.labourLineIds,
      decidedBy: "The customer",
    });
    expect(byPhone.statusCode, byPhone.body).toBe(200);

    const advisorContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const techContext = await rig.browser.newContext({ ...tablet, locale: "en-GB" });
    const advisor = await advisorContext.newPage();
    const tech = await techContext.newPage();
    const errors: string[] = [];
    for (const p of [advisor, tech]) p.on("pageerror", (e) => errors.push(e.message));

    // The advisor keeps the Service Board open.
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/service-board`);
    await expect
      .poll(() => column(advisor, "Work Required").getByRole("article").count(), { timeout: 10_000 })
      .toBe(2);
    expect(await column(advisor, "In Progress").getByRole("article").count()).toBe(0);
    // Advisors do not clock.
    expect(await advisor.getByRole("button", { name: /^Clock On/ }).count()).toBe(0);

    // The technician clocks on to the brakes from the board on a tablet.
    await rig.signInAs(tech, "/login", rig.shop.staff.technician.email);
    await tech.goto(`${rig.base}/shop/service-board`);
    const clockOn = tech.getByRole("button", { name: "Clock On: Brake service" });
    await clockOn.waitFor();
    expect((await clockOn.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await expectAccessible(tech, "service board (technician)");
    await screenshot(tech, "shop-service-board-tablet");
    await clockOn.click();
    await tech.waitForURL(/\/shop\/work-orders\/[^/]+$/);
    await expect
      .poll(() => tech.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toMatch(/WO-\d{4}-\d+/);
    const number =
      ((await tech.getByRole("heading", { level: 1 }).textContent()) ?? "").match(/WO-\d{4}-\d+/)?.[0] ?? "";
    expect(number).not.toBe("");
    await expect.poll(() => tech.getByText(/^Clocked on: technician/).count()).toBe(1);
    const clock = tech.getByRole("group", { name: "Your clock" });
    await expect.poll(() => clock.textContent()).toContain("On: Brake service");
    expect(await clock.textContent()).toContain(number);
    await expectAccessible(tech, "work order (technician)");
    await screenshot(tech, "shop-work-order-tablet");

    // Clock On to the wipers while on the brakes asks first, naming the running job and its order;
    // Cancel keeps the brakes running.
    const wipers = tech.getByRole("button", { name: "Clock On: Replace wiper blades" });
    await wipers.click();
    const ask = tech.getByRole("dialog", { name: "Clocked on to another job" });
    await expect.poll(() => ask.count()).toBe(1);
    expect(await ask.textContent()).toContain(`“Brake service” on work order ${number}`);
    await expectAccessible(tech, "clock switch confirmation");
    await screenshot(tech, "shop-work-order-clock-switch-tablet");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await clock.textContent()).toContain("On: Brake service");
    // Confirmed, it clocks off the brakes and on to the wipers.
    await wipers.click();
    await ask.getByRole("button", { name: "Clock off and clock on" }).click();
    await expect.poll(() => clock.textContent()).toContain("On: Replace wiper blades");
    // The job list refetches after the clock panel, so wait for it rather than read it once.
    await expect
      .poll(() => tech.getByRole("button", { name: "Clock Off: Replace wiper blades" }).count())
      .toBe(1);

    // The advisor sees the card move to In Progress without reloading.
    await expect
      .poll(() => column(advisor, "In Progress").getByRole("article").count(), { timeout: 10_000 })
      .toBe(1);
    // The switch to the wipers reaches the board live too.
    await expect
      .poll(
        () =>
          column(advisor, "In Progress")
            .getByText(/technician .* on Replace wiper blades/)
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    expect(await column(advisor, "Work Required").getByRole("article").count()).toBe(1);

    // Both jobs finished: the clock stops.
    await tech.getByRole("button", { name: "Finish: Brake service" }).click();
    await expect.poll(() => tech.getByRole("button", { name: "Reopen: Brake service" }).count()).toBe(1);
    await tech.getByRole("button", { name: "Finish: Replace wiper blades" }).click();
    await expect
      .poll(() => tech.getByRole("button", { name: "Reopen: Replace wiper blades" }).count())
      .toBe(1);
    await expect.poll(() => clock.count()).toBe(0);
    await expect
      .poll(() => column(advisor, "In Progress").getByText("Jobs 2/2 done").count(), { timeout: 10_000 })
      .toBe(1);
    await expectAccessible(advisor, "service board (advisor)");
    await screenshot(advisor, "shop-service-board");

    // At 1440 px every column, Unit Ready and Ready to Submit included, is in view.
    const headers = [
      "Work Required",
      "In Progress",
      "Waiting for Customer",
      "Waiting for Parts",
      "Unit Ready",
      "Ready to Submit",
    ];
    await advisor.setViewportSize({ width: 1440, height: 900 });
    for (const name of headers) {
      const box = await advisor.getByRole("heading", { name, exact: true, level: 2 }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x, name).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(1440);
    }
    await screenshot(advisor, "shop-service-board-1440");
    // On a phone the board scrolls sideways in a region that takes the keyboard.
    await advisor.setViewportSize({ width: 390, height: 844 });
    const board = advisor.getByRole("region", { name: "Service Board", exact: true });
    expect(await board.getAttribute("tabindex")).toBe("0");
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await board.focus();
    // Arrow keys scroll the focused region (smoothly: keep pressing until its end is in view).
    for (let i = 0; i < 200; i++) {
      const atEnd = await board.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
      if (atEnd) break;
      await advisor.keyboard.press("ArrowRight");
      await advisor.waitForTimeout(30);
    }
    const last = await advisor.getByRole("heading", { name: "Ready to Submit", level: 2 }).boundingBox();
    expect(last!.x).toBeGreaterThanOrEqual(0);
    expect(last!.x + last!.width).toBeLessThanOrEqual(390);
    await screenshot(advisor, "shop-service-board-phone-end");
    await board.evaluate((el) => el.scrollTo({ left: 0 }));
    await screenshot(advisor, "shop-service-board-phone");
    await expectAccessible(advisor, "service board (phone)");
    await advisor.setViewportSize(desktop.viewport);

    // The advisor opens the work order from the card and moves it on.
    await column(advisor, "In Progress").getByRole("link", { name: number }).click();
    await advisor.waitForURL(/\/shop\/work-orders\/[^/]+$/);
    await advisor.getByRole("button", { name: "Unit Ready" }).click();
    await expect.poll(() => advisor.getByRole("button", { name: "Ready to Submit" }).count()).toBe(1);
    await advisor.getByRole("button", { name: "Ready to Submit" }).click();
    await expect
      .poll(() => advisor.getByRole("heading", { level: 1 }).textContent())
      .toContain("Ready to Submit");
    await expectAccessible(advisor, "work order (advisor)");
    await screenshot(advisor, "shop-work-order-ready");

    // The work order is listed under Ready to Submit.
    await advisor.getByRole("link", { name: "Work Orders", exact: true }).click();
    await advisor.waitForURL(/\/shop\/work-orders$/);
    // The status chips are radios; their label is what takes the tap.
    await advisor
      .getByRole("group", { name: "Status" })
      .getByText("Ready to Submit", { exact: true })
      .click();
    await advisor.waitForURL(/status=ready_to_submit/);
    await expect.poll(() => advisor.getByRole("link", { name: number }).count()).toBe(1);
    await expectAccessible(advisor, "work orders list");
    await screenshot(advisor, "shop-work-orders-ready-to-submit");

    expect(errors).toEqual([]);
    await advisorContext.close();
    await techContext.close();
  });

  it("shows approved, clocked and billed hours with a warning beyond the shop's tolerance, set in Settings", async () => {
    const app = rig.t.app;
    const techApi = client(app, await apiSignIn(app, rig.shop.staff.technician.email));
    // The private customer's oil change (1 h approved, in the first test) is still Work Required:
    // the technician clocks on, works six minutes and finishes it.
    const board = (await techApi("GET", "/api/v1/service-board")).json();
    const item = board.items.find((c: { unitId: string }) => c.unitId === rig.shop.privateUnitId).work[0];
    const order = (await techApi("POST", `/api/v1/work-items/${item.id}/clock-on`, { switch: true })).json();
    const start = new Date(Date.now() - 3_600_000);
    await rig.t.database.db
      .update(timeEntries)
      .set({ startedAt: start, endedAt: new Date(start.getTime() + 6 * 60_000) })
      .where(eq(timeEntries.workOrderId, order.id));
    expect((await techApi("POST", `/api/v1/jobs/${order.jobs[0].id}/finish`)).statusCode).toBe(200);

    // The admin sets the tolerance in Settings: a wrong value is refused with a message.
    const context = await rig.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.goto(`${rig.base}/shop/settings`);
    const tolerance = page.getByRole("textbox", { name: "Tolerance" });
    await tolerance.waitFor({ timeout: 10_000 });
    expect(await page.getByRole("radio", { name: /^Clocked hours/ }).isChecked()).toBe(true);
    const save = page.getByRole("button", { name: "Save billing" });
    await tolerance.fill("150");
    await save.click();
    await expect.poll(() => page.getByText("Enter a whole percent from 0 to 100, e.g. 20.").count()).toBe(1);
    await tolerance.fill("25");
    await save.click();
    await expect
      .poll(
        async () => (await (await techApi("GET", `/api/v1/work-orders/${order.id}`)).json()).billingPolicy,
      )
      .toEqual({ mode: "clocked", tolerancePct: 25 });
    // The saved settings come back and the form renders afresh: scroll once it holds still.
    await expect
      .poll(() =>
        tolerance
          .scrollIntoViewIfNeeded({ timeout: 1_000 })
          .then(() => true)
          .catch(() => false),
      )
      .toBe(true);
    await screenshot(page, "shop-settings-billing-1440");
    await expectAccessible(page, "settings (billing)");

    // The work order shows 1 h approved, 0:06 clocked and billed, and warns before Unit Ready.
    await page.goto(`${rig.base}/shop/work-orders/${order.id}`);
    const warning = "Billed 0:06 h differs from the approved 1:00 h by more than 25 %.";
    await expect.poll(() => page.getByText(warning).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText(/1 job bills hours far from what the customer approved/).count()).toBe(1);
    await expectAccessible(page, "work order (hours beyond tolerance)");
    await screenshot(page, "shop-work-order-hours-warning-1440");

    // And again in the invoicing step, per job.
    await page.getByRole("button", { name: "Unit Ready" }).click();
    await page.getByRole("button", { name: "Ready to Submit" }).click();
    await page.getByRole("button", { name: "Invoice" }).click();
    const confirm = page.getByRole("dialog", { name: "Invoice this work order?" });
    const hours = confirm.getByRole("table", { name: "Approved, clocked and billed hours" });
    await expect.poll(() => hours.count()).toBe(1);
    const row = hours.getByRole("row", { name: /Oil change/ });
    expect(await row.textContent()).toMatch(/1:00 h.*0:06 h.*0:06 hbeyond 25 %/);
    expect(await confirm.getByText(/1 job bills hours far/).count()).toBe(1);
    await expectAccessible(page, "invoice confirmation (hours)");
    await screenshot(page, "shop-work-order-invoice-hours-1440");

    // On a phone, the same.
    await page.setViewportSize(phone.viewport);
    await screenshot(page, "shop-work-order-invoice-hours-phone");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByText(warning).count()).toBe(1);
    await page.getByText(warning).scrollIntoViewIfNeeded();
    await screenshot(page, "shop-work-order-hours-warning-phone");
    await expectAccessible(page, "work order (hours, phone)");
    expect(errors).toEqual([]);
    await context.close();
  });
});
