// Bank statements in Chromium: the accountant goes from the Invoices dashboard to the import, uploads
// a camt.053 file, sees what was booked by itself and what waits, assigns the waiting transfer to its
// invoice, and the invoice reads paid.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditorReference } from "../../src/domain/payment-reference";
import { camt053 } from "../support/bank-statements";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Bank statement shop");
});
afterAll(() => rig?.close());

describe("Bank statements", () => {
  it("imports a statement, books what matches and lets the accountant assign the rest", async () => {
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const issue = async (net: number) => {
      const draft = await accounting("POST", "/api/v1/invoices", {
        customerId: rig.shop.businessCustomerId,
        lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
        serviceDate: "2026-11-20",
      });
      return (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json() as {
        id: string;
        number: string;
      };
    };
    const paidByRef = await issue(10_000); // 119.00
    const waiting = await issue(20_000); // 238.00
    const dir = await mkdtemp(path.join(tmpdir(), "pitlane-statement-"));
    const file = path.join(dir, "kontoauszug.xml");
    await writeFile(
      file,
      camt053(
        [
          {
            amount: 11_900,
            payerName: "Fleet GmbH",
            structuredReference: creditorReference(paidByRef.number),
          },
          { amount: 23_800, payerName: "A. Nonymous", remittance: "Werkstatt November" },
        ],
        { id: "AUSZUG-2026-12" },
      ),
    );

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.getByRole("link", { name: "Invoices", exact: true }).click();
    await page.getByRole("link", { name: "Import bank statement" }).click();
    await page.waitForURL(/\/shop\/receivables\/bank-statements$/);
    await expect.poll(() => page.getByText("No transfer is waiting").count()).toBe(1);

    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Choose statement file" }).click(),
    ]);
    await chooser.setFiles(file);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "AUSZUG-2026-12 imported" }).textContent())
      .toContain("1 booked on invoices, 1 waiting for you");
    const row = page.getByRole("row", { name: /A\. Nonymous/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("No invoice found");
    await expectAccessible(page, "bank statements");
    await screenshot(page, "bank-statements");

    await row.getByRole("button", { name: "Assign" }).click();
    const dialog = page.getByRole("dialog", { name: "Book this transfer on an invoice" });
    await dialog.getByLabel("Find the invoice").fill(waiting.number);
    await dialog.getByRole("radio", { name: new RegExp(waiting.number) }).check();
    await dialog.getByRole("button", { name: "Book transfer" }).click();
    await expect.poll(() => page.getByText("No transfer is waiting").count()).toBe(1);
    expect(await page.getByRole("row", { name: /AUSZUG-2026-12/ }).textContent()).toContain("camt.053");

    await page.goto(`${rig.base}/shop/invoices/${waiting.id}`);
    await expect.poll(() => page.getByText("Bank transfer").count()).toBeGreaterThan(0);
    const shown = (await accounting("GET", `/api/v1/invoices/${waiting.id}`)).json();
    expect(shown).toMatchObject({ paymentStatus: "paid", open: 0 });
    expect((await accounting("GET", `/api/v1/invoices/${paidByRef.id}`)).json().paymentStatus).toBe("paid");
    expect(errors).toEqual([]);
    await context.close();
  });
});
