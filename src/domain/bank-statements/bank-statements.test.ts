import { describe, expect, it } from "vitest";
import { camt053, mt940 } from "../../../test/support/bank-statements";
import { creditorReference } from "../payment-reference";
import { CreditMatcher, creditorReferencesIn, sameParty } from "./match";
import { parseStatement } from "./parse";

const invoices = [
  {
    id: "a",
    number: "INV-2026-000101",
    openAmount: 23_800,
    currency: "EUR",
    customerName: "Fleet Logistics GmbH",
  },
  { id: "b", number: "INV-2026-000102", openAmount: 59_500, currency: "EUR", customerName: "Paula Schmidt" },
  { id: "c", number: "WERBAS-4711", openAmount: 11_900, currency: "EUR", customerName: "Müller & Söhne KG" },
];

describe("reading statements", () => {
  it("reads a camt.053 statement's credits and debits with payer, IBAN and remittance", () => {
    const s = parseStatement(
      camt053([
        { amount: 23_800, payerName: "Fleet Logistics GmbH", remittance: "Rechnung INV-2026-000101" },
        { amount: 5_000, direction: "debit", payerName: "Stadtwerke", remittance: "Strom" },
        { amount: 11_900, structuredReference: "RF18539007547034" },
      ]),
    );
    expect(s).toMatchObject({ format: "camt053", reference: "S1", account: "DE89370400440532013000" });
    expect(s.entries).toHaveLength(3);
    expect(s.entries[0]).toMatchObject({
      amount: 23_800,
      currency: "EUR",
      direction: "credit",
      bookingDate: "2026-12-02",
      payerName: "Fleet Logistics GmbH",
      payerIban: "DE02120300000000202051",
      remittance: "Rechnung INV-2026-000101",
      bankReference: "BANK-S1-1",
      endToEndId: null,
    });
    expect(s.entries[1]).toMatchObject({ direction: "debit", amount: 5_000, payerName: "Stadtwerke" });
    expect(s.entries[2]!.remittance).toContain("RF18539007547034");
  });

  it("reads an MT940 statement with German purpose lines (?20 SVWZ+, ?32 name, ?31 IBAN)", () => {
    const s = parseStatement(
      mt940([
        {
          amount: 23_800,
          payerName: "Fleet Logistics GmbH",
          remittance: "Rechnung INV-2026-000101 vielen Dank",
        },
        { amount: 1_250, direction: "debit", payerName: "Tankstelle" },
      ]),
    );
    expect(s).toMatchObject({ format: "mt940", reference: "STARTUMSE", account: "37040044/0532013000" });
    expect(s.entries[0]).toMatchObject({
      amount: 23_800,
      direction: "credit",
      bookingDate: "2026-12-02",
      payerName: "Fleet Logistics GmbH",
      payerIban: "DE02120300000000202051",
      bankReference: "MT-1",
    });
    expect(s.entries[0]!.remittance).toBe("Rechnung INV-2026-000101 vielen Dank");
    expect(s.entries[1]).toMatchObject({ direction: "debit", amount: 1_250 });
  });

  it("refuses what is not a statement, naming the line or element at fault", () => {
    const refused = (content: string) => {
      try {
        parseStatement(content);
      } catch (error) {
        return (error as { fields: { message: string }[] }).fields[0]!.message;
      }
      throw new Error("accepted");
    };
    expect(refused("Dear shop, please find attached…")).toMatch(/^line 1: neither camt\.053 XML nor MT940/);
    expect(refused('<?xml version="1.0"?><Invoice><ID>1</ID></Invoice>')).toMatch(/root Invoice/);
    expect(
      refused(
        '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>',
      ),
    ).toMatch(/^Document: expected BkToCstmrStmt/);
    expect(refused(camt053([{ amount: 100 }]).replace('<Amt Ccy="EUR">1.00</Amt>', ""))).toMatch(
      /^Stmt 1\/Ntry 1\/Amt: missing/,
    );
    expect(refused(camt053([{ amount: 100 }]).replace("</Stmt>", ""))).toMatch(/^line \d+:/);
    const broken = mt940([{ amount: 100 }]).replace(/:61:.*\r\n/, ":61:garbage\r\n");
    expect(refused(broken)).toMatch(/^line 5: .*61/);
  });
});

