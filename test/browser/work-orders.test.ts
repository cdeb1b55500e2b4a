// From approved work to Ready to Submit in Chromium: a technician on a tablet clocks on to Work Required
// from the Service Board, which opens the work order, and finishes both jobs; the advisor watches the
// card move on the board live, marks the unit ready and ready to submit, and finds the work order in
// the Work Orders list under Ready to Submit.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
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

    // The advisor sees the card move to In Progress without reloading.
    await expect
      .poll(() => column(advisor, "In Progress").getByRole("article").count(), { timeout: 10_000 })
      .toBe(1);
    expect(
      await column(advisor, "In Progress")
        .getByText(/technician .* on Brake service/)
        .count(),
    ).toBe(1);
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
});
