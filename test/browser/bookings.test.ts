// The booking negotiation in Chromium: a fleet customer on a phone asks for a time, the advisor
// suggests another, the customer counter-suggests, the advisor confirms; both see the full history,
// and the advisor's board changes live while the customer acts in another browser.
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { client, signIn } from "../support/client";
import { upcoming } from "../support/fixtures";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Booking shop");
});
afterAll(() => rig?.close());

const signInAs = (page: Page, path: "/login" | "/portal/login", email: string) =>
  rig.signInAs(page, path, email);

const wednesday = upcoming(3, 3);
const thursday = upcoming(4, 3);

describe("booking request negotiation", () => {
  it("goes back and forth between a phone and the shop, live on both sides", async () => {
    const shopContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const advisor = await shopContext.newPage();
    const customer = await customerContext.newPage();
    const errors: string[] = [];
    for (const p of [advisor, customer]) p.on("pageerror", (e) => errors.push(e.message));

    await signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.getByRole("link", { name: "Bookings" }).click();
    await expect
      .poll(() => advisor.getByRole("heading", { level: 1 }).textContent())
      .toBe("Booking Requests");
    await expectAccessible(advisor, "booking board (empty)");

    // The customer asks for Wednesday 08:00 from the phone.
    await signInAs(customer, "/portal/login", rig.shop.portal.email);
    await customer.getByRole("link", { name: "Booking Requests" }).click();
    await customer.getByRole("button", { name: "Submit a Booking Request" }).click();
    await customer.getByLabel("Unit").click();
    await customer.getByRole("option", { name: /Transit/ }).click();
    await customer.getByLabel("Date").fill(wednesday);
    await customer.getByLabel("Time").fill("08:00");
    await customer.getByLabel("Booking notes").fill("Brakes squeal when cold");
    await expectAccessible(customer, "portal booking form");
    await screenshot(customer, "portal-booking-form-phone");
    await customer.getByRole("button", { name: "Submit Booking Request" }).click();
    await expect.poll(() => customer.getByText("Brakes squeal when cold").count()).toBeGreaterThan(0);

    // The advisor's board shows it without reloading.
    const row = advisor.getByRole("row").filter({ hasText: "Transit" });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(advisor, "shop-booking-board");
    await row.click();
    await advisor.getByRole("button", { name: "Suggest New Date and Time" }).click();
    await advisor.getByLabel("Date").fill(wednesday);
    await advisor.getByLabel("Time").fill("10:00");
    await advisor.getByLabel("Note").fill("08:00 is fully booked");
    await advisor.getByRole("button", { name: "Send suggestion" }).click();
    await expect.poll(() => advisor.getByText("Awaiting customer").count()).toBeGreaterThan(0);

    // The customer sees the suggestion live and counter-suggests Thursday.
    await customer.getByRole("button", { name: "Review" }).first().click({ timeout: 10_000 });
    await expect.poll(() => customer.getByText("08:00 is fully booked").count()).toBeGreaterThan(0);
    await customer.getByRole("button", { name: "Suggest another time" }).click();
    await customer.getByLabel("Date").fill(thursday);
    await customer.getByLabel("Time").fill("09:00");
    await customer.getByLabel("Note").fill("Wednesday does not work");
    await customer.getByRole("button", { name: "Send suggestion" }).click();
    await expect.poll(() => customer.getByText("Awaiting shop").count()).toBeGreaterThan(0);
    await expectAccessible(customer, "portal booking detail");
    await screenshot(customer, "portal-booking-detail-phone");

    // The advisor's open request changes live; they confirm.
    await expect
      .poll(() => advisor.getByText("Wednesday does not work").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await advisor.getByRole("button", { name: "Confirm Booking", exact: true }).click();
    await expect.poll(() => advisor.getByText("Confirmed").count()).toBeGreaterThan(0);
    await expectAccessible(advisor, "booking detail");
    await screenshot(advisor, "shop-booking-detail");

    // Both sides see the whole negotiation.
    for (const page of [advisor, customer]) {
      const history = page.getByRole("list", { name: "Negotiation history" });
      await expect.poll(() => history.getByRole("listitem").count(), { timeout: 10_000 }).toBe(4);
    }
    await expect.poll(() => customer.getByText("Confirmed").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await shopContext.close();
    await customerContext.close();
  });

  it("an admin sets opening hours and the hourly capacity in Settings", async () => {
    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, "/login", rig.shop.staff.admin.email);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Open on Saturday").waitFor();
    await expect.poll(() => page.getByLabel("Open on Saturday").isChecked()).toBe(true);
    await page.getByLabel("Open on Saturday").uncheck();
    await page.getByLabel("Closes on Friday").fill("15:00");
    await page.getByLabel("Bookings per hour").fill("4");
    await expectAccessible(page, "settings with opening hours");
    await page.getByRole("button", { name: "Save opening hours" }).click();
    await page.getByText("Opening hours and capacity saved").waitFor();
    await screenshot(page, "shop-settings-opening-hours");
    const hours = await rig.t.database.db.query.openingHours.findMany({
      where: (h, { eq }) => eq(h.locationId, rig.shop.locationId),
    });
    expect(hours.map((h) => h.weekday).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hours.find((h) => h.weekday === 5)?.closes).toBe("15:00");
    const location = await rig.t.database.db.query.locations.findFirst({
      where: (l, { eq }) => eq(l.id, rig.shop.locationId),
    });
    expect(location?.bookingCapacityPerHour).toBe(4);

    // How customers pay: no PayPal at this shop.
    await page.getByRole("checkbox", { name: "PayPal" }).uncheck();
    await page.getByRole("button", { name: "Save payment settings" }).click();
    await page.getByText("Payment settings saved").waitFor();
    const paying = await rig.t.database.db.query.locations.findFirst({
      where: (l, { eq }) => eq(l.id, rig.shop.locationId),
    });
    expect(paying?.paymentMethods).toEqual(["card", "instant_transfer", "bank_transfer", "counter"]);

    // The logo for the payment page.
    await page.getByText("No logo yet", { exact: false }).waitFor();
    const logo = await sharp({ create: { width: 600, height: 200, channels: 4, background: "#1864ab" } })
      .png()
      .toBuffer();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logo });
    await page.getByText("Logo saved").waitFor();
    await expect.poll(() => page.getByRole("img", { name: "Logo on the payment page" }).count()).toBe(1);
    await context.close();
  });
});

