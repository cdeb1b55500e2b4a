import { describe, expect, it } from "vitest";
import { defaultAccounting } from "./accounting";
import {
  datevAmount,
  datevColumnLine,
  datevColumns,
  datevDocumentField,
  datevHeaderFields,
  datevHeaderLine,
  datevRangeProblems,
  datevRow,
  encodeWindows1252,
  fiscalYearStartOf,
  invoiceBookings,
  moneyAccountOf,
  paymentBooking,
} from "./datev";

const settings = { ...defaultAccounting(), consultantNumber: 29098, clientNumber: 55003 };

/** A line's fields, quotes and all (none of these examples has a `;` inside a text). */
const cells = (line: string) => line.split(";");

describe("the EXTF header", () => {
  const header = {
    settings,
    // 14:04:40.439 in Berlin (CET, UTC+1).
    createdAt: new Date("2026-01-30T13:04:40.439Z"),
    timeZone: "Europe/Berlin",
    from: "2026-01-01",
    to: "2026-01-31",
    description: "Pitlane Januar 2026",
    exportedBy: "Anna Accountant",
    currency: "EUR",
  };

  it("has DATEV's 31 fields with the batch's numbers and dates", () => {
    const fields = datevHeaderFields(header);
    expect(fields).toHaveLength(31);
    expect(datevHeaderLine(header)).toBe(
      '"EXTF";700;21;"Buchungsstapel";13;20260130140440439;;"RE";"Anna Accountant";"";29098;55003;20260101;4;20260101;20260131;"Pitlane Januar 2026";"";1;0;0;"EUR";;"";;;"";;;"";""',
    );
  });

  it("starts the fiscal year on the configured day before the range", () => {
    const april = { ...header, settings: { ...settings, fiscalYearStart: "04-01" } };
    expect(datevHeaderFields(april)[12]).toBe("20250401");
    expect(fiscalYearStartOf("2026-04-01", "04-01")).toBe("2026-04-01");
    expect(fiscalYearStartOf("2026-03-31", "04-01")).toBe("2025-04-01");
  });

  it("cuts the description to 30 characters", () => {
    const fields = datevHeaderFields({ ...header, description: "x".repeat(40) });
    expect(fields[16]).toBe(`"${"x".repeat(30)}"`);
  });
});

describe("the column line", () => {
  it("names the 125 standard columns in DATEV's order", () => {
    expect(datevColumns).toHaveLength(125);
    expect(cells(datevColumnLine()).slice(0, 14)).toEqual(
      [
        "Umsatz (ohne Soll/Haben-Kz)",
        "Soll/Haben-Kennzeichen",
        "WKZ Umsatz",
        "Kurs",
        "Basis-Umsatz",
        "WKZ Basis-Umsatz",
        "Konto",
        "Gegenkonto (ohne BU-Schlüssel)",
        "BU-Schlüssel",
        "Belegdatum",
        "Belegfeld 1",
        "Belegfeld 2",
        "Skonto",
        "Buchungstext",
      ].map((c) => `"${c}"`),
    );
    expect(datevColumns[20]).toBe("Beleginfo - Art 1");
    expect(datevColumns[47]).toBe("Zusatzinformation - Art 1");
    expect(datevColumns[48]).toBe("Zusatzinformation- Inhalt 1");
    expect(datevColumns[87]).toBe("Stück");
    expect(datevColumns[113]).toBe("Festschreibung");
    expect(datevColumns[124]).toBe("Abw. Skontokonto");
  });
});

