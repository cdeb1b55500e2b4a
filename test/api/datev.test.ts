// The accountant's exports (issue #15): the payments journal as CSV/XLSX, the DATEV booking batch
// (EXTF Buchungsstapel) and the DATEV numbers and accounts it books to.
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationToday } from "../../src/db/queries/invoices";
import { customers, invoicePayments } from "../../src/db/schema";
import { defaultAccounting } from "../../src/domain/accounting";
import { newId } from "../../src/domain/ids";
import { addDays } from "../../src/domain/invoice";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let advisor: Client;
let today: string;
let customerName: string;
const made: Record<string, { id: string; number: string }> = {};

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  today = await locationToday(t.database.db, shop.locationId);
  // An umlaut in the name: the DATEV file must carry it as Windows-1252.
  customerName = `Müller Flotte ${shop.businessCustomerId.slice(-4)}`;
  await t.database.db
    .update(customers)
    .set({ displayName: customerName })
    .where(eq(customers.id, shop.businessCustomerId));

  const issue = async (lines: { unitPrice: number; taxRateBp: number }[]) => {
    const draft = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines: lines.map((l) => ({ description: "Service", quantityMilli: 1000, ...l })),
      serviceDate: today,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const res = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; number: string };
  };
  // 100.00 + 19 % and 10.00 + 7 %: 119.00 and 10.70.
  made.mixed = await issue([
    { unitPrice: 10_000, taxRateBp: 1900 },
    { unitPrice: 1_000, taxRateBp: 700 },
  ]);
  const note = await accounting("POST", `/api/v1/invoices/${made.mixed.id}/credit`, {
    lines: [{ description: "Goodwill", quantityMilli: 1000, unitPrice: 5_000, taxRateBp: 1900 }],
  });
  expect(note.statusCode, note.body).toBeLessThan(300);
  made.note = note.json();
  const paid = await accounting("POST", `/api/v1/invoices/${made.mixed.id}/payments`, {
    amount: 4_000,
    method: "cash",
  });
  expect(paid.statusCode, paid.body).toBeLessThan(300);
  // A card refund as the provider's webhook records it.
  await t.database.db.insert(invoicePayments).values({
    id: newId("payment"),
    organisationId: shop.organisationId,
    locationId: shop.locationId,
    invoiceId: made.mixed.id,
    kind: "refund",
    amount: 1_500,
    currency: "EUR",
    method: "card",
    source: "sandbox",
    reference: "re_test_1",
  });
});
afterAll(() => t.close());

describe("accounting settings", () => {
  it("starts with SKR03's accounts and saves valid numbers", async () => {
    const res = await accounting("GET", "/api/v1/settings/accounting");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(defaultAccounting());
    const next = { ...defaultAccounting(), consultantNumber: 29098, clientNumber: 55003 };
    const saved = await accounting("PUT", "/api/v1/settings/accounting", next);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual(next);
    expect((await accounting("GET", "/api/v1/settings/accounting")).json()).toEqual(next);
  });

  it("refuses bad numbers with a 400 naming each field", async () => {
    const res = await accounting("PUT", "/api/v1/settings/accounting", {
      ...defaultAccounting(),
      consultantNumber: 1000,
      clientNumber: 100_000,
      bankAccount: "12a0",
      fiscalYearStart: "02-30",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(["consultantNumber", "clientNumber", "bankAccount", "fiscalYearStart"]),
    );
    const lengths = await accounting("PUT", "/api/v1/settings/accounting", {
      ...defaultAccounting(),
      debtorAccount: "1000",
      revenueAccounts: { "19": "84000", "7": "8300", "0": "8120" },
    });
    expect(lengths.statusCode).toBe(400);
    expect(lengths.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["debtorAccount", "revenueAccounts.19"]),
    );
  });

  it("is the accountant's", async () => {
    expect((await advisor("GET", "/api/v1/settings/accounting")).statusCode).toBe(403);
    expect((await advisor("PUT", "/api/v1/settings/accounting", defaultAccounting())).statusCode).toBe(403);
  });
});

describe("payments export", () => {
  it("lists every payment and refund of the days as CSV, refunds negative", async () => {
    const res = await accounting(
      "GET",
      `/api/v1/payments/export?from=${today}&to=${today}&format=csv&language=de`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="zahlungen-${today}-${today}.csv"`);
    const [header, ...rows] = res.body.trimEnd().split("\r\n");
    expect(header).toBe("\uFEFFDatum;Rechnung;Kunde;Art;Zahlart;Quelle;Referenz;Betrag;Währung");
    const day = today.split("-").reverse().join(".");
    expect(rows).toEqual([
      `${day};${made.mixed!.number};${customerName};Zahlung;Bar;pos;;40,00;EUR`,
      `${day};${made.mixed!.number};${customerName};Erstattung;Karte;sandbox;re_test_1;-15,00;EUR`,
    ]);
  });

  it("writes XLSX with dates as dates", async () => {
    const res = await accounting("GET", `/api/v1/payments/export?from=${today}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Date");
    expect((sheet.getRow(2).getCell(1).value as Date).toISOString().slice(0, 10)).toBe(today);
    expect(sheet.getRow(3).getCell(8).value).toBe(-15);
  });

  it("leaves out days outside the range and another shop's payments", async () => {
    const before = await accounting(
      "GET",
      `/api/v1/payments/export?from=${addDays(today, -30)}&to=${addDays(today, -1)}&format=csv`,
    );
    expect(before.body.trim().split("\r\n")).toHaveLength(1);
    const other = await createShop(t.database.db, "Other shop");
    const theirs = client(t.app, await signIn(t.app, other.staff.accounting.email));
    const file = await theirs("GET", `/api/v1/payments/export?from=${today}&to=${today}&format=csv`);
    expect(file.body.trim().split("\r\n")).toHaveLength(1);
    const datev = await theirs("GET", `/api/v1/datev/export?from=${today}&to=${today}`);
    expect(datev.rawPayload.toString("latin1").trim().split("\r\n")).toHaveLength(2);
  });

  it("refuses a reversed, too long or malformed range with a 400 naming the field", async () => {
    const reversed = await accounting(
      "GET",
      `/api/v1/payments/export?from=${today}&to=${addDays(today, -1)}`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers["content-type"]).toContain("application/problem+json");
    expect(reversed.json().errors[0].field).toBe("to");
    const long = await accounting("GET", "/api/v1/payments/export?from=2020-01-01&to=2023-01-01");
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe("to");
    expect(
      (await accounting("GET", "/api/v1/payments/export?from=2020-01-01&to=2022-12-31")).statusCode,
    ).toBe(200);
    const bad = await accounting("GET", "/api/v1/payments/export?from=2026-02-30&to=2026-03-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("from");
    const missing = await accounting("GET", "/api/v1/payments/export");
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["from", "to"]),
    );
    expect((await advisor("GET", `/api/v1/payments/export?from=${today}&to=${today}`)).statusCode).toBe(403);
  });
});

