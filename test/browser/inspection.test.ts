// The inspection in Chromium: a technician on a tablet starts the inspection on a work order, rates the
// front brakes urgent with a note and a camera photo, is told clearly that a renamed text file is not a
// photo, rates the rest and completes it; the service advisor's bell goes to 1 unread live and the
// notification opens the work order.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  screenshotDir,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, type Client, client } from "../support/client";

let rig: BrowserRig;
let workOrderId: string;
let techApi: Client;
beforeAll(async () => {
  rig = await startBrowserRig("Inspection shop");
  const app = rig.t.app;
  const advisorApi = client(app, await apiSignIn(app, rig.shop.staff.service_advisor.email));
  const portalApi = client(app, await apiSignIn(app, rig.shop.portal.email, "portal"));
  techApi = client(app, await apiSignIn(app, rig.shop.staff.technician.email));

  // An approved estimate on the fleet unit; the technician clocks on, which opens the work order.
  let e = (await advisorApi("POST", "/api/v1/estimates", { unitId: rig.shop.businessUnitId })).json();
  e = (
    await advisorApi("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description: "Annual service",
      quantityMilli: 2000,
      unitPrice: 9000,
      taxRateBp: 1900,
      version: e.version,
    })
  ).json();
  expect((await advisorApi("POST", `/api/v1/estimates/${e.id}/submit`, {})).statusCode).toBe(200);
  const approved = await portalApi("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
    versionNo: 1,
    labourLineIds: [e.draft.labour[0].id],
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const item = (await advisorApi("GET", `/api/v1/units/${rig.shop.businessUnitId}/work-items`)).json()
    .items[0];
  const clocked = await techApi("POST", `/api/v1/work-items/${item.id}/clock-on`);
  expect(clocked.statusCode, clocked.body).toBeLessThan(300);
  workOrderId = clocked.json().id;
});
afterAll(() => rig?.close());

const tablet = { viewport: { width: 1024, height: 768 }, hasTouch: true };

interface ApiItem {
  id: string;
  label: string;
  rating: string | null;
  version: number;
}

