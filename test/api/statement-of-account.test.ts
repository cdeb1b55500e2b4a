// Statement of account (issue #15): a customer's open invoices, their credit notes and the total open
// as a PDF in the customer's language, with the EPC QR code; another location's customer is not found.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { addDays } from "../../src/domain/invoice";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let today: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  today = await locationToday(t.database.db, shop.locationId);
});
afterAll(() => t.close());

async function issued(customerId: string, net: number, dueDaysAgo: number) {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
    serviceDate: addDays(today, -60),
    dueDate: addDays(today, -dueDaysAgo),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string };
}

const textOf = async (payload: Buffer) => {
  const doc = await getDocumentProxy(new Uint8Array(payload));
  return (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
};

describe("statement of account", () => {
  it("lists the open invoices with their credit notes, days overdue and the total open, in the customer's language", async () => {
    // The business customer reads English; 119.00 ten days overdue, 238.00 not yet due.
    const late = await issued(shop.businessCustomerId, 10_000, 10);
    const current = await issued(shop.businessCustomerId, 20_000, -5);
    const paid = await issued(shop.businessCustomerId, 5_000, 3);
    expect(
      (await accounting("POST", `/api/v1/invoices/${paid.id}/payments`, { amount: 5_950, method: "cash" }))
        .statusCode,
    ).toBeLessThan(300);
    const note = (
      await accounting("POST", `/api/v1/invoices/${late.id}/credit`, {
        lines: [{ description: "Goodwill", quantityMilli: 1000, unitPrice: 1_000, taxRateBp: 1900 }],
      })
    ).json();
    const part = await accounting("POST", `/api/v1/invoices/${late.id}/payments`, {
      amount: 2_000,
      method: "cash",
    });
    expect(part.statusCode, part.body).toBeLessThan(300);

    const res = await accounting(
      "GET",
      `/api/v1/customers/${shop.businessCustomerId}/statement-of-account.pdf`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await textOf(res.rawPayload);
    expect(text).toContain("Statement of account");
    expect(text).toContain("Test shop GmbH");
    expect(text).toContain(late.number);
    expect(text).toContain(current.number);
    expect(text).toContain(`${note.number} (credit note for ${late.number})`);
    expect(text).not.toContain(paid.number);
    // 119.00 − 11.90 credited − 20.00 paid = 87.10 open; with 238.00: 325.10.
    expect(text).toContain("€87.10");
    expect(text).toContain("Total open €325.10");
    expect(text).toContain("GiroCode");
  });

  it("speaks German to a German customer and says when nothing is open", async () => {
    const res = await accounting(
      "GET",
      `/api/v1/customers/${shop.privateCustomerId}/statement-of-account.pdf`,
    );
    expect(res.statusCode).toBe(200);
    const text = await textOf(res.rawPayload);
    expect(text).toContain("Kontoauszug");
    expect(text).toContain("Auf Ihrem Konto ist nichts offen");
  });

  it("is not found for another location's customer and refused to a technician", async () => {
    const other = await createShop(t.database.db, "Other shop");
    const res = await accounting(
      "GET",
      `/api/v1/customers/${other.businessCustomerId}/statement-of-account.pdf`,
    );
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect(
      (await tech("GET", `/api/v1/customers/${shop.businessCustomerId}/statement-of-account.pdf`)).statusCode,
    ).toBe(403);
  });
});