describe("DATEV export", () => {
  it("writes the EXTF header, the column line and a booking per rate, credit note and payment", async () => {
    const res = await accounting("GET", `/api/v1/datev/export?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=windows-1252");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="EXTF_Buchungsstapel_${today}_${today}.csv"`,
    );
    const bytes = res.rawPayload;
    // Windows-1252: "ü" is one byte (0xFC), not UTF-8's two.
    expect(bytes.includes(Buffer.from([0xfc]))).toBe(true);
    expect(bytes.includes(Buffer.from("ü", "utf8"))).toBe(false);
    const text = bytes.toString("latin1");
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, columns, ...rows] = text.slice(0, -2).split("\r\n");
    const h = header!.split(";");
    expect(h).toHaveLength(31);
    const compact = today.replaceAll("-", "");
    expect(h.slice(0, 5)).toEqual(['"EXTF"', "700", "21", '"Buchungsstapel"', "13"]);
    expect(h[5]).toMatch(/^\d{17}$/);
    expect(h.slice(10, 16)).toEqual(["29098", "55003", `${today.slice(0, 4)}0101`, "4", compact, compact]);
    expect(h[21]).toBe('"EUR"');
    const c = columns!.split(";");
    expect(c).toHaveLength(125);
    expect(c.slice(0, 3)).toEqual([
      '"Umsatz (ohne Soll/Haben-Kz)"',
      '"Soll/Haben-Kennzeichen"',
      '"WKZ Umsatz"',
    ]);
    expect(c[13]).toBe('"Buchungstext"');
    const ddmm = `${today.slice(8, 10)}${today.slice(5, 7)}`;
    const first = (row: string) => row.split(";").slice(0, 14);
    const name = (prefix: string) => `"${prefix} ${customerName}"`;
    // Invoices and credit notes of a day come in id order, then the payments in the order recorded.
    const byText = (a: string[], b: string[]) => a.join(";").localeCompare(b.join(";"));
    expect(rows.map(first).sort(byText)).toEqual(
      [
        [
          "119,00",
          '"S"',
          '"EUR"',
          "",
          "",
          "",
          "10000",
          "8400",
          "",
          ddmm,
          `"${made.mixed!.number}"`,
          "",
          "",
          name("Rechnung"),
        ],
        [
          "10,70",
          '"S"',
          '"EUR"',
          "",
          "",
          "",
          "10000",
          "8300",
          "",
          ddmm,
          `"${made.mixed!.number}"`,
          "",
          "",
          name("Rechnung"),
        ],
        [
          "59,50",
          '"H"',
          '"EUR"',
          "",
          "",
          "",
          "10000",
          "8400",
          "",
          ddmm,
          `"${made.note!.number}"`,
          "",
          "",
          name("Gutschrift"),
        ],
        [
          "40,00",
          '"S"',
          '"EUR"',
          "",
          "",
          "",
          "1000",
          "10000",
          "",
          ddmm,
          `"${made.mixed!.number}"`,
          "",
          "",
          name("Zahlung"),
        ],
        [
          "15,00",
          '"H"',
          '"EUR"',
          "",
          "",
          "",
          "1360",
          "10000",
          "",
          ddmm,
          `"${made.mixed!.number}"`,
          "",
          "",
          name("Erstattung"),
        ],
      ].sort(byText),
    );
    expect(rows.slice(3).map((row) => row.split(";")[1])).toEqual(['"S"', '"H"']);
    for (const row of rows) expect(row.split(";")).toHaveLength(125);
  });

  it("keeps a batch inside one fiscal year (422 naming the end) and refuses a bad range (400)", async () => {
    const year = Number(today.slice(0, 4));
    const across = await accounting("GET", `/api/v1/datev/export?from=${year - 1}-12-01&to=${year}-01-31`);
    expect(across.statusCode).toBe(422);
    expect(across.headers["content-type"]).toContain("application/problem+json");
    expect(across.json().errors[0].field).toBe("to");
    const reversed = await accounting("GET", `/api/v1/datev/export?from=${today}&to=${addDays(today, -1)}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe("to");
    expect((await advisor("GET", `/api/v1/datev/export?from=${today}&to=${today}`)).statusCode).toBe(403);
  });
});