describe("inspection", () => {
  it("is rated on a tablet with a photo, completed, and reaches the advisor's bell live", async () => {
    const techContext = await rig.browser.newContext({ ...tablet, locale: "en-GB" });
    const advisorContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const tech = await techContext.newPage();
    const advisor = await advisorContext.newPage();
    const errors: string[] = [];
    for (const p of [tech, advisor]) p.on("pageerror", (e) => errors.push(e.message));

    // The advisor is already signed in, with nothing in the bell.
    await rig.signInAs(advisor, "/login", rig.shop.staff.service_advisor.email);
    await advisor.goto(`${rig.base}/shop/customers`);
    const bell = advisor.getByRole("button", { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");

    await rig.signInAs(tech, "/login", rig.shop.staff.technician.email);
    await tech.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    const section = tech.getByRole("region", { name: "Inspection", exact: true });
    await section.getByRole("button", { name: "Start inspection" }).click();
    const pads = section.getByRole("listitem", { name: "Front pads and discs" });
    await expect.poll(() => pads.count()).toBe(1);

    // Urgent, with a note (saved on blur) and "parts needed".
    await pads.getByText("Urgent", { exact: true }).click();
    await expect.poll(() => pads.getByRole("radio", { name: "Urgent" }).isChecked()).toBe(true);
    await pads
      .getByRole("textbox", { name: "Note for Front pads and discs" })
      .fill("Pads at 2 mm, disc scored");
    await pads.getByRole("checkbox", { name: "Parts needed for Front pads and discs" }).check();
    await expect
      .poll(() => pads.getByRole("checkbox", { name: "Parts needed for Front pads and discs" }).isChecked())
      .toBe(true);

    // A camera photo.
    const dir = tmpdir();
    const photo = path.join(dir, `pads-${Date.now()}.jpg`);
    writeFileSync(
      photo,
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#a33" } })
        .jpeg()
        .toBuffer(),
    );
    const fileInput = pads.getByLabel("Add photo for Front pads and discs", { exact: true });
    await fileInput.setInputFiles(photo);
    const thumb = pads.getByRole("img", { name: "Photo 1 of Front pads and discs" });
    await expect.poll(() => thumb.count()).toBe(1);
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);

    // A text file renamed .jpg: refused with a clear message, nothing added.
    const fake = path.join(dir, `brakes-${Date.now()}.jpg`);
    writeFileSync(fake, "not a photo at all, just text");
    await fileInput.setInputFiles(fake);
    await expect
      .poll(() => pads.getByRole("alert").textContent())
      .toContain("This file is not a photo. Choose a JPEG, PNG, WebP or HEIC picture.");
    expect(await pads.getByRole("img").count()).toBe(1);

    // The advisor sends the photo back with a note; the technician sees why, live.
    await advisor.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    const advisorSection = advisor.getByRole("region", { name: "Inspection", exact: true });
    await advisorSection.getByRole("button", { name: "Send back photo 1 of Front pads and discs" }).click();
    const sendBack = advisor.getByRole("dialog", { name: "Send this photo back to the technician?" });
    await sendBack.getByRole("button", { name: "Send back" }).click();
    await expect.poll(() => sendBack.getByText("Tell the technician what to change").count()).toBe(1);
    await sendBack.getByLabel("What should the technician change?").fill("Blurred, take it again");
    await sendBack.getByRole("button", { name: "Send back" }).click();
    await expect.poll(() => advisor.getByRole("dialog").count()).toBe(0);
    await expect
      .poll(() => pads.getByText("Sent back: Blurred, take it again").count(), { timeout: 10_000 })
      .toBe(1);
    await expect
      .poll(() => tech.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label"))
      .toBe("Notifications, 1 unread");

    // The server has the note (saved on blur) and the rest of the checklist is rated ok by API.
    let inspection = (await techApi("GET", `/api/v1/work-orders/${workOrderId}/inspection`)).json()
      .inspection;
    const items = inspection.areas.flatMap((a: { items: ApiItem[] }) => a.items) as (ApiItem & {
      note: string | null;
      partsNeeded: boolean;
    })[];
    expect(items.find((i) => i.label === "Front pads and discs")).toMatchObject({
      rating: "urgent",
      note: "Pads at 2 mm, disc scored",
      partsNeeded: true,
    });
    // One more by hand, the rest by API.
    const wipers = items.find((i) => i.rating === null && i.label !== "Front pads and discs");
    expect(wipers).toBeDefined();
    await expectAccessible(tech, "inspection on a tablet");
    await screenshot(tech, "shop-inspection-tablet");
    await pads.scrollIntoViewIfNeeded();
    await tech.screenshot({ path: path.join(screenshotDir, "shop-inspection-tablet-viewport.png") });

    // Completing too early says which items are still open.
    await section.getByRole("button", { name: "Inspection complete" }).click();
    await tech.getByRole("dialog").getByRole("button", { name: "Yes, inspection complete" }).click();
    await expect.poll(() => section.getByText(/^Rate every item first:/).count()).toBe(1);

    const first = section.getByRole("listitem", { name: wipers?.label ?? "" });
    await first.getByText("OK", { exact: true }).click();
    await expect.poll(() => first.getByRole("radio", { name: "OK" }).isChecked()).toBe(true);
    inspection = (await techApi("GET", `/api/v1/work-orders/${workOrderId}/inspection`)).json().inspection;
    for (const item of inspection.areas.flatMap((a: { items: ApiItem[] }) => a.items) as ApiItem[]) {
      if (item.rating !== null) continue;
      const res = await techApi("PATCH", `/api/v1/inspection-items/${item.id}`, {
        rating: "ok",
        version: item.version,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // The live stream brings the technician's screen up to date.
    await expect.poll(() => section.getByText(/not rated$/).count(), { timeout: 10_000 }).toBe(0);

    await section.getByRole("button", { name: "Inspection complete" }).click();
    await tech.getByRole("dialog").getByRole("button", { name: "Yes, inspection complete" }).click();
    await expect.poll(() => section.getByText("Complete", { exact: true }).count()).toBe(1);
    expect(await section.getByRole("radio").count()).toBe(0);
    expect(await section.getByText("1 urgent").count()).toBe(1);

    // The advisor, elsewhere in the app by now, sees the bell count it without a reload; the
    // notification opens the work order.
    await advisor.getByRole("link", { name: "Customers" }).click();
    await advisor.waitForURL(/\/shop\/customers$/);
    await expect
      .poll(() => bell.getAttribute("aria-label"), { timeout: 10_000 })
      .toBe("Notifications, 1 unread");
    await bell.click();
    const popover = advisor.getByRole("dialog", { name: "Notifications" });
    await expect.poll(() => popover.getByText(/inspection complete$/).count()).toBe(1);
    await expectAccessible(advisor, "notification bell");
    // The popover hangs off the fixed header: a viewport shot shows it where the user sees it.
    await advisor.screenshot({ path: path.join(screenshotDir, "shop-notification-bell.png") });
    await popover.getByRole("button", { name: /inspection complete/ }).click();
    await advisor.waitForURL(new RegExp(`/shop/work-orders/${workOrderId}$`));
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
    await expect
      .poll(() =>
        advisor.getByRole("region", { name: "Inspection", exact: true }).getByText("1 urgent").count(),
      )
      .toBe(1);

    // An admin adds an item to the default template; a duplicate is refused under its input.
    await advisorContext.clearCookies();
    await rig.signInAs(advisor, "/login", rig.shop.staff.admin.email);
    await advisor.goto(`${rig.base}/shop/settings`);
    const templates = advisor.getByRole("region", { name: "Inspection templates", exact: true });
    // Open the template and its editor; under load the page may still be settling (a live refresh
    // can re-render the list), so each step is retried until the editor is there.
    const addToBrakes = templates.getByRole("button", { name: "Add item to Brakes" });
    await expect
      .poll(
        async () => {
          if ((await addToBrakes.count()) > 0) return true;
          const edit = templates.getByRole("button", { name: "Edit Vehicle health check" });
          if (await edit.isVisible()) await edit.click();
          else await templates.getByRole("button", { name: /Vehicle health check/ }).click();
          return (await addToBrakes.count()) > 0;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await addToBrakes.click();
    const added = templates.getByRole("textbox", { name: "Item 4 in Brakes" });
    await expect.poll(() => added.evaluate((el) => el === document.activeElement)).toBe(true);
    await added.fill("brake fluid");
    await templates.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => added.getAttribute("aria-invalid")).toBe("true");
    await added.fill("Handbrake");
    await templates.getByRole("button", { name: "Move Handbrake up" }).click();
    await expectAccessible(advisor, "inspection template editor");
    await screenshot(advisor, "shop-inspection-template-editor");
    await templates.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => templates.getByRole("button", { name: "Save" }).count()).toBe(0);
    const saved = (await techApi("GET", "/api/v1/inspection-templates")).json().items[0];
    expect(
      saved.items.filter((i: { area: string }) => i.area === "Brakes").map((i: { label: string }) => i.label),
    ).toEqual(["Front pads and discs", "Rear pads, discs or drums", "Handbrake", "Brake fluid"]);

    // On a phone (clocked off: the running clock needs the whole header there) the technician still
    // reaches the bell and reads the finished inspection.
    expect((await techApi("POST", "/api/v1/clock-off")).statusCode).toBe(200);
    const phoneContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    const onPhone = await phoneContext.newPage();
    onPhone.on("pageerror", (e) => errors.push(e.message));
    await rig.signInAs(onPhone, "/login", rig.shop.staff.technician.email);
    await onPhone.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
    const phoneBell = onPhone.getByRole("button", { name: /^Notifications/ });
    await expect.poll(() => phoneBell.isVisible()).toBe(true);
    const box = await phoneBell.boundingBox();
    expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await expect
      .poll(() =>
        onPhone.getByRole("region", { name: "Inspection", exact: true }).getByText("1 urgent").count(),
      )
      .toBe(1);
    await screenshot(onPhone, "shop-inspection-phone");
    await phoneContext.close();

    expect(errors).toEqual([]);
    await techContext.close();
    await advisorContext.close();
  });
});