describe("matching credits to open invoices", () => {
  it("matches by RF reference first, even when the text names another invoice", () => {
    const m = new CreditMatcher(invoices);
    const rf = creditorReference("INV-2026-000102");
    expect(
      m.match({
        amount: 59_500,
        currency: "EUR",
        remittance: `INV-2026-000101 ${rf.replace(/(.{4})/g, "$1 ")}`,
        endToEndId: null,
        payerName: null,
      }),
    ).toEqual({
      matched: true,
      invoiceId: "b",
      rule: "reference",
    });
    expect(creditorReferencesIn("RF00INV2026000102")).toEqual([]);
  });

  it("matches by the invoice number in the text, however it is written", () => {
    const m = new CreditMatcher(invoices);
    expect(
      m.match({
        amount: 10_000,
        currency: "EUR",
        remittance: "Rg. inv 2026 000101 Teilzahlung",
        endToEndId: null,
        payerName: null,
      }),
    ).toMatchObject({ matched: false });
    expect(
      m.match({
        amount: 10_000,
        currency: "EUR",
        remittance: "Rg. INV-2026-000101 Teilzahlung",
        endToEndId: null,
        payerName: null,
      }),
    ).toEqual({ matched: true, invoiceId: "a", rule: "number" });
    expect(
      m.match({
        amount: 11_900,
        currency: "EUR",
        remittance: "werbas/4711",
        endToEndId: null,
        payerName: null,
      }),
    ).toMatchObject({ invoiceId: "c", rule: "number" });
  });

  it("matches by amount and payer name only when exactly one invoice fits", () => {
    const m = new CreditMatcher(invoices);
    expect(
      m.match({
        amount: 11_900,
        currency: "EUR",
        remittance: "Danke",
        endToEndId: null,
        payerName: "MUELLER UND SOEHNE",
      }),
    ).toMatchObject({ matched: false, reason: "no_match" });
    expect(
      m.match({
        amount: 11_900,
        currency: "EUR",
        remittance: "Danke",
        endToEndId: null,
        payerName: "Müller & Söhne",
      }),
    ).toEqual({ matched: true, invoiceId: "c", rule: "amount_and_name" });
    expect(sameParty("FLEET LOGISTICS", "Fleet Logistics GmbH")).toBe(true);
    expect(sameParty("Fleet", "Other Fleet Services GmbH")).toBe(true);
    expect(sameParty("Paul Schmidt", "Paula Schmidt")).toBe(false);
    const twins = new CreditMatcher([
      { id: "x", number: "A-1", openAmount: 5_000, currency: "EUR", customerName: "Jo Weber" },
      { id: "y", number: "A-2", openAmount: 5_000, currency: "EUR", customerName: "Jo Weber" },
    ]);
    expect(
      twins.match({
        amount: 5_000,
        currency: "EUR",
        remittance: "",
        endToEndId: null,
        payerName: "Jo Weber",
      }),
    ).toMatchObject({ matched: false, reason: "ambiguous" });
  });

  it("judges a second transfer on what the first left open, and never books more than is open", () => {
    const m = new CreditMatcher(invoices);
    const part = { currency: "EUR", remittance: "INV-2026-000101", endToEndId: null, payerName: null };
    expect(m.match({ ...part, amount: 20_000 })).toMatchObject({ matched: true, invoiceId: "a" });
    expect(m.match({ ...part, amount: 5_000 })).toEqual({
      matched: false,
      reason: "more_than_open",
      invoiceId: "a",
    });
    expect(m.match({ ...part, amount: 3_800 })).toMatchObject({ matched: true, invoiceId: "a" });
    expect(m.match({ ...part, amount: 100, currency: "USD" })).toEqual({
      matched: false,
      reason: "currency",
      invoiceId: "a",
    });
  });
});
