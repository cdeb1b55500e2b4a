import { eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let admin: Client;
let advisor: Client;
let portal: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
});
afterAll(() => t.close());

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

async function addLine(e: { id: string; version: number }, body: Record<string, unknown>) {
  return advisor("POST", `/api/v1/estimates/${e.id}/lines`, { ...body, version: e.version });
}

describe("labour pricing", () => {
  it("prices hours with the location's labour rate unless a rate or a flat price is given", async () => {
    const location = (await admin("GET", "/api/v1/settings/location")).json();
    const negative = await admin("PATCH", "/api/v1/settings/location", {
      labourRate: -1,
      version: location.version,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe("labourRate");
    const changed = await admin("PATCH", "/api/v1/settings/location", {
      labourRate: 11_000,
      version: location.version,
    });
    expect(changed.json().labourRate).toBe(11_000);

    let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
    e = (
      await addLine(e, { kind: "labour", description: "Diagnose", quantityMilli: 1500, taxRateBp: 1900 })
    ).json();
    expect(e.draft.labour[0]).toMatchObject({ unitPrice: 11_000, pricing: "hourly", net: 16_500 });

    const flat = await addLine(e, {
      kind: "labour",
      description: "Winter tyres incl. balancing",
      quantityMilli: 1200,
      unitPrice: 7_900,
      pricing: "flat",
      taxRateBp: 1900,
    });
    expect(flat.statusCode, flat.body).toBe(201);
    e = flat.json();
    // A flat price is the line's net whatever the hours.
    expect(e.draft.labour[1]).toMatchObject({ pricing: "flat", quantityMilli: 1200, net: 7_900 });
    expect(e.draft.totals).toMatchObject({ net: 24_400, tax: 4_636, gross: 29_036 });

    const flatWithoutPrice = await addLine(e, {
      kind: "labour",
      description: "Fixed job",
      quantityMilli: 1000,
      pricing: "flat",
      taxRateBp: 1900,
    });
    expect(flatWithoutPrice.statusCode).toBe(422);
    expect(flatWithoutPrice.json().errors).toEqual([
      { field: "unitPrice", message: "Enter the flat price." },
    ]);
    const partWithoutPrice = await addLine(e, {
      kind: "part",
      labourLineId: e.draft.labour[0].id,
      description: "Fuse",
      quantityMilli: 1000,
      taxRateBp: 1900,
    });
    expect(partWithoutPrice.statusCode).toBe(422);
    expect(partWithoutPrice.json().errors[0]).toMatchObject({ field: "unitPrice" });

    // Switching a line to flat keeps its hours and prices it as a whole.
    const switched = await advisor("PATCH", `/api/v1/estimate-lines/${e.draft.labour[0].id}`, {
      pricing: "flat",
      unitPrice: 15_000,
      version: e.version,
    });
    expect(switched.json().draft.labour[0]).toMatchObject({
      pricing: "flat",
      quantityMilli: 1500,
      net: 15_000,
    });
  });
});

describe("estimate PDF", () => {
  it("prints the working copy for the shop and each submitted version for the customer", async () => {
    let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
    e = (
      await addLine(e, {
        kind: "labour",
        description: "Replace front brake pads",
        quantityMilli: 1500,
        unitPrice: 8999,
        taxRateBp: 1900,
      })
    ).json();
    e = (
      await addLine(e, {
        kind: "part",
        labourLineId: e.draft.labour[0].id,
        description: "Brake pads, front axle",
        partNumber: "BP-0986494",
        quantityMilli: 1000,
        unitPrice: 4550,
        taxRateBp: 700,
      })
    ).json();

    const draft = await advisor("GET", `/api/v1/estimates/${e.id}/pdf`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers["content-type"]).toBe("application/pdf");
    expect(draft.headers["content-disposition"]).toContain(`${e.number}-draft.pdf`);
    const draftText = await textOf(draft.rawPayload);
    // The business customer of the fixture reads English.
    expect(draftText).toContain(`Estimate ${e.number} (draft, not yet sent)`);
    expect(draftText).toContain("Replace front brake pads 1.5 h €89.99 19 % €134.99");
    expect(draftText).toContain("Part no. BP-0986494");
    // 1.5 h × 89.99 = 134.99 (rounded once); pads 45.50 at 7 %; VAT 25.65 + 3.19.
    expect(draftText).toContain("VAT 19 % on €134.99 €25.65");
    expect(draftText).toContain("VAT 7 % on €45.50 €3.19");
    expect(draftText).toContain("Total €209.33");
    // A GmbH's register and managing directors go on the estimate too (§35a GmbHG: every business letter).
    expect(draftText).not.toContain("Register court");
    const location = (await admin("GET", "/api/v1/settings/location")).json();
    const legal = await admin("PATCH", "/api/v1/settings/location", {
      registerCourt: "Amtsgericht Charlottenburg",
      registerNumber: "HRB 98765 B",
      managingDirectors: ["Max Müller"],
      version: location.version,
    });
    expect(legal.statusCode, legal.body).toBe(200);
    const withLegal = await textOf((await advisor("GET", `/api/v1/estimates/${e.id}/pdf`)).rawPayload);
    expect(withLegal).toContain("Register court: Amtsgericht Charlottenburg, HRB 98765 B");
    expect(withLegal).toContain("Managing directors: Max Müller");

    // The customer cannot print an estimate that was never sent.
    expect((await portal("GET", `/api/v1/portal/estimates/${e.id}/pdf`)).statusCode).toBe(404);

    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, { note: "Pads in stock" })).json();
    const v1 = await portal("GET", `/api/v1/portal/estimates/${e.id}/pdf`);
    expect(v1.statusCode).toBe(200);
    expect(v1.headers["content-disposition"]).toContain(`${e.number}-v1.pdf`);
    const v1Text = await textOf(v1.rawPayload);
    expect(v1Text).toContain("Version 1");
    expect(v1Text).toContain("Pads in stock");
    expect(v1Text).not.toContain("draft");

    // The working copy stays the shop's.
    expect((await portal("GET", `/api/v1/portal/estimates/${e.id}/pdf?version=0`)).statusCode).toBe(404);
    expect((await portal("GET", `/api/v1/portal/estimates/${e.id}/pdf?version=2`)).statusCode).toBe(404);
    expect((await advisor("GET", `/api/v1/estimates/${e.id}/pdf?version=1`)).statusCode).toBe(200);
  });

  it("prints in German for a German-speaking customer reached by a mailed link", async () => {
    const customer = (await advisor("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json();
    const switched = await advisor("PATCH", `/api/v1/customers/${shop.privateCustomerId}`, {
      language: "de",
      version: customer.version,
    });
    expect(switched.statusCode, switched.body).toBe(200);
    let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.privateUnitId })).json();
    e = (
      await addLine(e, {
        kind: "labour",
        description: "Oil service",
        quantityMilli: 1000,
        unitPrice: 12_900,
        taxRateBp: 1900,
      })
    ).json();
    await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
    const mail = (
      await t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customer.email))
    ).find((m) => m.subject.startsWith(`Kostenvoranschlag ${e.number}`));
    const token = mail!.text.match(/\/e\/([A-Za-z0-9_-]{43})/)![1]!;
    const pdf = await t.app.inject({ url: `/api/v1/links/estimate/${token}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const text = await textOf(pdf.rawPayload);
    expect(text).toContain(`Kostenvoranschlag ${e.number}`);
    expect(text).toContain("Oil service 1 Std.");
    expect(text).toMatch(/USt\. 19 % auf 129,00\s€ 24,51\s€/);
    expect(text).toMatch(/Gesamtbetrag 153,51\s€/);
    expect((await t.app.inject({ url: `/api/v1/links/estimate/${"x".repeat(43)}/pdf` })).statusCode).toBe(
      404,
    );
  });
});
