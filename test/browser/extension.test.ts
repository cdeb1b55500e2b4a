// Qualification and order extension in Chromium: the inspection's findings become recommendations on
// the work order; the advisor adds a part, prices the labour (hourly and flat) and sends the order
// extension; the customer opens the mailed link on a phone, looks at the photo, approves the pads and
// declines the wipers; the advisor's open page shows the new job and the decision without a reload.
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
  screenshotDir,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, client, type Session } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Extension shop");
});
afterAll(() => rig?.close());

type Item = { id: string; label: string; version: number };

/**
 * A work order on the fleet unit (estimate approved in the portal, the technician clocked on) whose
 * completed inspection found the front pads urgent (with a photo) and the wipers needing attention.
 */
async function orderWithFindings() {
  const advisor = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
  const techSession: Session = await apiSignIn(rig.t.app, rig.shop.staff.technician.email);
  const tech = client(rig.t.app, techSession);
  const portal = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.portal.email, "portal"));
  const unitId = rig.shop.businessUnitId;

  const fleet = (await advisor("GET", `/api/v1/customers/${rig.shop.businessCustomerId}`)).json();
  await advisor("PATCH", `/api/v1/customers/${rig.shop.businessCustomerId}`, {
    email: "workshop@fleet.test",
    version: fleet.version,
  });
  let e = (await advisor("POST", "/api/v1/estimates", { unitId })).json();
  e = (
    await advisor("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description: "Annual service",
      quantityMilli: 2000,
      unitPrice: 9000,
      taxRateBp: 1900,
      version: e.version,
    })
  ).json();
  await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
  await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
    versionNo: 1,
    labourLineIds: [e.draft.labour[0].id],
  });
  const work = (await advisor("GET", `/api/v1/units/${unitId}/work-items`))
    .json()
    .items.find(
      (w: { status: string; estimateId: string }) => w.status === "required" && w.estimateId === e.id,
    );
  const order = (await tech("POST", `/api/v1/work-items/${work.id}/clock-on`, { switch: true })).json();
  const inspection = (await tech("POST", `/api/v1/work-orders/${order.id}/inspection`, {})).json().inspection;
  const items: Item[] = inspection.areas.flatMap((a: { items: Item[] }) => a.items);
  for (const i of items) {
    const finding =
      i.label === "Front pads and discs"
        ? { rating: "urgent", note: "Pads at 2 mm", partsNeeded: true }
        : i.label === "Wiper blades and washer"
          ? { rating: "attention", note: "Smearing" }
          : { rating: "ok" };
    await tech("PATCH", `/api/v1/inspection-items/${i.id}`, { ...finding, version: i.version });
  }
  const pads = items.find((i) => i.label === "Front pads and discs");
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#8a5a2b" } })
    .jpeg()
    .toBuffer();
  const boundary = "----x";
  const uploaded = await rig.t.app.inject({
    method: "POST",
    url: `/api/v1/inspection-items/${pads?.id}/photos`,
    headers: {
      cookie: techSession.cookie,
      "x-csrf-token": techSession.csrfToken,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  expect((await tech("POST", `/api/v1/work-orders/${order.id}/inspection/complete`)).statusCode).toBe(200);
  return order.id as string;
}

async function closedDialogs(page: Page) {
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
}

/** A photo as the browser shows it: loaded, with pixels. */
async function photoLoaded(page: Page, name: string) {
  const img = page.getByRole("button", { name }).locator("img");
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() =>
      img.evaluate((el) => {
        const image = el as HTMLImageElement;
        return image.complete ? image.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);
}

describe("order extension", () => {
  it("goes from the inspection's findings to the customer's phone and back onto the work order", async () => {
    const workOrderId = await orderWithFindings();
    const shopContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await customerContext.addInitScript(() => window.localStorage.setItem("pitlane.lang", "en"));
    const advisor = await shopContext.newPage();
    const customer = await customerContext.newPage();
    const errors: string[] = [];
    for (const p of [advisor, customer]) p.on("pageerror", (e) => errors.push(e.message));

    // The advisor sees both recommendations, urgent first, with the technician's note and the photo.
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    const section = advisor.getByRole("region", { name: "Recommendations and order extension" });
    const pads = section.getByRole("listitem", { name: "Front pads and discs" });
    const wipers = section.getByRole("listitem", { name: "Wiper blades and washer" });
    await expect.poll(() => pads.count(), { timeout: 10_000 }).toBe(1);
    expect(await wipers.count()).toBe(1);
    expect(await pads.getByText("Urgent", { exact: true }).count()).toBe(1);
    expect(await wipers.getByText("Attention", { exact: true }).count()).toBe(1);
    expect(await pads.getByText("“Pads at 2 mm”", { exact: false }).count()).toBe(1);
    expect(await pads.getByText("Labour not priced yet").count()).toBeGreaterThan(0);
    await photoLoaded(advisor, "Open photo 1 of Front pads and discs");
    await pads.getByRole("button", { name: "Open photo 1 of Front pads and discs" }).click();
    await expect
      .poll(() =>
        advisor.getByRole("dialog").getByRole("img", { name: "Photo 1 of Front pads and discs" }).count(),
      )
      .toBe(1);
    await advisor.keyboard.press("Escape");
    await closedDialogs(advisor);

    // The part for the pads, arriving tomorrow.
    await pads.getByRole("button", { name: "Add part to Front pads and discs" }).click();
    const partDialog = advisor.getByRole("dialog");
    await partDialog.getByLabel("Part", { exact: false }).first().fill("Brake pads, front axle");
    await partDialog.getByLabel("Part number").fill("BP-0986494");
    await partDialog.getByLabel("Unit price", { exact: false }).fill("45,50");
    await partDialog.getByLabel("Availability").selectOption("next_day");
    await partDialog.getByRole("button", { name: "Add part" }).click();
    await closedDialogs(advisor);
    await expect.poll(() => pads.getByText("Next day", { exact: true }).count()).toBe(1);

    // Pads: 1 h × 100.00 + 45.50 = 145.50 net, 173.15 gross.
    // Price per hour starts at the location's labour rate (95.00), not blank.
    expect(await pads.getByLabel("Price per hour").inputValue()).toMatch(/^95[.,]00$/);
    expect(await wipers.getByLabel("Price per hour").inputValue()).toMatch(/^95[.,]00$/);
    await pads.getByLabel("Repair description").fill("Replace both front brake pads and discs");
    await pads.getByLabel("Price per hour").fill("100");
    await pads.getByRole("button", { name: "Save price for Front pads and discs" }).click();
    await expect.poll(() => pads.getByText("Gross €173.15").count(), { timeout: 10_000 }).toBe(1);
    // Wipers at a flat 25.00 net, 29.75 gross.
    await wipers.getByRole("radio", { name: "Flat price" }).check();
    await wipers.getByLabel("Price", { exact: true }).fill("25");
    await wipers.getByRole("button", { name: "Save price for Wiper blades and washer" }).click();
    await expect.poll(() => wipers.getByText("Gross €29.75").count(), { timeout: 10_000 }).toBe(1);
    expect(await section.getByText("€202.90 gross").count()).toBe(1);
    expect(await section.getByText("Labour not priced yet").count()).toBe(0);
    await expectAccessible(advisor, "qualification section");
    await screenshot(advisor, "shop-qualification");
    await advisor.setViewportSize({ width: 1440, height: 900 });
    await screenshot(advisor, "shop-qualification-1440");
    await advisor.setViewportSize({ width: 390, height: 844 });
    await screenshot(advisor, "shop-qualification-phone");
    await advisor.setViewportSize(desktop.viewport);

    await section.getByRole("button", { name: "Send order extension" }).click();
    const sendDialog = advisor.getByRole("dialog");
    await sendDialog.getByLabel("Note to the customer").fill("Pads arrive tomorrow");
    await sendDialog.getByRole("button", { name: "Send to customer" }).click();
    await closedDialogs(advisor);
    await expect
      .poll(() => section.getByText("Sent – waiting for customer").count(), { timeout: 10_000 })
      .toBe(1);

    // The customer's mail carries the phone link.
    let path = "";
    await expect
      .poll(
        async () => {
          const [mail] = await rig.t.database.db
            .select()
            .from(mailMessages)
            .where(
              and(eq(mailMessages.to, "workshop@fleet.test"), like(mailMessages.subject, "Additional work%")),
            );
          path = /\/x\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? "")?.[0] ?? "";
          return path;
        },
        { timeout: 10_000 },
      )
      .not.toBe("");

    await customer.goto(`${rig.base}${path}`);
    await expect
      .poll(() => customer.getByRole("heading", { name: "Front pads and discs" }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await customer.getByText("Pads arrive tomorrow").count()).toBe(1);
    // What will be done, under the finding's checklist title.
    expect(await customer.getByText("Replace both front brake pads and discs", { exact: true }).count()).toBe(
      1,
    );
    expect(await customer.getByText("€173.15", { exact: true }).count()).toBeGreaterThan(0);
    await photoLoaded(customer, "Open photo 1 of Front pads and discs");
    const submit = customer.getByRole("button", { name: "Submit decisions" });
    expect(await submit.isDisabled()).toBe(true);
    await expectAccessible(customer, "extension link");
    await screenshot(customer, "extension-link-phone");
    await customer.getByRole("button", { name: "Open photo 1 of Front pads and discs" }).click();
    await expect
      .poll(() =>
        customer.getByRole("dialog").getByRole("img", { name: "Photo 1 of Front pads and discs" }).count(),
      )
      .toBe(1);
    await screenshot(customer, "extension-link-photo-phone");
    await customer.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await closedDialogs(customer);

    await customer
      .getByRole("group", { name: "Your decision on Front pads and discs" })
      .getByRole("radio", { name: "Approve" })
      .check();
    expect(await submit.isDisabled()).toBe(true);
    await customer
      .getByRole("group", { name: "Your decision on Wiper blades and washer" })
      .getByRole("radio", { name: "Decline" })
      .check();
    await expect.poll(() => customer.getByText("Approved: 1 of 2").count()).toBe(1);
    await customer.screenshot({ path: `${screenshotDir}/extension-link-choices-phone.png` });
    await submit.click();
    const confirm = customer.getByRole("dialog");
    expect(await confirm.getByText("€173.15").count()).toBeGreaterThan(0);
    await confirm.getByRole("button", { name: "Yes, submit" }).click();
    await expect
      .poll(() => customer.getByText("Thank you! Your decisions were sent to the shop.").count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await customer.getByText("Approved: Front pads and discs").count()).toBe(1);
    expect(await customer.getByText("Declined: Wiper blades and washer").count()).toBe(1);
    expect(await customer.getByRole("button", { name: "Submit decisions" }).count()).toBe(0);
    await expectAccessible(customer, "extension link decided");
    await screenshot(customer, "extension-link-decided-phone");

    // The advisor's open page follows live: the new job and the decision with its consent record.
    const billing = advisor.getByRole("table", { name: "Billing lines" });
    await expect
      .poll(() => billing.getByText("Front pads and discs", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await billing.getByText("Wiper blades and washer", { exact: true }).count()).toBe(0);
    await expect
      .poll(() => section.getByText("Decided", { exact: true }).count(), { timeout: 10_000 })
      .toBe(1);
    const record = section.getByRole("table", { name: "Items of the order extension" });
    expect(
      await record
        .getByRole("row", { name: /Front pads and discs/ })
        .getByText("Approved")
        .count(),
    ).toBe(1);
    expect(
      await record
        .getByRole("row", { name: /Wiper blades/ })
        .getByText("Declined")
        .count(),
    ).toBe(1);
    expect(await section.getByText("Browser", { exact: true }).count()).toBe(1);
    await expectAccessible(advisor, "qualification decided");
    await screenshot(advisor, "shop-qualification-decided");

    // Reopening the link shows the outcome, read-only.
    await customer.reload();
    await expect
      .poll(() => customer.getByText("You have already answered through this link.").count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await customer.getByRole("radio", { name: "Approve" }).count()).toBe(0);
    // …in German too.
    await customer.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
    await expect
      .poll(() => customer.getByText("Sie haben über diesen Link bereits geantwortet.").count())
      .toBe(1);
    expect(await customer.getByText("Freigegeben: Front pads and discs").count()).toBe(1);
    await screenshot(customer, "extension-link-used-phone-de");

    // The fleet's portal lists the extension and shows it with the same customer view.
    const portalContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const fleet = await portalContext.newPage();
    fleet.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(fleet, "/portal/login", rig.shop.portal.email);
    await fleet.getByRole("link", { name: "Order extensions" }).click();
    await expect
      .poll(() => fleet.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe("Order extensions");
    await expect.poll(() => fleet.getByRole("button", { name: "View" }).count()).toBe(1);
    await expectAccessible(fleet, "portal extensions");
    await screenshot(fleet, "portal-extensions-phone");
    await fleet.getByRole("button", { name: "View" }).click();
    await expect
      .poll(() => fleet.getByText("Approved: Front pads and discs").count(), { timeout: 10_000 })
      .toBe(1);
    await expectAccessible(fleet, "portal extension");
    await screenshot(fleet, "portal-extension-phone");

    expect(errors).toEqual([]);
    await shopContext.close();
    await customerContext.close();
    await portalContext.close();
  });
});
