// Dunning in Chromium, the walk-through of issue #15: a fleet customer on account has an invoice 30
// days past its due date (issued with its dates that far back: the clock moved on). The accountant
// turns dunning and default interest on, runs it, and the customer gets the 1st notice with its fee,
// interest and the €40 flat fee. The customer transfers the new total with the invoice's RF
// reference; the accountant imports the bank statement, it is matched by itself, the invoice reads
// paid, and the next run sends nothing.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { customers, mailMessages } from "../../src/db/schema";
import { addDays } from "../../src/domain/invoice";
import { creditorReference } from "../../src/domain/payment-reference";
import { camt053 } from "../support/bank-statements";
import { type BrowserRig, desktop, expectAccessible, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("Dunning shop");
});
afterAll(() => rig?.close());

describe("Dunning", () => {
  it("reminds an overdue invoice with fee and interest, and stops once the transfer of the total is imported", async () => {
    const db = rig.t.database.db;
    await db
      .update(customers)
      .set({ payOnAccount: true, email: "ap@fleet.example" })
      .where(eq(customers.id, rig.shop.businessCustomerId));
    const accounting = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.accounting.email));
    const today = await locationToday(db, rig.shop.locationId);
    const draft = await accounting("POST", "/api/v1/invoices", {
      customerId: rig.shop.businessCustomerId,
      lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 40_000, taxRateBp: 1900 }],
      serviceDate: addDays(today, -44),
      dueDate: addDays(today, -30),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const invoice = (await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json() as {
      id: string;
      number: string;
    };

    const context = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await rig.signInAs(page, "/login", rig.shop.staff.accounting.email);
    await page.getByRole("link", { name: "Receivables" }).click();
    await page.getByRole("tab", { name: "Dunning" }).click();
    await page.waitForURL(/\/shop\/receivables\/dunning$/);
    await expect.poll(() => page.getByText("Dunning is off for this location").count()).toBe(1);

    // The schedule: the defaults (reminder at 7 days, 1st notice at 21 with €5, final at 35), turned on.
    await page.getByRole("switch", { name: "Dunning on" }).check();
    await page.getByRole("switch", { name: "Default interest (§288 BGB)" }).check();
    await page.getByRole("button", { name: "Save schedule" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Run dunning now" }).isEnabled()).toBe(true);
    await page.getByRole("button", { name: "Run dunning now" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Run finished" }).textContent())
      .toContain("1 reminder sent, 0 waiting for review");

    // 30 days overdue: the 1st notice (level 2) only. Fee €5, interest 47,600 × 10.27 % × 30/365 = €4.02,
    // flat fee €40: €476.00 + €49.02 = €525.02.
    const row = page.getByRole("row", { name: new RegExp(invoice.number) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("1st notice");
    expect(await row.textContent()).toContain("€525.02");
    await expectAccessible(page, "dunning");
    await screenshot(page, "dunning");
    const [mail] = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.locationId, rig.shop.locationId), eq(mailMessages.to, "ap@fleet.example")));
    expect(mail!.subject).toContain("1st notice");
    expect(mail!.text).toContain("€525.02");

    await row.getByRole("link", { name: invoice.number }).click();
    await page.waitForURL(new RegExp(`/shop/invoices/${invoice.id}$`));
    await expect.poll(() => page.getByRole("heading", { name: "Reminders" }).count()).toBe(1);
    await expect.poll(() => page.getByText("Fees and interest charged so far: €49.02").count()).toBe(1);
    await screenshot(page, "invoice-reminders");

    // The customer pays the reminder's total by transfer, with the invoice's RF reference.
    const dir = await mkdtemp(path.join(tmpdir(), "pitlane-dunning-"));
    const file = path.join(dir, "camt053.xml");
    await writeFile(
      file,
      camt053(
        [{ amount: 52_502, payerName: "Fleet GmbH", structuredReference: creditorReference(invoice.number) }],
        {
          id: "AUSZUG-DUNNING",
        },
      ),
    );
    await page.getByRole("link", { name: "Receivables" }).click();
    await page.getByRole("tab", { name: "Bank statements" }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Choose statement file" }).click(),
    ]);
    await chooser.setFiles(file);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "AUSZUG-DUNNING imported" }).textContent())
      .toContain("1 booked on invoices, 0 waiting for you");

    await page.goto(`${rig.base}/shop/invoices/${invoice.id}`);
    await expect.poll(() => page.getByText("Bank transfer").count()).toBeGreaterThan(0);
    expect((await accounting("GET", `/api/v1/invoices/${invoice.id}`)).json()).toMatchObject({
      paymentStatus: "paid",
      open: 0,
    });
    // Dunning stops: the next run, even a month on, sends nothing for it.
    const rerun = await accounting("POST", "/api/v1/dunning/run");
    expect(rerun.json()).toEqual({ sent: 0, queuedForReview: 0, failed: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
