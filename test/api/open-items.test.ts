// Open items (issue #15): the accountant's list of unpaid issued invoices by age, its buckets'
// totals, and the same rows as CSV and XLSX files.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eachInvoice, locationToday } from "../../src/db/queries/invoices";
import { addDays } from "../../src/domain/invoice";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let advisor: Client;
let today: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  today = await locationToday(t.database.db, shop.locationId);
});
afterAll(() => t.close());

/** An issued invoice of `net` + 19 % due `daysAgo` days ago (negative: in the future). */
async function issued(net: number, daysAgo: number | null, customerId = shop.businessCustomerId) {
  const due = daysAgo === null ? null : addDays(today, -daysAgo);
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
    serviceDate: addDays(today, -200),
    issueDate: undefined,
    ...(due ? { dueDate: due } : {}),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string };
}

describe("open items", () => {
  const made: Record<string, { id: string; number: string }> = {};
  beforeAll(async () => {
    made.future = await issued(10_000, -10); // 119.00, not yet due
    made.undated = await issued(20_000, null); // 238.00, no due date yet
    made.d1 = await issued(30_000, 1); // 357.00
    made.d30 = await issued(40_000, 30); // 476.00
    made.d31 = await issued(50_000, 31); // 595.00
    made.d75 = await issued(60_000, 75); // 714.00
    made.d200 = await issued(70_000, 200, shop.privateCustomerId); // 833.00
  });

  it("lists every unpaid issued invoice, oldest due date first, with its age and the buckets' totals", async () => {
    const res = await accounting("GET", "/api/v1/open-items?limit=50");
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.today).toBe(today);
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(
      ["d200", "d75", "d31", "d30", "d1", "future", "undated"].map((k) => made[k]!.id),
    );
    expect(page.items[0]).toMatchObject({
      number: made.d200!.number,
      daysOverdue: 200,
      openAmount: 83_300,
      gross: 83_300,
      dunningLevel: 0,
      currency: "EUR",
    });
    expect(page.items.find((i: { id: string }) => i.id === made.future!.id).daysOverdue).toBe(0);
    expect(page.buckets).toEqual({
      not_due: { count: 2, amount: 11_900 + 23_800 },
      days_1_30: { count: 2, amount: 35_700 + 47_600 },
      days_31_60: { count: 1, amount: 59_500 },
      days_61_90: { count: 1, amount: 71_400 },
      days_over_90: { count: 1, amount: 83_300 },
    });
    expect(page.total).toBe(7);
  });

  it("filters by bucket and by customer, the totals following the customer", async () => {
    const bucket = (await accounting("GET", "/api/v1/open-items?bucket=days_1_30")).json();
    expect(bucket.items.map((i: { id: string }) => i.id)).toEqual([made.d30!.id, made.d1!.id]);
    expect(bucket.total).toBe(2);
    const one = (await accounting("GET", `/api/v1/open-items?customerId=${shop.privateCustomerId}`)).json();
    expect(one.items.map((i: { id: string }) => i.id)).toEqual([made.d200!.id]);
    expect(one.buckets.days_over_90).toEqual({ count: 1, amount: 83_300 });
    expect(one.buckets.not_due).toEqual({ count: 0, amount: 0 });
    const searched = (await accounting("GET", `/api/v1/open-items?q=${made.d75!.number}`)).json();
    expect(searched.items.map((i: { id: string }) => i.id)).toEqual([made.d75!.id]);
    const bad = await accounting("GET", "/api/v1/open-items?bucket=ancient");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("bucket");
  });

  it("drops an invoice once paid and counts only what is still open of a partly paid one", async () => {
    const paid = await accounting("POST", `/api/v1/invoices/${made.d31!.id}/payments`, {
      amount: 59_500,
      method: "cash",
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    const part = await accounting("POST", `/api/v1/invoices/${made.d75!.id}/payments`, {
      amount: 10_000,
      method: "cash",
    });
    expect(part.statusCode, part.body).toBeLessThan(300);
    const page = (await accounting("GET", "/api/v1/open-items")).json();
    expect(page.items.map((i: { id: string }) => i.id)).not.toContain(made.d31!.id);
    expect(page.buckets.days_31_60).toEqual({ count: 0, amount: 0 });
    expect(page.buckets.days_61_90).toEqual({ count: 1, amount: 61_400 });
  });

  it("is the accountant's: an advisor is refused and another shop sees none of it", async () => {
    expect((await advisor("GET", "/api/v1/open-items")).statusCode).toBe(403);
    const other = await createShop(t.database.db, "Other shop");
    const theirs = client(t.app, await signIn(t.app, other.staff.accounting.email));
    const page = (await theirs("GET", "/api/v1/open-items")).json();
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
    const file = await theirs("GET", "/api/v1/open-items/export?format=csv");
    expect(file.body.trim().split("\r\n")).toHaveLength(1);
  });

  it("exports the same rows as XLSX, dates as dates and amounts as numbers", async () => {
    const res = await accounting("GET", "/api/v1/open-items/export?format=xlsx&language=de");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="offene-posten-${today}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("Offene Posten");
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Rechnung",
      "Kunde",
      "Rechnungsdatum",
      "Fällig am",
      "Tage überfällig",
      "Mahnstufe",
      "Rechnungsbetrag",
      "Offener Betrag",
      "Währung",
      "Bestellnummer",
    ]);
    const screen = (await accounting("GET", "/api/v1/open-items?limit=50")).json();
    expect(sheet.rowCount).toBe(1 + screen.items.length);
    screen.items.forEach((item: Record<string, unknown>, i: number) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(item.number);
      expect(row.getCell(2).value).toBe(item.customerName);
      const due = row.getCell(4).value;
      if (item.dueDate) expect((due as Date).toISOString().slice(0, 10)).toBe(item.dueDate);
      else expect(due).toBeNull();
      expect(row.getCell(5).value).toBe(item.daysOverdue);
      expect(row.getCell(8).value).toBe((item.openAmount as number) / 100);
      expect(row.getCell(8).numFmt).toBe("#,##0.00");
    });
  });

  it("exports CSV the way Excel opens it in each language", async () => {
    const de = await accounting("GET", "/api/v1/open-items/export?format=csv&language=de&bucket=days_61_90");
    expect(de.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const [header, row, ...rest] = de.body.split("\r\n");
    expect(header!.startsWith("\uFEFFRechnung;Kunde;")).toBe(true);
    expect(rest).toEqual([""]);
    const cells = row!.split(";");
    expect(cells[0]).toBe(made.d75!.number);
    expect(cells[3]).toBe(addDays(today, -75).split("-").reverse().join("."));
    expect(cells[7]).toBe("614,00");
    const en = await accounting("GET", "/api/v1/open-items/export?format=csv&language=en&bucket=days_61_90");
    const enCells = en.body.split("\r\n")[1]!.split(",");
    expect(enCells[3]).toBe(addDays(today, -75));
    expect(enCells[7]).toBe("614.00");
  });
});

