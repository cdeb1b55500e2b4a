// Dunning (issue #15): a schedule per location, a run that reminds overdue invoices level by level
// with fees and default interest, stops for payments and pauses, waits for review where the level
// says so, catches up by the dates, and records each (invoice, level) once even when killed half-way.
import { mkdir, writeFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDunningAt } from "../../src/app/dunning/run-dunning";
import type { JobQueue } from "../../src/app/support/jobs";
import { locationToday } from "../../src/db/queries/invoices";
import { customers, dunningNotices, mailMessages } from "../../src/db/schema";
import { type DunningSchedule, defaultSchedule } from "../../src/domain/dunning";
import { addDays } from "../../src/domain/invoice";
import { bossQueue } from "../../src/jobs/queue";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let today: string;
const day = 86_400_000;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  today = await locationToday(t.database.db, shop.locationId);
  await t.database.db
    .update(customers)
    .set({ email: "ap@fleet.example" })
    .where(eq(customers.id, shop.businessCustomerId));
});
afterAll(() => t.close());

const ctx = (queue?: JobQueue) => ({
  queue: queue ?? bossQueue(t.boss),
  publicUrl: "http://pitlane.test",
  linkTtlDays: 14,
});
const scope = () => ({ organisationId: shop.organisationId, locationId: shop.locationId });
const system = () => ({ kind: "system" as const, id: null, name: "test run", ...scope() });
/** The run as the worker does it, on a day `days` from now (the clock moved). */
const runIn = (days: number, queue?: JobQueue) =>
  runDunningAt(t.database.db, ctx(queue), scope(), system(), new Date(Date.now() + days * day));

/** An issued invoice of `net` + 19 % due `daysAgo` days ago. */
async function issued(net: number, daysAgo: number, customerId = shop.businessCustomerId) {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
    serviceDate: addDays(today, -daysAgo - 20),
    dueDate: addDays(today, -daysAgo),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string };
}

const invoice = async (id: string) => (await accounting("GET", `/api/v1/invoices/${id}`)).json();
const reminders = async (id: string) => (await accounting("GET", `/api/v1/invoices/${id}/reminders`)).json();

async function saveSchedule(change: (s: DunningSchedule) => void) {
  const current = (await accounting("GET", "/api/v1/dunning/schedule")).json();
  const { saved: _saved, ...body } = current;
  change(body);
  return accounting("PUT", "/api/v1/dunning/schedule", body);
}