// Last: it leaves the fleet with dozens of requests, which the negotiation above must not see.
describe("portal booking requests", () => {
  it("pages a fleet's booking requests on the phone, 25 at a time", async () => {
    const api = client(rig.t.app, await signIn(rig.t.app, rig.shop.portal.email, "portal"));
    for (let i = 0; i < 26; i++) {
      const res = await api("POST", "/api/v1/portal/booking-requests", {
        unitId: rig.shop.businessUnitId,
        date: thursday,
        time: `${String(8 + (i % 8)).padStart(2, "0")}:00`,
        notes: `Fleet request ${i + 1}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const total = (await api("GET", "/api/v1/portal/booking-requests?limit=1")).json().total as number;
    expect(total).toBeGreaterThanOrEqual(26);

    const context = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const customer = await context.newPage();
    await signInAs(customer, "/portal/login", rig.shop.portal.email);
    await customer.getByRole("link", { name: "Booking Requests" }).click();
    const cards = customer.getByRole("list", { name: "Your booking requests" }).getByRole("listitem");
    await expect.poll(() => cards.count()).toBe(25);
    await expect.poll(() => customer.getByText(`1–25 of ${total}`).count()).toBe(1);
    await customer.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => cards.count()).toBe(total - 25);
    await expect.poll(() => customer.getByText(`26–${total} of ${total}`).count()).toBe(1);
    expect(new URL(customer.url()).searchParams.get("offset")).toBe("25");
    await context.close();
  });
});