describe("invoices export", () => {
  it("writes the dashboard's rows with its filter, newest first, batch after batch without a gap", async () => {
    const dashboard = (await accounting("GET", "/api/v1/invoices?limit=100")).json();
    const ids: string[] = [];
    for await (const batch of eachInvoice(t.database.db, shop, {}, 2)) ids.push(...batch.map((r) => r.id));
    expect(ids).toEqual(dashboard.items.map((i: { id: string }) => i.id));

    const res = await accounting("GET", "/api/v1/invoices/export?format=xlsx&filter=open");
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const open = (await accounting("GET", "/api/v1/invoices?filter=open&limit=100")).json();
    expect(sheet.rowCount).toBe(1 + open.total);
    expect(sheet.getRow(1).getCell(1).value).toBe("Number");
    open.items.forEach((item: { number: string; totals: { gross: number }; open: number }, i: number) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(item.number);
      expect(row.getCell(9).value).toBe(item.totals.gross / 100);
      expect(row.getCell(10).value).toBe(item.open / 100);
    });
    const csv = await accounting("GET", "/api/v1/invoices/export?format=csv&language=de");
    expect(csv.body.split("\r\n")[0]).toBe(
      "\uFEFFNummer;Art;Kunde;Rechnungsdatum;Leistungsdatum;Fällig am;Netto;USt.;Brutto;Offener Betrag;Währung;Zahlungsstatus;Bestellnummer",
    );
    expect(csv.body.trim().split("\r\n")).toHaveLength(1 + dashboard.total);
    const tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
    expect((await tech("GET", "/api/v1/invoices/export")).statusCode).toBe(403);
  });
});
