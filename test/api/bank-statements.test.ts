// Bank statements (issue #15): a camt.053 or MT940 file's credits are matched to open invoices and
// booked as bank transfers by themselves; the rest wait for the accountant, who assigns or ignores
// them. The same statement twice records nothing twice; a bad file is refused with the place at
// fault and nothing recorded.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankStatementEntries, bankStatements, invoicePayments } from "../../src/db/schema";
import { creditorReference } from "../../src/domain/payment-reference";
import { startTestApp, type TestApp } from "../support/app";
import { camt053, mt940 } from "../support/bank-statements";
import { type Client, client, type Session, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { uploadFile } from "../support/upload";

let t: TestApp;
let shop: Shop;
let session: Session;
let accounting: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  session = await signIn(t.app, shop.staff.accounting.email);
  accounting = client(t.app, session);
});
afterAll(() => t.close());

const upload = (content: string, name = "statement.xml", as = session) =>
  uploadFile(
    t.app,
    as,
    { method: "POST", url: "/api/v1/bank-statements", field: "file" },
    Buffer.from(content),
    name,
    "application/xml",
  );

async function issued(net: number, customerId = shop.businessCustomerId) {
  const draft = await accounting("POST", "/api/v1/invoices", {
    customerId,
    lines: [{ description: "Service", quantityMilli: 1000, unitPrice: net, taxRateBp: 1900 }],
    serviceDate: "2026-11-20",
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await accounting("POST", `/api/v1/invoices/${draft.json().id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string; customerName: string; totals: { gross: number } };
}

const invoice = async (id: string) => (await accounting("GET", `/api/v1/invoices/${id}`)).json();

describe("bank statement import", () => {
  it("books credits by RF reference, by invoice number and by amount and name, and queues the rest", async () => {
    const byRef = await issued(20_000); // 238.00
    const byNumber = await issued(50_000); // 595.00
    const byName = await issued(7_777, shop.privateCustomerId); // 92.55
    const customer = (await accounting("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json();
    const file = camt053(
      [
        { amount: 23_800, payerName: "Somebody", structuredReference: creditorReference(byRef.number) },
        { amount: 30_000, payerName: "Fleet", remittance: `Teilzahlung ${byNumber.number}` },
        { amount: 9_255, payerName: customer.displayName.toUpperCase(), remittance: "Werkstatt danke" },
        { amount: 4_200, payerName: "Unknown GmbH", remittance: "Gutschrift Lieferant" },
        { amount: 1_999, direction: "debit", payerName: "Stadtwerke", remittance: "Strom" },
      ],
      { id: "STMT-1" },
    );
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      alreadyImported: false,
      statement: {
        format: "camt053",
        reference: "STMT-1",
        entryCount: 5,
        matchedCount: 3,
        unmatchedCount: 1,
        skippedCount: 1,
      },
    });

    expect(await invoice(byRef.id)).toMatchObject({ paymentStatus: "paid", open: 0 });
    const partly = await invoice(byNumber.id);
    expect(partly).toMatchObject({ paymentStatus: "partially_paid", open: 59_500 - 30_000 });
    expect(partly.payments[0]).toMatchObject({ amount: 30_000, method: "bank_transfer", source: "bank" });
    expect(await invoice(byName.id)).toMatchObject({ paymentStatus: "paid" });

    const queue = (await accounting("GET", "/api/v1/bank-statements/entries?status=unmatched")).json();
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({
      amount: 4_200,
      payerName: "Unknown GmbH",
      reason: "no_match",
      status: "unmatched",
    });
    const matched = (await accounting("GET", "/api/v1/bank-statements/entries?status=matched")).json();
    expect(matched.items.map((e: { matchRule: string }) => e.matchRule).sort()).toEqual([
      "amount_and_name",
      "number",
      "reference",
    ]);

    // The same file again: nothing twice.
    const again = await upload(file, "again.xml");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyImported: true, statement: { id: res.json().statement.id } });
    expect((await invoice(byNumber.id)).payments).toHaveLength(1);
    // A later statement that overlaps (the same entries and one new): only the new one counts.
    const overlapping = camt053(
      [
        {
          amount: 30_000,
          payerName: "Fleet",
          remittance: `Teilzahlung ${byNumber.number}`,
          bankReference: "BANK-STMT-1-2",
        },
        { amount: 29_500, payerName: "Fleet", remittance: `Rest ${byNumber.number}` },
      ],
      { id: "STMT-2" },
    );
    const second = await upload(overlapping);
    expect(second.json().statement).toMatchObject({ matchedCount: 1, skippedCount: 1 });
    expect(await invoice(byNumber.id)).toMatchObject({ paymentStatus: "paid", open: 0 });
  });

  it("leaves a transfer above what is open for the accountant, who assigns it or ignores it", async () => {
    const small = await issued(1_000); // 11.90
    const target = await issued(3_000); // 35.70
    const res = await upload(
      mt940([
        { amount: 5_000, payerName: "Fleet GmbH", remittance: `Rechnung ${small.number}` },
        { amount: 3_570, payerName: "Kunde ohne Angabe", remittance: "Danke" },
      ]),
      "umsaetze.sta",
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().statement).toMatchObject({ format: "mt940", matchedCount: 0, unmatchedCount: 2 });
    const queue = (
      await accounting("GET", `/api/v1/bank-statements/entries?statementId=${res.json().statement.id}`)
    ).json();
    const above = queue.items.find((e: { amount: number }) => e.amount === 5_000);
    expect(above).toMatchObject({
      reason: "more_than_open",
      invoiceId: small.id,
      invoiceNumber: small.number,
    });
    const other = queue.items.find((e: { amount: number }) => e.amount === 3_570);

    const tooMuch = await accounting("POST", `/api/v1/bank-statements/entries/${above.id}/assign`, {
      invoiceId: small.id,
    });
    expect(tooMuch.statusCode).toBe(409);
    const assigned = await accounting("POST", `/api/v1/bank-statements/entries/${other.id}/assign`, {
      invoiceId: target.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(204);
    expect(await invoice(target.id)).toMatchObject({ paymentStatus: "paid" });
    const twice = await accounting("POST", `/api/v1/bank-statements/entries/${other.id}/assign`, {
      invoiceId: target.id,
    });
    expect(twice.statusCode).toBe(409);
    expect((await accounting("POST", `/api/v1/bank-statements/entries/${above.id}/ignore`)).statusCode).toBe(
      204,
    );
    const left = (
      await accounting("GET", `/api/v1/bank-statements/entries?statementId=${res.json().statement.id}`)
    ).json();
    expect(left.items).toEqual([]);
    expect((await accounting("GET", "/api/v1/bank-statements/entries?status=ignored")).json().total).toBe(1);
    expect(await invoice(small.id)).toMatchObject({ paymentStatus: "invoiced" });
  });

  it("refuses a file that is not a statement, naming the place at fault, and records nothing", async () => {
    const before = (await t.database.db.select().from(bankStatements)).length;
    const text = await upload("Sehr geehrte Damen und Herren,\nanbei die Rechnung.", "letter.txt");
    expect(text.statusCode).toBe(422);
    expect(text.json().errors[0]).toEqual({
      field: "file",
      message: expect.stringMatching(/^line 1: neither camt\.053/),
    });
    const broken = await upload(
      camt053([{ amount: 100 }]).replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>X</CdtDbtInd>"),
    );
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors[0].message).toBe("Stmt 1/Ntry 1/CdtDbtInd: expected CRDT or DBIT");
    const unbalanced = await upload(
      mt940([{ amount: 100 }]).replace(":62F:C261202EUR1001,00", ":62F:C261202EUR999,00"),
      "x.sta",
    );
    expect(unbalanced.statusCode).toBe(422);
    const empty = await upload("", "empty.xml");
    expect(empty.statusCode).toBe(422);
    expect((await t.database.db.select().from(bankStatements)).length).toBe(before);
  });

  it("is the location's accountant's: others are refused or see nothing", async () => {
    const advisor = await signIn(t.app, shop.staff.service_advisor.email);
    expect((await upload(camt053([{ amount: 100 }]), "s.xml", advisor)).statusCode).toBe(403);
    const other = await createShop(t.database.db, "Other shop");
    const theirs = await signIn(t.app, other.staff.accounting.email);
    const theirClient = client(t.app, theirs);
    expect((await theirClient("GET", "/api/v1/bank-statements")).json().items).toEqual([]);
    const [entry] = await t.database.db
      .select()
      .from(bankStatementEntries)
      .where(eq(bankStatementEntries.locationId, shop.locationId))
      .limit(1);
    expect(
      (await theirClient("POST", `/api/v1/bank-statements/entries/${entry!.id}/ignore`)).statusCode,
    ).toBe(404);
    // Their own copy of a statement naming our invoice books nothing on ours.
    const ours = await issued(1_234);
    const res = await upload(
      camt053([{ amount: 1_468, remittance: ours.number }], { id: "THEIRS" }),
      "s.xml",
      theirs,
    );
    expect(res.json().statement).toMatchObject({ matchedCount: 0, unmatchedCount: 1 });
    expect(
      await t.database.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, ours.id)),
    ).toEqual([]);
  });
});
