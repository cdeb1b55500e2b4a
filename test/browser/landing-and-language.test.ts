// The first walk through the shop (issue #11): each role lands where its work is, and the language
// picked on the sign-in page is the account's, on every device, until the user changes it in the app.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffUsers } from "../../src/db/schema";
import type { StaffRole } from "../../src/domain/permissions";
import { type BrowserRig, phone, screenshot, startBrowserRig } from "../support/browser";
import { password } from "../support/fixtures";

const desktop = { viewport: { width: 1440, height: 900 } };

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Landing shop");
});
afterAll(() => rig?.close());

describe("where each role lands", () => {
  const landings: Record<StaffRole, { path: string; search: Record<string, string>; heading: string }> = {
    admin: { path: "/shop/service-board", search: {}, heading: "Service Board" },
    service_advisor: { path: "/shop/service-board", search: {}, heading: "Service Board" },
    technician: { path: "/shop/service-board", search: { technician: "" }, heading: "Service Board" },
    parts: { path: "/shop/service-board", search: { column: "waiting_parts" }, heading: "Service Board" },
    accounting: { path: "/shop/invoices", search: {}, heading: "Invoices" },
  };

  for (const [role, landing] of Object.entries(landings) as [StaffRole, (typeof landings)[StaffRole]][]) {
    it(`signs a ${role} in to its work, and / leads there again`, async () => {
      const context = await rig.browser.newContext({
        ...(role === "technician" ? phone : desktop),
        locale: "en-GB",
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const forbidden: string[] = [];
      page.on("response", (r) => {
        if (r.status() === 403) forbidden.push(r.url());
      });
      await rig.signInAs(page, "/login", rig.shop.staff[role].email);
      const expected = {
        ...landing.search,
        ...(role === "technician" ? { technician: rig.shop.staff.technician.id } : {}),
      };
      const check = async () => {
        await page.waitForURL((url) => url.pathname === landing.path);
        const url = new URL(page.url());
        expect(Object.fromEntries(url.searchParams)).toEqual(expected);
        await page.getByRole("heading", { level: 1, name: landing.heading }).waitFor();
      };
      await check();
      if (role === "technician") {
        // The board shows the technician's own jobs: the filter says whose.
        await expect
          .poll(() => page.getByLabel("Technician").inputValue())
          .toBe(`technician ${rig.shop.staff.technician.email.split(/[.@]/)[1]}`);
      }
      if (role === "parts") {
        await expect.poll(() => page.getByText("Waiting for Parts").count()).toBeGreaterThan(0);
      }
      // The page's data has arrived (an empty shop: the board's empty columns, no invoices yet).
      await page
        .getByText(
          role === "accounting"
            ? "No invoices yet"
            : role === "technician" || role === "parts"
              ? "No units"
              : /^Nothing on the board/,
        )
        .first()
        .waitFor();
      await screenshot(page, `landing-${role}`);
      await page.goto(`${rig.base}/`);
      await check();
      // Nothing on the landing page was refused to the role.
      expect(forbidden).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe("the user's language", () => {
  it("is picked on the sign-in page, kept on the account across devices, and changed in the app", async () => {
    const email = rig.shop.staff.service_advisor.email;
    const languageOf = async () =>
      (await rig.t.database.db.select().from(staffUsers).where(eq(staffUsers.email, email)))[0]!.language;
    expect(await languageOf()).toBe("en");

    // Device one: German picked on the sign-in page.
    const first = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    let page = await first.newPage();
    await page.goto(`${rig.base}/login`);
    await page.getByText("DE", { exact: true }).click();
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    await page.getByLabel("E-Mail").fill(email);
    await page.getByLabel("Passwort").fill(password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/shop/"));
    await page.getByRole("link", { name: "Kostenvoranschläge" }).waitFor();
    await screenshot(page, "language-picked-de-desktop");
    expect(await languageOf()).toBe("de");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await first.close();

    // Device two, English browser, nothing picked: the account's German, on a phone too.
    const second = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    page = await second.newPage();
    await page.goto(`${rig.base}/login`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/shop/"));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.getByRole("heading", { level: 1, name: "Werkstattplan" }).waitFor();
    await screenshot(page, "language-account-de-phone");

    // Changed in the app: stored on the account, and the next device starts in English.
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Service Board" }).waitFor();
    await expect.poll(languageOf).toBe("en");
    await second.close();

    const third = await rig.browser.newContext({ ...desktop, locale: "de-DE" });
    page = await third.newPage();
    await rig.signInAs(page, "/login", email);
    await page.getByRole("heading", { level: 1, name: "Service Board" }).waitFor();
    expect(await languageOf()).toBe("en");
    await third.close();
  });
});