describe("bookings", () => {
  it("books an invoice with 19 % and 7 % as two lines, debtor S against each rate's revenue account", () => {
    // 100.00 + 19.00 at 19 %, 10.00 + 0.70 at 7 %.
    const bookings = invoiceBookings(
      {
        kind: "invoice",
        number: "INV-2026-000123",
        issueDate: "2026-01-15",
        currency: "EUR",
        totals: {
          byRate: [
            { rateBp: 1900, net: 10_000, tax: 1_900 },
            { rateBp: 700, net: 1_000, tax: 70 },
          ],
        },
        customerName: "Fleet GmbH",
      },
      settings,
    );
    expect(bookings.map(datevRow).map((line) => cells(line).slice(0, 14))).toEqual([
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
        "1501",
        '"INV-2026-000123"',
        "",
        "",
        '"Rechnung Fleet GmbH"',
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
        "1501",
        '"INV-2026-000123"',
        "",
        "",
        '"Rechnung Fleet GmbH"',
      ],
    ]);
    expect(cells(datevRow(bookings[0]!))).toHaveLength(125);
  });

  it("books a credit note on the H side", () => {
    const [line] = invoiceBookings(
      {
        kind: "credit_note",
        number: "CN-2026-000007",
        issueDate: "2026-01-20",
        currency: "EUR",
        totals: { byRate: [{ rateBp: 1900, net: 123_456, tax: 23_457 }] },
        customerName: "Paula Private",
      },
      settings,
    ).map(datevRow);
    expect(cells(line!).slice(0, 14)).toEqual([
      "1469,13",
      '"H"',
      '"EUR"',
      "",
      "",
      "",
      "10000",
      "8400",
      "",
      "2001",
      '"CN-2026-000007"',
      "",
      "",
      '"Gutschrift Paula Private"',
    ]);
  });

  it("books a payment on the money account against the debtor, a refund the other way", () => {
    const payment = {
      kind: "payment" as const,
      amount: 11_900,
      currency: "EUR",
      method: "bank_transfer",
      source: "bank",
      date: "2026-01-28",
      invoiceNumber: "INV-2026-000123",
      customerName: "Fleet GmbH",
    };
    expect(cells(datevRow(paymentBooking(payment, settings))).slice(0, 14)).toEqual([
      "119,00",
      '"S"',
      '"EUR"',
      "",
      "",
      "",
      "1200",
      "10000",
      "",
      "2801",
      '"INV-2026-000123"',
      "",
      "",
      '"Zahlung Fleet GmbH"',
    ]);
    const refund = paymentBooking({ ...payment, kind: "refund", method: "card", source: "stripe" }, settings);
    expect(refund).toMatchObject({ side: "H", account: "1360", contraAccount: "10000" });
    expect(refund.text).toBe("Erstattung Fleet GmbH");
    expect(moneyAccountOf({ method: "cash", source: "pos" }, settings)).toBe("1000");
    expect(moneyAccountOf({ method: "card_terminal", source: "pos" }, settings)).toBe("1360");
    expect(moneyAccountOf({ method: "paypal", source: "sandbox" }, settings)).toBe("1360");
  });

  it("leaves the contra account empty for a VAT rate without a revenue account", () => {
    const [booking] = invoiceBookings(
      {
        kind: "invoice",
        number: "INV-1",
        issueDate: "2026-01-15",
        currency: "EUR",
        totals: { byRate: [{ rateBp: 1600, net: 100, tax: 16 }] },
        customerName: "X",
      },
      settings,
    );
    expect(booking!.contraAccount).toBe("");
  });
});

describe("field formats", () => {
  it("writes amounts with a decimal comma, no sign and no thousands separator", () => {
    expect(datevAmount(123_456)).toBe("1234,56");
    expect(datevAmount(-5)).toBe("0,05");
    expect(datevAmount(1_000_000_00)).toBe("1000000,00");
  });

  it("keeps Belegfeld 1 to 36 of DATEV's characters and Buchungstext to 60", () => {
    expect(datevDocumentField("INV 2026_000123/ä")).toBe("INV2026000123/");
    expect(datevDocumentField("A".repeat(40))).toHaveLength(36);
    const long = datevRow({
      amount: 1,
      side: "S",
      currency: "EUR",
      account: "1200",
      contraAccount: "10000",
      date: "2026-01-01",
      document: "X",
      text: `Zahlung "${"y".repeat(80)}`,
    });
    expect(cells(long)[13]).toBe(`"Zahlung ""${"y".repeat(51)}"`);
  });

  it("encodes Windows-1252: umlauts and the euro sign as single bytes, the rest as ?", () => {
    expect([...encodeWindows1252("Müß€\r\n")]).toEqual([0x4d, 0xfc, 0xdf, 0x80, 0x0d, 0x0a]);
    expect(encodeWindows1252("Łódź").toString("latin1")).toBe("?ód?");
  });

  it("keeps a batch inside one fiscal year", () => {
    expect(datevRangeProblems("2026-01-01", "2026-12-31", "01-01")).toEqual([]);
    expect(datevRangeProblems("2026-02-01", "2026-01-01", "01-01")[0]?.field).toBe("to");
    expect(datevRangeProblems("2025-12-01", "2026-01-31", "01-01")[0]?.message).toContain("2026-01-01");
    expect(datevRangeProblems("2026-03-01", "2026-04-30", "04-01")[0]?.field).toBe("to");
  });
});
