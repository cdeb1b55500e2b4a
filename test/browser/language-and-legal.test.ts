// A German-speaking shop in Chromium: the advisor's bell, the default checklist and the inspection
// templates read German (they were written by the server in English); the admin enters the GmbH's
// register and managing directors, which the form asks for in German before anything is saved.
// Desktop (1440 px) and phone (390 px).
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserRig,
  expectAccessible,
  phone,
  screenshot,
  screenshotDir,
  startBrowserRig,
} from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
let workOrderId: string;
beforeAll(async () => {
  rig = await startBrowserRig("Sprache shop");
  const app = rig.t.app;
  const advisorApi = client(app, await apiSignIn(app, rig.shop.staff.service_advisor.email));
  const portalApi = client(app, await apiSignIn(app, rig.shop.portal.email, "portal"));
  const techApi = client(app, await apiSignIn(app, rig.shop.staff.technician.email));

  // Approved work, clocked on, inspected: one urgent item that needs parts, the rest fine.
  let e = (await advisorApi("POST", "/api/v1/estimates", { unitId: rig.shop.businessUnitId })).json();
  e = (
    await advisorApi("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description: "Jahresinspektion",
      quantityMilli: 2000,
      unitPrice: 9000,
      taxRateBp: 1900,
      version: e.version,
    })
  ).json();
  await advisorApi("POST", `/api/v1/estimates/${e.id}/submit`, {});
  await portalApi("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
    versionNo: 1,
    labourLineIds: [e.draft.labour[0].id],
  });
  const item = (await advisorApi("GET", `/api/v1/units/${rig.shop.businessUnitId}/work-items`)).json()
    .items[0];
  workOrderId = (await techApi("POST", `/api/v1/work-items/${item.id}/clock-on`)).json().id;
  let inspection = (await techApi("POST", `/api/v1/work-orders/${workOrderId}/inspection`, {})).json()
    .inspection;
  for (const i of inspection.areas.flatMap(
    (a: { items: { id: string; label: string; version: number }[] }) => a.items,
  )) {
    const pads = i.label === "Front pads and discs";
    await techApi("PATCH", `/api/v1/inspection-items/${i.id}`, {
      rating: pads ? "urgent" : "ok",
      ...(pads ? { note: "Beläge 2 mm", partsNeeded: true } : {}),
      version: i.version,
    });
  }
  inspection = (await techApi("POST", `/api/v1/work-orders/${workOrderId}/inspection/complete`)).json();
  expect(inspection.inspection.status).toBe("complete");
});
afterAll(() => rig?.close());

const wide = { viewport: { width: 1440, height: 900 } };

/** Signs in (the sign-in page speaks English by default), then reads German from here on. */
async function germanPage(email: string, device: object): Promise<Page> {
  const context = await rig.browser.newContext({ ...device, locale: "de-DE" });
  const page = await context.newPage();
  await rig.signInAs(page, "/login", email);
  // German on the account (what the switch in the app does), which every later page load speaks.
  await page.evaluate(async () => {
    const session = await (await fetch("/api/v1/auth/session")).json();
    await fetch("/api/v1/auth/me", {
      method: "PATCH",
      headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
      body: JSON.stringify({ language: "de" }),
    });
  });
  return page;
}

