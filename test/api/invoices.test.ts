import { eq, like } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, mailMessages } from "../../src/db/schema";
import { creditorReference } from "../../src/domain/payment-reference";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let accounting: Client;
let tech: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
  tech = client(t.app, await signIn(t.app, shop.staff.technician.email));
});
afterAll(() => t.close());

const lines = [
  { description: "Brake service", quantityMilli: 1500, unitPrice: 10_000, taxRateBp: 1900 },
  { description: "Brake pads", partNumber: "BP-1", quantityMilli: 1000, unitPrice: 4_550, taxRateBp: 1900 },
  { description: "Hand soap", quantityMilli: 2000, unitPrice: 250, taxRateBp: 700 },
];

const draft = async (body: Record<string, unknown> = {}) => {
  const res = await accounting("POST", "/api/v1/invoices", {
    customerId: shop.businessCustomerId,
    unitId: shop.businessUnitId,
    lines,
    serviceDate: "2026-11-20",
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe("invoices", () => {
  it("creates a draft by hand, issues it with the next number, and never lets it change", async () => {
    const noCustomer = await accounting("POST", "/api/v1/invoices", { customerId: "cus_x", lines });
    expect(noCustomer.statusCode).toBe(422);
    expect(noCustomer.json().errors[0].field).toBe("customerId");
    const badDate = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      lines,
      serviceDate: "20.11.2026",
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe("serviceDate");
    expect(
      (await tech("POST", "/api/v1/invoices", { customerId: shop.businessCustomerId, lines })).statusCode,
    ).toBe(403);

    let invoice = await draft({ serviceDate: null });
    // 150.00 + 45.50 at 19 %, 5.00 at 7 %: tax 37.15 + 0.35.
    expect(invoice).toMatchObject({
      status: "draft",
      number: null,
      paymentStatus: "draft",
      totals: { net: 20_050, tax: 3_750, gross: 23_800 },
    });
    const incomplete = await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`);
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors).toEqual([
      { field: "serviceDate", message: "Enter the date of the service." },
    ]);
    invoice = (
      await accounting("PATCH", `/api/v1/invoices/${invoice.id}`, {
        serviceDate: "2026-11-20",
        version: invoice.version,
      })
    ).json();

    const issued = await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    invoice = issued.json();
    const year = invoice.issueDate.slice(0, 4);
    expect(invoice).toMatchObject({
      status: "issued",
      number: `INV-${year}-000001`,
      paymentStatus: "invoiced",
      open: 23_800,
    });
    // The fixture's fleet customer has 14 days' terms.
    const due = new Date(`${invoice.issueDate}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 14);
    expect(invoice.dueDate).toBe(due.toISOString().slice(0, 10));

    expect((await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).statusCode).toBe(409);
    const edit = await accounting("PATCH", `/api/v1/invoices/${invoice.id}`, {
      note: "changed",
      version: invoice.version,
    });
    expect(edit.statusCode).toBe(409);
    // Not even a direct write gets past the database.
    await expect(
      t.database.db.update(invoices).set({ note: "sneaky" }).where(eq(invoices.id, invoice.id)),
    ).rejects.toThrow();
    await expect(t.database.db.delete(invoices).where(eq(invoices.id, invoice.id))).rejects.toThrow();
    // The case around it may still be recorded.
    await t.database.db.update(invoices).set({ sentTo: "a@b.test" }).where(eq(invoices.id, invoice.id));
  });

  it("gives 50 invoices issued at once 50 consecutive numbers", async () => {
    const drafts = await Promise.all(Array.from({ length: 50 }, () => draft()));
    const issued = await Promise.all(drafts.map((d) => accounting("POST", `/api/v1/invoices/${d.id}/issue`)));
    expect(issued.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const numbers = issued.map((r) => Number(r.json().number.slice(-6))).sort((a, b) => a - b);
    const first = numbers[0]!;
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => first + i));
  });

  it("credits an invoice in part and then in full, never more than it was", async () => {
    let invoice = await draft();
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const part = await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {
      lines: [{ description: "Goodwill on labour", quantityMilli: 1000, unitPrice: 5_000, taxRateBp: 1900 }],
      note: "Waiting time",
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({
      kind: "credit_note",
      status: "issued",
      number: expect.stringMatching(/^CN-\d{4}-000001$/),
      creditedInvoiceId: invoice.id,
      totals: { gross: 5_950 },
    });
    const tooMuch = await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {
      lines: [{ description: "All of it", quantityMilli: 1000, unitPrice: 20_050, taxRateBp: 1900 }],
    });
    expect(tooMuch.statusCode).toBe(422);
    expect((await accounting("GET", `/api/v1/invoices/${invoice.id}`)).json()).toMatchObject({
      paymentStatus: "invoiced",
      open: 23_800 - 5_950,
    });
    const draftOnly = await draft();
    expect((await accounting("POST", `/api/v1/invoices/${draftOnly.id}/credit`, {})).statusCode).toBe(409);
  });

  it("prints the legally required fields and the bank-transfer QR code in the customer's language", async () => {
    let invoice = await draft({ poNumber: "PO-77", note: "Thank you for your order." });
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const pdf = await accounting("GET", `/api/v1/invoices/${invoice.id}/pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
    for (const fact of [
      "Test shop GmbH",
      "Teststraße 1, 10115 Berlin",
      "VAT ID DE123456789",
      `Invoice ${invoice.number}`,
      "Service date",
      "20 Nov 2026",
      "Your PO number PO-77",
      "Part no. BP-1",
      "VAT 19 % on €195.50 €37.15",
      "VAT 7 % on €5.00 €0.35",
      "Total €238.00",
      "IBAN DE89370400440532013000",
      creditorReference(invoice.number),
      "GiroCode",
      "Thank you for your order.",
    ]) {
      expect(text).toContain(fact);
    }
    // The PDF embeds the QR code as an image.
    expect(pdf.rawPayload.includes(Buffer.from("/Subtype /Image"))).toBe(true);
  });
});

describe("a credit note (issue #11)", () => {
  const pdfText = async (id: string) => {
    const pdf = await accounting("GET", `/api/v1/invoices/${id}/pdf`);
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    return (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
  };

  it("is listed on the invoice it credits, has no due date, prints negative amounts and leaves the open amount right", async () => {
    let invoice = await draft();
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const note = (
      await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {
        lines: [{ description: "Goodwill", quantityMilli: 1000, unitPrice: 5_000, taxRateBp: 1900 }],
      })
    ).json();
    // No due date: it owes nothing (page and list both read the API's null).
    expect(note).toMatchObject({ kind: "credit_note", dueDate: null, creditedInvoiceId: invoice.id });
    const [stored] = await t.database.db.select().from(invoices).where(eq(invoices.id, note.id));
    expect(stored?.dueDate).toBeNull();
    const list = (await accounting("GET", `/api/v1/invoices?q=${note.number}`)).json();
    expect(list.items[0]).toMatchObject({ id: note.id, dueDate: null });
    // The invoice lists its credit notes, and its open amount is the gross less what they credit.
    const credited = (await accounting("GET", `/api/v1/invoices/${invoice.id}`)).json();
    expect(credited).toMatchObject({
      open: 23_800 - 5_950,
      creditNotes: [{ id: note.id, number: note.number, issueDate: note.issueDate, gross: 5_950 }],
    });
    expect(credited.dueDate).toEqual(expect.any(String));
    // The PDF: negative amounts, the credited invoice, no due date and no payment terms.
    const text = await pdfText(note.id);
    expect(text).toContain(`Credit note ${note.number}`);
    expect(text).toContain(`Credits invoice ${invoice.number}`);
    expect(text).toContain("Total -€59.50");
    expect(text).toContain("VAT 19 % on -€50.00 -€9.50");
    expect(text).not.toContain("Due");
    expect(text).not.toContain("Please pay");
  });

  it("is sent like an invoice: its PDF by mail to the customer, in their language, without a payment link", async () => {
    let invoice = await draft({ customerId: shop.privateCustomerId, unitId: shop.privateUnitId });
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const note = (await accounting("POST", `/api/v1/invoices/${invoice.id}/credit`, {})).json();
    const early = await accounting("POST", `/api/v1/invoices/${note.id}/send`, { dueDate: "2027-01-01" });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe("dueDate");
    const sent = await accounting("POST", `/api/v1/invoices/${note.id}/send`, { note: "Entschuldigung!" });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ to: expect.stringMatching(/^paula\./), dueDate: null });
    const [mail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Gutschrift ${note.number} %`));
    expect(mail?.text).toContain(`anbei Gutschrift ${note.number} zu Rechnung ${invoice.number} über 238,00`);
    expect(mail?.text).toContain("Entschuldigung!");
    expect(mail?.text).not.toContain("/pay/");
    expect(mail?.attachments?.[0]).toMatchObject({
      filename: `${note.number}.pdf`,
      contentType: "application/pdf",
    });
    const shown = (await accounting("GET", `/api/v1/invoices/${note.id}`)).json();
    expect(shown).toMatchObject({ sentTo: mail?.to, paymentLink: null, dueDate: null });
    // In English for an English customer, to another address typed in.
    let other = await draft();
    other = (await accounting("POST", `/api/v1/invoices/${other.id}/issue`)).json();
    const en = (await accounting("POST", `/api/v1/invoices/${other.id}/credit`, {})).json();
    expect(
      (await accounting("POST", `/api/v1/invoices/${en.id}/send`, { to: "ap@fleet.test" })).statusCode,
    ).toBe(200);
    const [enMail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Credit note ${en.number} %`));
    expect(enMail?.text).toContain(
      `please find attached credit note ${en.number} for invoice ${other.number} for €238.00`,
    );
    expect(enMail?.to).toBe("ap@fleet.test");
  });
});

describe("the invoice document", () => {
  const pdfText = async (id: string) => {
    const pdf = await accounting("GET", `/api/v1/invoices/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    return (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
  };

  it("asks a GmbH for its register and managing directors and prints them on the invoice (§35a GmbHG)", async () => {
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    let location = (await admin("GET", "/api/v1/settings/location")).json();
    expect(location).toMatchObject({ registerCourt: null, registerNumber: null, managingDirectors: [] });
    // Saving the legal name of a GmbH without them is refused, naming each field.
    const incomplete = await admin("PATCH", "/api/v1/settings/location", {
      legalName: location.legalName,
      version: location.version,
    });
    expect(incomplete.statusCode, incomplete.body).toBe(422);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toEqual([
      "registerCourt",
      "registerNumber",
      "managingDirectors",
    ]);
    const badNumber = await admin("PATCH", "/api/v1/settings/location", {
      registerCourt: "Amtsgericht Charlottenburg",
      registerNumber: "123456",
      managingDirectors: ["Max Müller"],
      version: location.version,
    });
    expect(badNumber.statusCode).toBe(422);
    expect(badNumber.json().errors).toEqual([
      { field: "registerNumber", message: "Use the register and number, e.g. HRB 12345 B." },
    ]);
    const saved = await admin("PATCH", "/api/v1/settings/location", {
      registerCourt: "Amtsgericht Charlottenburg",
      registerNumber: "HRB  123456 B",
      managingDirectors: ["Max Müller", "Erika Muster"],
      version: location.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    location = saved.json();
    expect(location).toMatchObject({
      registerCourt: "Amtsgericht Charlottenburg",
      registerNumber: "HRB 123456 B",
      managingDirectors: ["Max Müller", "Erika Muster"],
    });

    // The fleet customer reads English, the private customer German.
    let english = await draft();
    english = (await accounting("POST", `/api/v1/invoices/${english.id}/issue`)).json();
    const en = await pdfText(english.id);
    expect(en).toContain("Register court: Amtsgericht Charlottenburg, HRB 123456 B");
    expect(en).toContain("Managing directors: Max Müller, Erika Muster");
    let german = await draft({ customerId: shop.privateCustomerId, unitId: shop.privateUnitId });
    german = (await accounting("POST", `/api/v1/invoices/${german.id}/issue`)).json();
    const de = await pdfText(german.id);
    expect(de).toContain("Registergericht: Amtsgericht Charlottenburg, HRB 123456 B");
    expect(de).toContain("Geschäftsführer: Max Müller, Erika Muster");

    // Frozen at issue: a later change of directors does not rewrite the issued invoice.
    await admin("PATCH", "/api/v1/settings/location", {
      managingDirectors: ["Someone Else"],
      version: location.version,
    });
    expect(await pdfText(english.id)).toContain("Managing directors: Max Müller, Erika Muster");
  });

  it("prints the vehicle with its odometer at the service, not a later reading", async () => {
    const advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
    const created = await advisor("POST", "/api/v1/units", {
      customerId: shop.businessCustomerId,
      vin: "WDB9066331S123456",
      plate: "B-VN 2026",
      make: "Mercedes-Benz",
      model: "Sprinter",
      year: 2021,
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    const reading = (body: Record<string, unknown>) =>
      advisor("POST", `/api/v1/units/${unit.id}/readings`, body).then((r) =>
        expect(r.statusCode, r.body).toBe(201),
      );
    await reading({ odometerKm: 61_000, readAt: "2026-11-20T07:30:00Z" });
    // Read after the service day: not what the odometer showed at the service.
    await reading({ odometerKm: 61_480, readAt: "2026-11-24T10:00:00Z" });
    let invoice = await draft({ unitId: unit.id, serviceDate: "2026-11-20" });
    // A draft already shows the vehicle; issuing freezes it.
    expect(await pdfText(invoice.id)).toContain("Vehicle Mercedes-Benz Sprinter (2021)");
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const text = await pdfText(invoice.id);
    for (const fact of [
      "Vehicle Mercedes-Benz Sprinter (2021)",
      "Plate B-VN 2026",
      "VIN WDB9066331S123456",
      "Odometer 61,000 km",
    ]) {
      expect(text).toContain(fact);
    }
    // The German customer's invoice says it in German (a unit entered with its odometer, no readings).
    let german = await draft({ customerId: shop.privateCustomerId, unitId: shop.privateUnitId });
    german = (await accounting("POST", `/api/v1/invoices/${german.id}/issue`)).json();
    const de = await pdfText(german.id);
    expect(de).toContain("Fahrzeug Volkswagen Polo");
    expect(de).toContain("Kilometerstand 50.000 km");
  });
});

describe("the invoices dashboard's search", () => {
  it("finds an invoice by a part of its number, PO number, customer name or plate, also after a rename", async () => {
    let invoice = await draft({ poNumber: "PO-Search-4711" });
    invoice = (await accounting("POST", `/api/v1/invoices/${invoice.id}/issue`)).json();
    const found = async (q: string) => {
      const res = await accounting("GET", `/api/v1/invoices?q=${encodeURIComponent(q)}&limit=100`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json();
      expect(list.totalCapped).toBe(false);
      return list.items.map((i: { id: string }) => i.id) as string[];
    };
    const seq = invoice.number.slice(-6);
    expect(await found(invoice.number)).toEqual([invoice.id]);
    expect(await found(invoice.number.toLowerCase())).toEqual([invoice.id]);
    expect(await found(seq)).toContain(invoice.id);
    expect(await found(`INV-${invoice.number.slice(4, 8)}`)).toContain(invoice.id);
    expect(await found("po-search-47")).toEqual([invoice.id]);
    expect(await found("%")).toEqual([]);

    const customer = (await accounting("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    expect(await found(customer.displayName.slice(6, 14))).toContain(invoice.id);
    const unit = (await accounting("GET", `/api/v1/units/${shop.businessUnitId}`)).json();
    expect(await found(unit.plate)).toContain(invoice.id);

    // A renamed customer and a new plate are found on their invoices at once.
    const admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
    const renamed = await admin("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      companyName: "Zebrafish Logistics GmbH",
      version: customer.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await found("zebrafish logi")).toContain(invoice.id);
    expect(await found(customer.displayName)).toEqual([]);
    const replated = await admin("PATCH", `/api/v1/units/${shop.businessUnitId}`, {
      plate: "HH-QX 9001",
      version: unit.version,
    });
    expect(replated.statusCode, replated.body).toBe(200);
    expect(await found("qx 900")).toContain(invoice.id);

    // Search and filter together, and the lookup by work order.
    const open = await accounting("GET", `/api/v1/invoices?q=PO-Search-4711&filter=open`);
    expect(open.json()).toMatchObject({ total: 1, items: [{ id: invoice.id, open: 23_800 }] });
    const none = await accounting("GET", "/api/v1/invoices?workOrderId=wo_none");
    expect(none.json()).toMatchObject({ total: 0, items: [] });
  });
});

describe("a partly paid invoice (issue #11)", () => {
  it("asks for what is open when sent again, and lists every payment with how, when, reference and who", async () => {
    const customer = (await accounting("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    await accounting("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      email: "ap@fleet.test",
      version: customer.version,
    });
    const issued = (await accounting("POST", `/api/v1/invoices/${(await draft()).id}/issue`)).json();
    expect(issued.payments).toEqual([]);
    const paid = await accounting("POST", `/api/v1/invoices/${issued.id}/payments`, {
      amount: 10_000,
      method: "card_terminal",
      reference: "Beleg 4711",
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    const sent = await accounting("POST", `/api/v1/invoices/${issued.id}/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    const [mail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.subject, `Invoice ${issued.number} %`));
    // €238.00 gross (the brake service, pads and soap), €100.00 paid at the terminal.
    expect(mail?.text).toContain(`invoice ${issued.number} for €238.00; €138.00 of it is still open`);

    const invoice = (await accounting("GET", `/api/v1/invoices/${issued.id}`)).json();
    expect(invoice).toMatchObject({ received: 10_000, open: 13_800 });
    expect(invoice.payments).toEqual([
      {
        id: expect.any(String),
        kind: "payment",
        amount: 10_000,
        currency: "EUR",
        method: "card_terminal",
        source: "pos",
        reference: "Beleg 4711",
        recordedBy: expect.stringMatching(/^accounting /),
        at: expect.any(String),
      },
    ]);
    // The dashboard's row carries what is open (the list shows it instead of the gross).
    const row = (await accounting("GET", `/api/v1/invoices?q=${issued.number}`)).json().items[0];
    expect(row).toMatchObject({ id: issued.id, open: 13_800 });
    expect(row.payments).toBeUndefined();
  });
});
