// The accountant's exports in Chromium: the Exports tab starts on the previous month, downloads the
// DATEV batch of a chosen period, checks and saves the DATEV accounts; the customer page downloads
// the statement of account.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Exports shop");
});
afterAll(() => rig?.close());

/** The month before this one, as the tab starts (the browser's calendar, the machine's zone). */
function previousMonth(now = new Date()) {
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return {
    from: day(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    to: day(new Date(now.getFullYear(), now.getMonth(), 0)),
  };
}

describe("Exports", () => {
  it("downloads the DATEV batch of a period and saves the DATEV accounts", async () => {
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const today = await locationToday(rig.t.database.db, rig.shop.locationId);
    const draft = await accounting("POST", "/api/v1/invoices", {
      customerId: rig.shop.businessCustomerId,
      lines: [{ description: "Service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      serviceDate: today,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const invoice = (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json();

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.goto(`${rig.base}/shop/receivables/exports`);
    const from = page.getByRole("textbox", { name: "From", exact: true });
    const to = page.getByRole("textbox", { name: "To", exact: true });
    const month = previousMonth();
    expect(await from.inputValue()).toBe(month.from);
    expect(await to.inputValue()).toBe(month.to);
    await expect.poll(() => page.getByLabel("Consultant number (Beraternummer)").inputValue()).toBe("1001");
    await expectAccessible(page, "exports");
    await screenshot(page, "accounting-exports");

    await from.fill(today);
    await to.fill(today);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "DATEV export" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`EXTF_Buchungsstapel_${today}_${today}.csv`);
    const lines = (await readFile((await download.path())!)).toString("latin1").split("\r\n");
    expect(lines[0]!.startsWith('"EXTF";700;21;"Buchungsstapel";13;')).toBe(true);
    expect(lines[2]!.startsWith(`119,00;"S";"EUR";;;;10000;8400;;`)).toBe(true);
    expect(lines[2]).toContain(`"${invoice.number}"`);

    // A reversed range: no downloads until it is fixed.
    await to.fill("2000-01-01");
    await expect.poll(() => page.getByText("The end must not be before the start.").count()).toBe(1);

    const consultant = page.getByLabel("Consultant number (Beraternummer)");
    await consultant.fill("12");
    await page.getByLabel("Bank (bank transfers)").fill("12a");
    await page.getByRole("button", { name: "Save accounts" }).click();
    await expect.poll(() => page.getByText("Between 1001 and 9999999.").count()).toBe(1);
    await expect.poll(() => page.getByText("Digits only.").count()).toBe(1);
    await consultant.fill("29098");
    await page.getByLabel("Client number (Mandantennummer)").fill("55003");
    await page.getByLabel("Bank (bank transfers)").fill("1210");
    await page.getByRole("button", { name: "Save accounts" }).click();
    await expect.poll(() => page.getByText("DATEV accounts saved.").count()).toBe(1);
    const saved = (await accounting("GET", "/api/v1/settings/accounting")).json();
    expect(saved).toMatchObject({ consultantNumber: 29098, clientNumber: 55003, bankAccount: "1210" });

    // The customer page: the statement of account as a file.
    await page.goto(`${rig.base}/shop/customers/${rig.shop.businessCustomerId}`);
    const [statement] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Statement of account" }).click(),
    ]);
    expect(statement.suggestedFilename()).toBe(`statement-of-account-${today}.pdf`);
    expect((await readFile((await statement.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
    expect(errors).toEqual([]);
    await context.close();
  });
});
