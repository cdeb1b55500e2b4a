// The whole work-order journey in one continuous story, every step through the UI (only the approved
// estimate and the customer's settings are set up through the API): the technician clocks on from the
// Service Board on a tablet and runs the inspection with a photo; the parts department prices a part
// for the urgent finding; the advisor prices the labour and sends the order extension; the customer
// approves it on a phone from the mailed link and the new job shows up on the advisor's open page; the
// technician finishes every job; the advisor marks the unit ready, ready to submit and submits it; the
// fleet customer authorises the invoice in the portal with a PO number, finds the order by that PO
// number in Repair Orders – History and exports it as CSV.
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
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
  rig = await startBrowserRig("Walkthrough shop");
});
afterAll(() => rig?.close());

const tablet = { viewport: { width: 1024, height: 768 }, hasTouch: true };
const PADS = "Front pads and discs";

interface ApiItem {
  id: string;
  label: string;
  rating: string | null;
  note: string | null;
  partsNeeded: boolean;
  version: number;
}

async function ok(res: Awaited<ReturnType<Client>>, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/**
 * The fleet unit's estimate with one labour line, submitted and approved in the portal; the fleet
 * customer gets an email address (for the extension mail) and authorises its invoices.
 */
async function approvedFleetWork(customerEmail: string) {
  const { app } = rig.t;
  const { shop } = rig;
  const advisor = client(app, await apiSignIn(app, shop.staff.service_advisor.email));
  const portal = client(app, await apiSignIn(app, shop.portal.email, "portal"));

  let estimate = await ok(await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId }), 201);
  estimate = await ok(
    await advisor("POST", `/api/v1/estimates/${estimate.id}/lines`, {
      kind: "labour",
      description: "Annual service",
      quantityMilli: 2000,
      unitPrice: 9_000,
      taxRateBp: 1900,
      version: estimate.version,
    }),
    201,
  );
  await ok(await advisor("POST", `/api/v1/estimates/${estimate.id}/submit`, {}));
  await ok(
    await portal("POST", `/api/v1/portal/estimates/${estimate.id}/approve`, {
      versionNo: 1,
      labourLineIds: [estimate.draft.labour[0].id],
    }),
  );
  const customer = await ok(await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`));
  await ok(
    await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      email: customerEmail,
      requiresInvoiceAuthorisation: true,
      version: customer.version,
    }),
  );
}

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count(), { timeout: 10_000 }).toBe(0);
}

/** A photo as the browser shows it: loaded, with pixels. */
async function photoLoaded(page: Page, name: string) {
  const img = page.getByRole("button", { name }).locator("img");
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(
      () =>
        img.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0)),
      {
        timeout: 10_000,
      },
    )
    .toBeGreaterThan(0);
}

describe("work order walkthrough", () => {
  it("goes from the Service Board through inspection, order extension and finished work to the authorised invoice", async () => {
    const { shop } = rig;
    const customerEmail = `workshop.${Date.now()}@fleet.test`;
    const po = `PO-WALK-${Date.now() % 100_000}`;
    await approvedFleetWork(customerEmail);
    const techApi = client(rig.t.app, await apiSignIn(rig.t.app, shop.staff.technician.email));

    const techContext = await rig.browser.newContext({ ...tablet, locale: "en-GB" });
    const partsContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const advisorContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await customerContext.addInitScript(() => window.localStorage.setItem("pitlane.lang", "en"));
    const portalContext = await rig.browser.newContext({
      ...desktop,
      locale: "en-GB",
      acceptDownloads: true,
    });
    const tech = await techContext.newPage();
    const parts = await partsContext.newPage();
    const advisor = await advisorContext.newPage();
    const customer = await customerContext.newPage();
    const fleet = await portalContext.newPage();
    const errors: string[] = [];
    for (const p of [tech, parts, advisor, customer, fleet]) {
      p.on("pageerror", (e) =>
        errors.push(`${p === tech ? "tech" : p === fleet ? "portal" : "page"}: ${e.message}`),
      );
    }

    // 1. The technician clocks on to the approved work from the Service Board on a tablet.
    await rig.signInAs(tech, "/login", shop.staff.technician.email);
    await tech.goto(`${rig.base}/shop/service-board`);
    const clockOn = tech.getByRole("button", { name: "Clock On: Annual service" });
    await clockOn.waitFor({ timeout: 10_000 });
    await clockOn.click();
    await tech.waitForURL(/\/shop\/work-orders\/[^/]+$/);
    const workOrderId = new URL(tech.url()).pathname.split("/").pop() ?? "";
    await expect
      .poll(() => tech.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toMatch(/WO-\d{4}-\d+/);
    const number =
      ((await tech.getByRole("heading", { level: 1 }).textContent()) ?? "").match(/WO-\d{4}-\d+/)?.[0] ?? "";
    expect(number).not.toBe("");
    await expect.poll(() => tech.getByText(/^Clocked on: technician/).count()).toBe(1);
    await expect
      .poll(() => tech.getByRole("group", { name: "Your clock" }).textContent())
      .toContain("On: Annual service");

    // The advisor keeps the work order open from here on.
    await rig.signInAs(advisor, "/login", shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    await expect
      .poll(() => advisor.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toContain(number);

    // 2. The inspection: the front pads urgent with a note, parts needed and a photo.
    const inspection = tech.getByRole("region", { name: "Inspection", exact: true });
    await inspection.getByRole("button", { name: "Start inspection" }).click();
    const padsItem = inspection.getByRole("listitem", { name: PADS });
    await expect.poll(() => padsItem.count(), { timeout: 10_000 }).toBe(1);
    await padsItem.getByText("Urgent", { exact: true }).click();
    await expect.poll(() => padsItem.getByRole("radio", { name: "Urgent" }).isChecked()).toBe(true);
    await padsItem.getByRole("textbox", { name: `Note for ${PADS}` }).fill("Pads at 2 mm, disc scored");
    // Ticking "parts needed" also blurs the note, which saves it.
    await padsItem.getByRole("checkbox", { name: `Parts needed for ${PADS}` }).check();
    await expect
      .poll(() => padsItem.getByRole("checkbox", { name: `Parts needed for ${PADS}` }).isChecked())
      .toBe(true);
    const photo = path.join(tmpdir(), `walkthrough-pads-${Date.now()}.jpg`);
    writeFileSync(
      photo,
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#a33" } })
        .jpeg()
        .toBuffer(),
    );
    await padsItem.getByLabel(`Add photo for ${PADS}`, { exact: true }).setInputFiles(photo);
    const thumb = padsItem.getByRole("img", { name: `Photo 1 of ${PADS}` });
    await expect.poll(() => thumb.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);

    // The server has the finding; the rest of the checklist is rated ok through the API, and the live
    // stream brings the tablet up to date.
    const items = async () =>
      (
        await ok(await techApi("GET", `/api/v1/work-orders/${workOrderId}/inspection`))
      ).inspection.areas.flatMap((a: { items: ApiItem[] }) => a.items) as ApiItem[];
    await expect
      .poll(async () => (await items()).find((i) => i.label === PADS), { timeout: 10_000 })
      .toMatchObject({ rating: "urgent", note: "Pads at 2 mm, disc scored", partsNeeded: true });
    for (const item of await items()) {
      if (item.rating !== null) continue;
      await ok(
        await techApi("PATCH", `/api/v1/inspection-items/${item.id}`, {
          rating: "ok",
          version: item.version,
        }),
      );
    }
    await expect.poll(() => inspection.getByText(/not rated$/).count(), { timeout: 10_000 }).toBe(0);
    await inspection.getByRole("button", { name: "Inspection complete" }).click();
    await tech.getByRole("dialog").getByRole("button", { name: "Yes, inspection complete" }).click();
    await expect
      .poll(() => inspection.getByText("Complete", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await inspection.getByText("1 urgent").count()).toBe(1);
    await screenshot(tech, "walkthrough-inspection-complete-tablet");

    // 3. The parts department adds the pads, arriving tomorrow, to the recommendation.
    await rig.signInAs(parts, "/login", shop.staff.parts.email);
    await parts.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    const partsPads = parts
      .getByRole("region", { name: "Recommendations and order extension" })
      .getByRole("listitem", { name: PADS });
    await expect.poll(() => partsPads.count(), { timeout: 10_000 }).toBe(1);
    await partsPads.getByRole("button", { name: `Add part to ${PADS}` }).click();
    const partDialog = parts.getByRole("dialog");
    await partDialog.getByLabel("Part", { exact: false }).first().fill("Brake pads, front axle");
    await partDialog.getByLabel("Part number").fill("BP-0986494");
    await partDialog.getByLabel("Unit price", { exact: false }).fill("45,50");
    await partDialog.getByLabel("Availability").selectOption("next_day");
    await partDialog.getByRole("button", { name: "Add part" }).click();
    await closedDialogs(parts);
    await expect.poll(() => partsPads.getByText("Next day", { exact: true }).count()).toBe(1);
    // Parts do not price labour or send extensions.
    expect(await parts.getByRole("button", { name: "Send order extension" }).count()).toBe(0);

    // 4. The advisor's open page has the recommendation with the part (live); the advisor prices the
    // labour (1 h × 100.00 + 45.50 = 145.50 net, 173.15 gross) and sends the order extension.
    const qualification = advisor.getByRole("region", { name: "Recommendations and order extension" });
    const advisorPads = qualification.getByRole("listitem", { name: PADS });
    await expect
      .poll(() => advisorPads.getByText("Next day", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    await advisorPads.getByLabel("Price per hour").fill("100");
    await advisorPads.getByRole("button", { name: `Save price for ${PADS}` }).click();
    await expect.poll(() => advisorPads.getByText("Gross €173.15").count(), { timeout: 10_000 }).toBe(1);
    await qualification.getByRole("button", { name: "Send order extension" }).click();
    const sendDialog = advisor.getByRole("dialog");
    await sendDialog.getByLabel("Note to the customer").fill("Pads arrive tomorrow");
    await sendDialog.getByRole("button", { name: "Send to customer" }).click();
    await closedDialogs(advisor);
    await expect
      .poll(() => qualification.getByText("Sent – waiting for customer").count(), { timeout: 10_000 })
      .toBe(1);

    // 5. The customer opens the mailed link on a phone, looks at the photo and approves.
    let link = "";
    await expect
      .poll(
        async () => {
          const [mail] = await rig.t.database.db
            .select()
            .from(mailMessages)
            .where(and(eq(mailMessages.to, customerEmail), like(mailMessages.subject, "Additional work%")));
          link = /\/x\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? "")?.[0] ?? "";
          return link;
        },
        { timeout: 10_000 },
      )
      .not.toBe("");
    await customer.goto(`${rig.base}${link}`);
    await expect
      .poll(() => customer.getByRole("heading", { name: PADS }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await customer.getByText("Pads arrive tomorrow").count()).toBe(1);
    expect(await customer.getByText("€173.15", { exact: true }).count()).toBeGreaterThan(0);
    await photoLoaded(customer, `Open photo 1 of ${PADS}`);
    await customer
      .getByRole("group", { name: `Your decision on ${PADS}` })
      .getByRole("radio", { name: "Approve" })
      .check();
    await expect.poll(() => customer.getByText("Approved: 1 of 1").count()).toBe(1);
    await customer.getByRole("button", { name: "Submit decisions" }).click();
    await customer.getByRole("dialog").getByRole("button", { name: "Yes, submit" }).click();
    await expect
      .poll(() => customer.getByText("Thank you! Your decisions were sent to the shop.").count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await customer.getByText(`Approved: ${PADS}`).count()).toBe(1);
    await screenshot(customer, "walkthrough-extension-approved-phone");

    // 6. The new job is on the advisor's open work order without a reload.
    const billing = advisor.getByRole("table", { name: "Billing lines" });
    await expect.poll(() => billing.getByText(PADS, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await billing.getByText("Brake pads, front axle", { exact: true }).count()).toBe(1);
    await expect
      .poll(() => qualification.getByText("Decided", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);

    // 7. The technician (whose page follows live too) finishes every job; the clock stops.
    for (const job of ["Annual service", PADS]) {
      const finish = tech.getByRole("button", { name: `Finish: ${job}` });
      await finish.waitFor({ timeout: 10_000 });
      await finish.click();
      await expect
        .poll(() => tech.getByRole("button", { name: `Reopen: ${job}` }).count(), { timeout: 10_000 })
        .toBe(1);
    }
    await expect.poll(() => tech.getByRole("group", { name: "Your clock" }).count()).toBe(0);
    expect(await tech.getByRole("button", { name: /^Finish: / }).count()).toBe(0);

    // 8. The advisor moves it on: Unit Ready, Ready to Submit, Submit for authorisation (confirmed).
    const unitReady = advisor.getByRole("button", { name: "Unit Ready" });
    await unitReady.waitFor({ timeout: 10_000 });
    await unitReady.click();
    const readyToSubmit = advisor.getByRole("button", { name: "Ready to Submit" });
    await readyToSubmit.waitFor({ timeout: 10_000 });
    await readyToSubmit.click();
    const submit = advisor.getByRole("button", { name: "Submit for authorisation" });
    await submit.waitFor({ timeout: 10_000 });
    await submit.click();
    const confirmSubmit = advisor.getByRole("dialog", { name: "Submit for authorisation?" });
    await expect.poll(() => confirmSubmit.textContent()).toContain(number);
    await confirmSubmit.getByRole("button", { name: "Submit for authorisation" }).click();
    await closedDialogs(advisor);
    await expect
      .poll(() => advisor.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toContain("Awaiting Authorisation");
    await expectAccessible(advisor, "work order awaiting authorisation (advisor)");
    await screenshot(advisor, "walkthrough-work-order-submitted");

    // 9. The fleet customer authorises the invoice in the portal with a PO number.
    await rig.signInAs(fleet, "/portal/login", shop.portal.email);
    await fleet.getByRole("link", { name: "Awaiting Authorization" }).click();
    await expect
      .poll(() => fleet.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe("Awaiting Authorization");
    const awaiting = fleet.getByRole("list", { name: "Work orders awaiting your authorization" });
    await expect.poll(() => awaiting.getByRole("listitem").count(), { timeout: 10_000 }).toBe(1);
    expect(await awaiting.textContent()).toContain(number);
    await awaiting.getByRole("button", { name: "Review and authorize" }).click();
    await expect
      .poll(() => fleet.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toContain(number);
    const jobs = fleet.getByRole("list", { name: "Jobs and parts" });
    await expect.poll(() => jobs.getByText("Brake pads, front axle").count(), { timeout: 10_000 }).toBe(1);
    expect(await jobs.textContent()).toContain("Annual service");
    expect(await jobs.textContent()).toContain(PADS);
    await fleet.getByLabel("Customer PO Number").fill(po);
    await fleet.getByRole("button", { name: "Authorize Invoice" }).click();
    const authorize = fleet.getByRole("dialog");
    await expect.poll(() => authorize.textContent()).toContain(po);
    await authorize.getByRole("button", { name: "Yes, authorize" }).click();
    await closedDialogs(fleet);
    await expect.poll(() => fleet.getByText(/^Invoiced on /).count(), { timeout: 10_000 }).toBe(1);
    expect(await fleet.getByText("Invoiced", { exact: true }).count()).toBeGreaterThan(0);
    expect(await fleet.getByText(po, { exact: true }).count()).toBe(1);
    await expectAccessible(fleet, "portal work order invoiced");
    await screenshot(fleet, "walkthrough-portal-invoiced");

    // 10. Repair Orders – History: the PO number finds exactly this order; Export CSV has it.
    await fleet.getByRole("link", { name: "Repair Orders – History" }).click();
    await expect
      .poll(() => fleet.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe("Repair Orders – History");
    await fleet.getByLabel("Search by Customer PO Number").fill(po);
    const exportLink = fleet.getByRole("link", { name: "Export CSV" });
    await expect
      .poll(() => exportLink.getAttribute("href"), { timeout: 10_000 })
      .toContain(`po=${encodeURIComponent(po)}`);
    const history = fleet.getByRole("list", { name: "Repair orders" });
    await expect.poll(() => history.getByRole("listitem").count(), { timeout: 10_000 }).toBe(1);
    expect(await history.textContent()).toContain(number);
    expect(await history.textContent()).toContain(po);
    await screenshot(fleet, "walkthrough-portal-history");
    const [download] = await Promise.all([fleet.waitForEvent("download"), exportLink.click()]);
    expect(download.suggestedFilename()).toBe("repair-orders.csv");
    const rows = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${number},invoiced,`);
    expect(rows[1]).toContain(`,${po},`);

    expect(errors).toEqual([]);
    for (const context of [techContext, partsContext, advisorContext, customerContext, portalContext]) {
      await context.close();
    }
  });
});