describe("dunning schedule", () => {
  it("starts from the defaults, refuses levels that go backwards and a stale version", async () => {
    const first = (await accounting("GET", "/api/v1/dunning/schedule")).json();
    expect(first).toMatchObject({ saved: false, version: 0, enabled: false });
    expect(first.levels.map((l: { daysAfterDue: number }) => l.daysAfterDue)).toEqual([7, 21, 35]);
    const backwards = await saveSchedule((s) => {
      s.enabled = true;
      s.levels[1]!.daysAfterDue = 5;
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe("levels.1.daysAfterDue");
    const noText = await saveSchedule((s) => {
      s.levels[0]!.text.de = " ";
    });
    expect(noText.statusCode).toBe(400);
    const ok = await saveSchedule((s) => {
      s.enabled = true;
      s.interestEnabled = true;
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ saved: true, version: 1, enabled: true, interestEnabled: true });
    const stale = await accounting("PUT", "/api/v1/dunning/schedule", { ...defaultSchedule(), version: 0 });
    expect(stale.statusCode).toBe(409);
  });
});

describe("dunning run", () => {
  const made: Record<string, { id: string; number: string }> = {};
  beforeAll(async () => {
    made.d3 = await issued(10_000, 3); // not yet at level 1 (7 days)
    made.d10 = await issued(10_000, 10); // level 1
    made.d25 = await issued(20_000, 25); // crossed levels 1 and 2: gets 2 only
    made.d50 = await issued(30_000, 50); // level 3 waits for review
    made.private = await issued(10_000, 22, shop.privateCustomerId); // level 2, a consumer
  });

  it("sends the level each invoice is owed, the highest only, with fee, interest and the flat fee", async () => {
    const result = await runIn(0);
    expect(result).toEqual({ sent: 3, queuedForReview: 1, failed: 0 });
    expect((await reminders(made.d3!.id)).items).toEqual([]);

    // Business, 10 days: no fee at level 1; interest 11,900 × (1.27 % + 9 %) × 10/365 = 33.48 → 0.33; €40.
    const d10 = await reminders(made.d10!.id);
    expect(d10.items).toHaveLength(1);
    expect(d10.items[0]).toMatchObject({
      level: 1,
      status: "sent",
      principal: 11_900,
      fee: 0,
      interest: 33,
      flatFee: 4_000,
      total: 11_900 + 33 + 4_000,
      sentTo: "ap@fleet.example",
    });
    expect(await invoice(made.d10!.id)).toMatchObject({ open: 15_933, paymentStatus: "overdue" });

    const d25 = (await reminders(made.d25!.id)).items;
    expect(d25.map((n: { level: number }) => n.level)).toEqual([2]);
    expect(d25[0]).toMatchObject({ fee: 500, flatFee: 4_000 });

    // A consumer: 5 points over the base rate and no flat fee. 11,900 × 6.27 % × 22/365 = 44.97 → 0.45.
    const consumer = (await reminders(made.private!.id)).items[0];
    expect(consumer).toMatchObject({
      level: 2,
      fee: 500,
      interest: 45,
      flatFee: 0,
      total: 11_900 + 500 + 45,
    });

    // The mail: the level's words in the customer's language, the total, a pay link and the letter.
    const [mail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.id, d10.items[0].mailMessageId));
    expect(mail!.subject).toContain("Payment reminder");
    expect(mail!.text).toContain("159.33");
    expect(mail!.text).toMatch(/http:\/\/pitlane\.test\/pay\/[A-Za-z0-9_-]{43}/);
    expect(mail!.attachments![0]!.contentType).toBe("application/pdf");
    const pdf = await accounting("GET", `/api/v1/dunning/reminders/${d10.items[0].id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.body.slice(0, 5)).toBe("%PDF-");
    await mkdir("test-results", { recursive: true });
    await writeFile("test-results/reminder.pdf", pdf.rawPayload);
    // The letter names the customer's other overdue invoices too (d25 and d50 of the same fleet).
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
    expect(text).toContain("Payment reminder – Invoice");
    expect(text).toContain("Default interest");
    expect(text).toContain("€159.33");
    expect(text).toContain(`Also still open and past due: ${made.d50!.number}`);
  });

  it("records nothing twice on a second run the same day", async () => {
    expect(await runIn(0)).toEqual({ sent: 0, queuedForReview: 0, failed: 0 });
    const rows = await t.database.db
      .select()
      .from(dunningNotices)
      .where(eq(dunningNotices.locationId, shop.locationId));
    expect(rows).toHaveLength(4);
  });

  it("waits for the accountant at a review level: send charges it, a second decision is refused", async () => {
    const queue = (await accounting("GET", "/api/v1/dunning/reminders?status=review")).json();
    expect(queue.items.map((n: { invoiceId: string }) => n.invoiceId)).toEqual([made.d50!.id]);
    expect(queue.items[0]).toMatchObject({ level: 3, invoiceNumber: made.d50!.number });
    expect((await invoice(made.d50!.id)).open).toBe(35_700);
    const sent = await accounting("POST", `/api/v1/dunning/reminders/${queue.items[0].id}/decision`, {
      decision: "send",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: "sent", fee: 1_000, flatFee: 4_000 });
    expect((await invoice(made.d50!.id)).open).toBe(sent.json().total);
    const again = await accounting("POST", `/api/v1/dunning/reminders/${queue.items[0].id}/decision`, {
      decision: "skip",
    });
    expect(again.statusCode).toBe(409);
  });

  it("catches up by the dates, stops for a payment and a pause, and re-bases on a part payment", async () => {
    // Paid in full (the reminder's total) and paused: neither is chased when the next levels come.
    const paid = await accounting("POST", `/api/v1/invoices/${made.d10!.id}/payments`, {
      amount: 15_933,
      method: "cash",
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    expect((await invoice(made.d10!.id)).paymentStatus).toBe("paid");
    const pause = await accounting("PUT", `/api/v1/invoices/${made.private!.id}/dunning-pause`, {
      paused: true,
    });
    expect(pause.json()).toEqual({ paused: true });
    // Part of d25's own amount paid: the next reminder's interest runs on what is still open of it.
    await accounting("POST", `/api/v1/invoices/${made.d25!.id}/payments`, { amount: 13_800, method: "cash" });

    // Twenty days on, with no run in between (the server was down): d3 is owed level 2 at 23 days —
    // it never had level 1, and gets the higher only; d25 its level 3, which waits for review.
    const result = await runIn(20);
    expect(result).toEqual({ sent: 1, queuedForReview: 1, failed: 0 });
    expect((await reminders(made.d3!.id)).items.map((n: { level: number }) => n.level)).toEqual([2]);
    expect((await reminders(made.d10!.id)).items).toHaveLength(1);
    expect((await reminders(made.private!.id)).items).toHaveLength(1);
    const d25 = (await reminders(made.d25!.id)).items;
    expect(d25.map((n: { level: number; status: string }) => [n.level, n.status])).toEqual([
      [2, "sent"],
      [3, "review"],
    ]);
    expect(d25[1].principal).toBe(23_800 - 13_800);

    // Resumed: the consumer's invoice gets its next level by the dates on the next run.
    await accounting("PUT", `/api/v1/invoices/${made.private!.id}/dunning-pause`, { paused: false });
    expect((await runIn(20)).queuedForReview).toBe(1);
    const customerPause = await accounting(
      "PUT",
      `/api/v1/customers/${shop.businessCustomerId}/dunning-pause`,
      {
        paused: true,
      },
    );
    expect(customerPause.json()).toEqual({ paused: true });
    expect((await reminders(made.d3!.id)).customerPaused).toBe(true);
  });

  it("killed half-way and restarted, sends no reminder twice and skips none", async () => {
    const other = await createShop(t.database.db, "Fault shop");
    const theirs = client(t.app, await signIn(t.app, other.staff.accounting.email));
    const schedule = (await theirs("GET", "/api/v1/dunning/schedule")).json();
    const put = await theirs("PUT", "/api/v1/dunning/schedule", {
      ...schedule,
      saved: undefined,
      enabled: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const draft = await theirs("POST", "/api/v1/invoices", {
        customerId: other.privateCustomerId,
        lines: [{ description: "Service", quantityMilli: 1000, unitPrice: 5_000 + i, taxRateBp: 1900 }],
        serviceDate: addDays(today, -40),
        dueDate: addDays(today, -10 - i),
      });
      ids.push((await theirs("POST", `/api/v1/invoices/${draft.json().id}/issue`)).json().id);
    }
    // The mail queue fails on the third reminder: that invoice's transaction rolls back, the run fails.
    let calls = 0;
    const real = bossQueue(t.boss);
    const faulty: JobQueue = {
      async enqueue(tx, name, data) {
        if (name === "mail.send" && ++calls === 3) throw new Error("connection lost");
        return real.enqueue(tx, name, data);
      },
    };
    const at = { organisationId: other.organisationId, locationId: other.locationId };
    const actor = { kind: "system" as const, id: null, name: "test run", ...at };
    await expect(runDunningAt(t.database.db, ctx(faulty), at, actor)).rejects.toThrow("connection lost");
    const counts = async () =>
      (
        await t.database.db
          .select({ invoiceId: dunningNotices.invoiceId })
          .from(dunningNotices)
          .where(and(eq(dunningNotices.locationId, other.locationId), eq(dunningNotices.status, "sent")))
      ).map((r) => r.invoiceId);
    expect(await counts()).toHaveLength(3);
    // Restarted: the one that failed is sent, the others are not sent again.
    expect(await runDunningAt(t.database.db, ctx(), at, actor)).toEqual({
      sent: 1,
      queuedForReview: 0,
      failed: 0,
    });
    expect((await counts()).sort()).toEqual([...ids].sort());
    const mails = await t.database.db
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(eq(mailMessages.locationId, other.locationId));
    expect(mails).toHaveLength(4);
  });

  it("is the accountant's and the location's", async () => {
    const advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    expect((await advisor("GET", "/api/v1/dunning/schedule")).statusCode).toBe(403);
    expect((await advisor("POST", "/api/v1/dunning/run")).statusCode).toBe(403);
    const other = await createShop(t.database.db, "Other shop");
    const theirs = client(t.app, await signIn(t.app, other.staff.accounting.email));
    expect((await theirs("GET", `/api/v1/invoices/${made.d10!.id}/reminders`)).statusCode).toBe(404);
    const notice = (await reminders(made.d10!.id)).items[0];
    expect((await theirs("GET", `/api/v1/dunning/reminders/${notice.id}/pdf`)).statusCode).toBe(404);
    expect(
      (await theirs("PUT", `/api/v1/invoices/${made.d10!.id}/dunning-pause`, { paused: true })).statusCode,
    ).toBe(404);
  });
});
