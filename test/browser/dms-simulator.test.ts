// The DMS integration end to end, driven by the reference DMS client (scripts/dms-simulator.ts, on
// the client generated from the OpenAPI document): the DMS pushes a batch with an API key (one bad
// invoice among them is refused on its own), the customer pays one on a phone from the mailed link,
// the DMS hears `invoice.paid` by a signed webhook and books it, the cashier hands the vehicle over in
// the dashboard and the case is Closed there; the pull feed tells the same story in order.
import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DmsSimulator, sampleInvoice } from "../../scripts/dms-simulator";
import { mailMessages } from "../../src/db/schema";
import { createKey } from "../support/api-keys";
import {
  type BrowserRig,
  desktop,
  expectAccessible,
  phone,
  screenshot,
  startBrowserRig,
} from "../support/browser";
import { client, signIn } from "../support/client";

let rig: BrowserRig;
let sim: DmsSimulator;
const dmsLog: string[] = [];

beforeAll(async () => {
  rig = await startBrowserRig("DMS shop");
  const admin = client(rig.t.app, await signIn(rig.t.app, rig.shop.staff.admin.email));
  // The DMS's receiver runs on this machine: an on-premises DMS, which the admin allows.
  const policy = await admin("PUT", "/api/v1/settings/webhooks/policy", { allowPrivateTargets: true });
  expect(policy.statusCode, policy.body).toBe(200);
  const { key } = await createKey(rig.t.database.db, rig.shop, { name: "WERBAS Filiale Mitte" });
  sim = new DmsSimulator({ baseUrl: rig.base, apiKey: key, log: (line) => dmsLog.push(line) });
  await sim.listenForWebhooks();
});
afterAll(async () => {
  await sim?.close();
  await rig?.close();
});

/** Mails and provider redirects name http://pitlane.test (PUBLIC_URL): routed to the test server. */
async function publicUrlToRig(context: BrowserContext) {
  await context.route(/^http:\/\/pitlane\.test\//, async (route) => {
    const url = route.request().url().replace("http://pitlane.test", rig.base);
    await route.fulfill({ response: await route.fetch({ url, maxRedirects: 0 }) });
  });
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("DMS integration", () => {
  it("pushes a batch, the customer pays on a phone, the DMS hears it by webhook and books it, and the dashboard shows the case closed", async () => {
    const run = Date.now().toString(36);
    const good = sampleInvoice(1, "owner.one@dms.test", run);
    const second = sampleInvoice(2, "owner.two@dms.test", run);
    const bad = { ...sampleInvoice(3, "owner.three@dms.test", run), totals: { net: 1, tax: 1, gross: 2 } };
    const results = await sim.pushBatch([good, second, bad]);
    expect(results.map((r) => r.status)).toEqual(["created", "created", "refused"]);
    expect(results[2]!.problem?.errors.map((e) => e.field)).toContain("totals.gross");
    const invoiceId = results[0]!.invoiceId!;
    expect((await sim.invoice(invoiceId)).externalId).toBe(good.externalId);

    // The payment request went out at once (send: immediately) with its pay link.
    let mail: typeof mailMessages.$inferSelect | undefined;
    await expect
      .poll(async () => {
        [mail] = await rig.t.database.db
          .select()
          .from(mailMessages)
          .where(eq(mailMessages.to, "owner.one@dms.test"));
        return mail?.subject ?? "";
      })
      .toContain(good.number);
    const link = mail!.text.match(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]+/)![0];

    // The vehicle owner pays by card on a phone before the key handover.
    const errors: string[] = [];
    const customerContext = await rig.browser.newContext({ ...phone, locale: "en-GB" });
    await publicUrlToRig(customerContext);
    const customer = await customerContext.newPage();
    customer.on("pageerror", (e) => errors.push(`customer: ${e.message}`));
    await customer.goto(link);
    await expect.poll(() => heading(customer)).toBe(`Invoice ${good.number}`);
    await customer.getByRole("button", { name: "Pay with card" }).click();
    await customer.waitForURL(/\/sandbox\/checkout\//);
    await customer.getByLabel("Card number").fill("4242 4242 4242 4242");
    await customer.getByRole("button", { name: /^Pay / }).click();
    await customer.waitForURL(/\/pay\/[^/?]+\?paid=1$/);
    await expect.poll(() => customer.getByText("Paid", { exact: true }).count()).toBe(1);

    // The DMS hears it by a signed webhook, settles its open item and books it in Pitlane.
    await sim.until(() => sim.items.get(invoiceId)?.state === "booked");
    expect(sim.rejected).toBe(0);
    expect(sim.items.get(results[1]!.invoiceId!)?.state).toBe("open");
    const paid = sim.events.find((e) => e.type === "invoice.paid");
    expect(paid?.data).toMatchObject({ invoiceId, externalId: good.externalId, openAmount: 0 });

    // The cashier hands the vehicle over: paid, delivered and booked, the case is closed.
    const cashierContext = await rig.browser.newContext({ ...desktop, locale: "en-GB" });
    const cashier = await cashierContext.newPage();
    cashier.on("pageerror", (e) => errors.push(`cashier: ${e.message}`));
    await rig.signInAs(cashier, "/login", rig.shop.staff.accounting.email);
    await cashier.goto(`${rig.base}/shop/invoices/${invoiceId}`);
    await expect.poll(() => heading(cashier)).toContain(good.number);
    await expect.poll(() => cashier.getByText(/^Booked on /).count()).toBe(1);
    await cashier.getByRole("button", { name: "Delivered" }).click();
    const dialog = cashier.getByRole("dialog");
    await dialog.getByLabel(/^Picked up by/).fill("Owner One");
    await dialog.getByRole("button", { name: "Record handover" }).click();
    await expect.poll(() => cashier.getByRole("dialog").count()).toBe(0);
    await expect.poll(() => cashier.getByText("Closed", { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(cashier, "DMS invoice closed");
    await screenshot(cashier, "dms-invoice-closed");

    // The dashboard lists it under Closed, marked as the DMS's.
    await cashier.goto(`${rig.base}/shop/invoices`);
    await cashier.getByText("Paid today").waitFor();
    await cashier.getByRole("group", { name: "Show" }).getByText("Closed", { exact: true }).click();
    await expect.poll(() => cashier.getByRole("link", { name: good.number }).count()).toBe(1);
    await screenshot(cashier, "dms-invoices-closed");

    // The DMS is told the case closed, and the pull feed tells the same story in order.
    await sim.until(() =>
      sim.events.some((e) => e.type === "invoice.closed" && e.data.invoiceId === invoiceId),
    );
    const feed = new DmsSimulator({
      baseUrl: rig.base,
      apiKey: (await createKey(rig.t.database.db, rig.shop, { name: "Feed reader", scopes: ["events:read"] }))
        .key,
    });
    await feed.pollFeed("0");
    const story = feed.events.filter((e) => e.data.invoiceId === invoiceId).map((e) => e.type);
    expect(story.indexOf("invoice.sent")).toBeGreaterThanOrEqual(0);
    expect(story.indexOf("invoice.sent")).toBeLessThan(story.indexOf("invoice.paid"));
    expect(story.indexOf("invoice.paid")).toBeLessThan(story.indexOf("invoice.booked"));
    expect(story.at(-1)).toBe("invoice.closed");

    expect(errors).toEqual([]);
    await Promise.all([customerContext.close(), cashierContext.close()]);
  });
});