describe("a German-speaking shop", () => {
  it("reads the bell and the default checklist in German", async () => {
    for (const [device, name] of [
      [wide, "desktop"],
      [phone, "phone"],
    ] as const) {
      const advisor = await germanPage(rig.shop.staff.service_advisor.email, device);
      await advisor.goto(`${rig.base}/shop/work-orders/${workOrderId}`);
      const inspection = advisor.getByRole("region", { name: "Fahrzeugprüfung", exact: true });
      await expect
        .poll(() => inspection.getByText("Checkliste: Fahrzeug-Check").count(), { timeout: 15_000 })
        .toBe(1);
      expect(await inspection.getByText("Bremsbeläge und -scheiben vorn").count()).toBeGreaterThan(0);
      expect(await inspection.getByText("Front pads and discs").count()).toBe(0);
      await screenshot(advisor, `de-inspection-${name}`);

      await advisor.getByRole("button", { name: /^Benachrichtigungen/ }).click();
      const bell = advisor.getByRole("dialog", { name: "Benachrichtigungen" });
      await expect
        .poll(() => bell.getByText(/: Fahrzeugprüfung abgeschlossen$/).count(), { timeout: 10_000 })
        .toBe(1);
      expect(await bell.getByText(/1 dringend, 0 beobachten, geprüft von /).count()).toBe(1);
      // The whole button label is on screen, not cut off.
      const markAll = bell.getByRole("button", { name: "Alle als gelesen markieren" });
      expect(
        await markAll.evaluate((b) => {
          const label = b.querySelector(".mantine-Button-label") ?? b;
          return label.scrollWidth <= label.clientWidth + 1 && b.getBoundingClientRect().right <= innerWidth;
        }),
      ).toBe(true);
      await expectAccessible(advisor, `German bell (${name})`);
      // The open popover as the screen shows it (a full-page shot would scroll it away on a phone).
      await advisor.screenshot({ path: path.join(screenshotDir, `de-bell-${name}.png`) });
      await advisor.context().close();
    }
  });

  it("asks the GmbH for its register and managing directors, in German, and saves them", async () => {
    for (const [device, name] of [
      [wide, "desktop"],
      [phone, "phone"],
    ] as const) {
      const admin = await germanPage(rig.shop.staff.admin.email, device);
      await admin.goto(`${rig.base}/shop/settings`);
      const templates = admin.getByRole("region", { name: "Prüfvorlagen" });
      await expect
        .poll(() => templates.getByText("Fahrzeug-Check").count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      const court = admin.getByLabel("Registergericht");
      await court.waitFor();
      if (name === "desktop") {
        // A GmbH without its register: the form says what is missing before anything is saved.
        await admin.getByRole("button", { name: "Speichern", exact: true }).first().click();
        await expect.poll(() => admin.getByText("Eine GmbH druckt dies auf ihre Rechnungen").count()).toBe(2);
        expect(
          await admin.getByText("Eine GmbH nennt auf ihren Rechnungen alle Geschäftsführer").count(),
        ).toBe(1);
        await admin.evaluate(() => window.scrollTo(0, 0));
        await screenshot(admin, "de-settings-register-missing-desktop");
        await court.fill("Amtsgericht Charlottenburg");
        await admin.getByLabel("Registernummer").fill("123456");
        await admin.getByLabel("Geschäftsführer").fill("Max Müller\nErika Muster");
        await admin.getByRole("button", { name: "Speichern", exact: true }).first().click();
        await expect
          .poll(() => admin.getByText("Register und Nummer angeben, z. B. HRB 123456 B").count())
          .toBe(1);
        await admin.getByLabel("Registernummer").fill("HRB 123456 B");
        await admin.getByRole("button", { name: "Speichern", exact: true }).first().click();
        await expect.poll(() => admin.getByText("Einstellungen gespeichert").count()).toBeGreaterThan(0);
        const saved = (
          await client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.admin.email))(
            "GET",
            "/api/v1/settings/location",
          )
        ).json();
        expect(saved).toMatchObject({
          registerCourt: "Amtsgericht Charlottenburg",
          registerNumber: "HRB 123456 B",
          managingDirectors: ["Max Müller", "Erika Muster"],
        });
      } else {
        await expect.poll(() => court.inputValue()).toBe("Amtsgericht Charlottenburg");
        expect(await admin.getByLabel("Geschäftsführer").inputValue()).toBe("Max Müller\nErika Muster");
      }
      await admin.evaluate(() => window.scrollTo(0, 0));
      await expectAccessible(admin, `German settings (${name})`);
      await screenshot(admin, `de-settings-${name}`);
      await admin.context().close();
    }
  });
});
