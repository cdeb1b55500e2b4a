// Open items in Chromium: the accountant sees the aging buckets, narrows the list to one by its tile,
// and downloads the XLSX, which holds the rows on screen.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { addDays } from "../../src/domain/invoice";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Open items shop");
});
afterAll(() => rig?.close());

describe("Open items", () => {
  it("shows the buckets, filters by one and exports the rows on screen", async () => {
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const today = await locationToday(rig.t.database.db, rig.shop.locationId);
    const numbers: Record<number, string> = {};
    for (const [daysAgo, net] of [
      [-5, 10_000],
      [12, 20_000],
      [45, 30_000],
      [120, 40_000],
    ] as const) {
      const draft = await accounting("POST", "/api/v1/invoices", {
        customerId: rig.shop.businessCustomerId,
        lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
        serviceDate: addDays(today, -150),
        dueDate: addDays(today, -daysAgo),
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const issued = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
      numbers[daysAgo] = issued.json().number;
    }

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB", acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.getByRole("link", { name: "Receivables" }).click();
    await page.waitForURL(/\/shop\/receivables\/open-items$/);
    await expect.poll(() => page.getByRole("row").count()).toBe(5);
    const tiles = page.getByRole("group", { name: "Open amounts by age" });
    const overdue31 = tiles.getByRole("button", { name: /31–60 days overdue/ });
    expect(await overdue31.textContent()).toContain("€357.00");
    expect(await overdue31.textContent()).toContain("1 invoice");
    // Oldest due date first.
    expect(await page.getByRole("row").nth(1).textContent()).toContain(numbers[120]);
    await expectAccessible(page, "open items");
    await screenshot(page, "open-items");

    await tiles.getByRole("button", { name: /1–30 days overdue/ }).click();
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    expect(await page.getByRole("row").nth(1).textContent()).toContain(numbers[12]);
    expect(await tiles.getByRole("button", { name: /1–30 days overdue/ }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(page.url()).toContain("bucket=days_1_30");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export XLSX" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`open-items-${today}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(numbers[12]);
    expect(sheet.getRow(2).getCell(8).value).toBe(238);

    // Again on the pressed tile: the whole list.
    await tiles.getByRole("button", { name: /1–30 days overdue/ }).click();
    await expect.poll(() => page.getByRole("row").count()).toBe(5);
    expect(errors).toEqual([]);
    await context.close();
  });
});
