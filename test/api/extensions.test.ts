import { and, eq, like } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extensionDecisions, locations, mailMessages } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, type Session, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { uploadPhoto } from "../support/upload";

let t: TestApp;
let shop: Shop;
let advisor: Client;
let tech: Client;
let techSession: Session;
let parts: Client;
let portal: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  techSession = await signIn(t.app, shop.staff.technician.email);
  tech = client(t.app, techSession);
  parts = client(t.app, await signIn(t.app, shop.staff.parts.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
});
afterAll(() => t.close());

type Item = { id: string; label: string; version: number; rating: string | null };

/**
 * A work order on the unit whose inspection found the front pads urgent (with a photo, parts needed)
 * and the wiper blades needing attention; everything else ok.
 */
async function orderWithFindings(
  unitId: string,
  approve: (estimateId: string, lineId: string) => Promise<unknown>,
) {
  let e = (await advisor("POST", "/api/v1/estimates", { unitId })).json();
  e = (
    await advisor("POST", `/api/v1/estimates/${e.id}/lines`, {
      kind: "labour",
      description: "Annual service",
      quantityMilli: 2000,
      unitPrice: 9000,
      taxRateBp: 1900,
      version: e.version,
    })
  ).json();
  await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
  await approve(e.id, e.draft.labour[0].id);
  const item = (await advisor("GET", `/api/v1/units/${unitId}/work-items`))
    .json()
    .items.find(
      (w: { status: string; estimateId: string }) => w.status === "required" && w.estimateId === e.id,
    );
  const order = (await tech("POST", `/api/v1/work-items/${item.id}/clock-on`, { switch: true })).json();
  const inspection = (await tech("POST", `/api/v1/work-orders/${order.id}/inspection`, {})).json().inspection;
  const items: Item[] = inspection.areas.flatMap((a: { items: Item[] }) => a.items);
  for (const i of items) {
    const finding =
      i.label === "Front pads and discs"
        ? { rating: "urgent", note: "Pads at 2 mm", partsNeeded: true }
        : i.label === "Wiper blades and washer"
          ? { rating: "attention", note: "Smearing" }
          : { rating: "ok" };
    await tech("PATCH", `/api/v1/inspection-items/${i.id}`, { ...finding, version: i.version });
  }
  const pads = items.find((i) => i.label === "Front pads and discs")!;
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#555" } })
    .jpeg()
    .toBuffer();
  const uploaded = await uploadPhoto(t.app, techSession, pads.id, photo);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  expect((await tech("POST", `/api/v1/work-orders/${order.id}/inspection/complete`)).statusCode).toBe(200);
  return order.id as string;
}

/** Parts prices the pads; the advisor prices both labours. */
async function qualify(workOrderId: string) {
  let q = (await advisor("GET", `/api/v1/work-orders/${workOrderId}/recommendations`)).json();
  const [pads, wipers] = q.recommendations;
  const part = await parts("POST", `/api/v1/recommendations/${pads.id}/parts`, {
    description: "Brake pads, front axle",
    partNumber: "BP-0986494",
    quantityMilli: 1000,
    unitPrice: 4550,
    taxRateBp: 1900,
    availability: "next_day",
  });
  expect(part.statusCode, part.body).toBe(201);
  q = (
    await advisor("PATCH", `/api/v1/recommendations/${pads.id}`, {
      unitPrice: 10_000,
      repairDescription: "  Replace both front brake pads and discs  ",
      version: pads.version,
    })
  ).json();
  q = (
    await advisor("PATCH", `/api/v1/recommendations/${wipers.id}`, {
      pricing: "flat",
      unitPrice: 2_500,
      version: wipers.version,
    })
  ).json();
  return q;
}

describe("order extension", () => {
  it("turns findings into priced recommendations, and the customer's phone decision into jobs and declined work", async () => {
    const fleet = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    const withEmail = await advisor("PATCH", `/api/v1/customers/${shop.businessCustomerId}`, {
      email: "workshop@fleet.test",
      version: fleet.version,
    });
    expect(withEmail.statusCode, withEmail.body).toBe(200);
    const workOrderId = await orderWithFindings(shop.businessUnitId, (id, line) =>
      portal("POST", `/api/v1/portal/estimates/${id}/approve`, { versionNo: 1, labourLineIds: [line] }),
    );
    let q = (await advisor("GET", `/api/v1/work-orders/${workOrderId}/recommendations`)).json();
    expect(q.recommendations).toMatchObject([
      {
        description: "Front pads and discs",
        urgency: "urgent",
        note: "Pads at 2 mm",
        unitPrice: null,
        photos: [{}],
      },
      { description: "Wiper blades and washer", urgency: "attention", photos: [] },
    ]);
    // Price per hour starts at the location's rate; no repair description is written yet.
    await t.database.db
      .update(locations)
      .set({ labourRate: 11_900 })
      .where(eq(locations.id, shop.locationId));
    q = (await advisor("GET", `/api/v1/work-orders/${workOrderId}/recommendations`)).json();
    expect(q.labourRate).toBe(11_900);
    expect(q.recommendations.map((r: { repairDescription: string | null }) => r.repairDescription)).toEqual([
      null,
      null,
    ]);
    const unpriced = await advisor("POST", `/api/v1/work-orders/${workOrderId}/extension`, {});
    expect(unpriced.statusCode).toBe(422);
    expect(unpriced.json().detail).toBe(
      "Price the labour first: Front pads and discs, Wiper blades and washer.",
    );
    // Technicians find, they do not price.
    expect(
      (
        await tech("PATCH", `/api/v1/recommendations/${q.recommendations[0].id}`, {
          unitPrice: 1,
          version: 1,
        })
      ).statusCode,
    ).toBe(403);

    q = await qualify(workOrderId);
    // Pads: 1 h × 100.00 + 45.50 = 145.50 net, 173.15 gross; wipers flat 25.00 net, 29.75 gross.
    expect(q.recommendations.map((r: { net: number; gross: number }) => [r.net, r.gross])).toEqual([
      [14_550, 17_315],
      [2_500, 2_975],
    ]);
    const sent = await advisor("POST", `/api/v1/work-orders/${workOrderId}/extension`, {
      note: "Pads arrive tomorrow",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().extensions[0]).toMatchObject({ status: "sent", totals: { gross: 20_290 } });
    // The repair description is written for the customer and travels on the extension.
    expect(sent.json().recommendations[0].repairDescription).toBe("Replace both front brake pads and discs");
    expect(
      sent.json().extensions[0].items.map((i: { repairDescription: string | null }) => i.repairDescription),
    ).toEqual(["Replace both front brake pads and discs", null]);
    const offered = (await portal("GET", "/api/v1/portal/extensions")).json().items;
    expect(offered[0].items[0].repairDescription).toBe("Replace both front brake pads and discs");
    expect((await advisor("POST", `/api/v1/work-orders/${workOrderId}/extension`, {})).statusCode).toBe(409);
    // Sent recommendations no longer change.
    const frozen = sent.json().recommendations[0];
    expect(
      (
        await advisor("PATCH", `/api/v1/recommendations/${frozen.id}`, {
          unitPrice: 1,
          version: frozen.version,
        })
      ).statusCode,
    ).toBe(409);
    const board = (await advisor("GET", "/api/v1/service-board")).json();
    expect(board.items.find((c: { unitId: string }) => c.unitId === shop.businessUnitId).column).toBe(
      "waiting_customer",
    );

    // The mail carries a phone link; the page shows each finding with its photo and price.
    const [mail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.to, "workshop@fleet.test"), like(mailMessages.subject, "Additional work%")));
    expect(mail?.text).toContain("Front pads and discs (urgent): €173.15");
    const token = mail!.text.match(/\/x\/([A-Za-z0-9_-]{43})/)![1]!;
    const page = await t.app.inject({ url: `/api/v1/links/extension/${token}` });
    expect(page.statusCode).toBe(200);
    const offer = page.json().extension;
    expect(offer).toMatchObject({ status: "sent", note: "Pads arrive tomorrow", decision: null });
    expect(offer.items[0].parts[0]).toMatchObject({ partNumber: "BP-0986494", availability: "next_day" });
    const photo = await t.app.inject({ url: offer.items[0].photos[0].url });
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(
      (await t.app.inject({ url: `/api/v1/links/extension/${token}/photos/pho_notonthisoffer` })).statusCode,
    ).toBe(404);

    const partial = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/extension/${token}/decide`,
      payload: { decisions: [{ recommendationId: offer.items[0].id, approve: true }] },
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().detail).toBe("Approve or decline every item.");
    const decided = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/extension/${token}/decide`,
      headers: { "user-agent": "Phone browser" },
      payload: {
        decisions: [
          { recommendationId: offer.items[0].id, approve: true },
          { recommendationId: offer.items[1].id, approve: false },
        ],
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      linkUsed: true,
      extension: { status: "decided", decision: { ip: null } },
    });
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/extension/${token}/decide`,
      payload: { decisions: [{ recommendationId: offer.items[1].id, approve: true }] },
    });
    expect(again.statusCode).toBe(410);

    // The shop sees it at once: a new job with its part, the declined work on the unit, the consent record.
    const order = (await advisor("GET", `/api/v1/work-orders/${workOrderId}`)).json();
    expect(order.jobs.map((j: { description: string }) => j.description)).toEqual([
      "Annual service",
      "Front pads and discs",
    ]);
    expect(order.jobs[1]).toMatchObject({
      status: "to_do",
      unitPrice: 10_000,
      parts: [{ partNumber: "BP-0986494" }],
    });
    const unitWork = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`)).json().items;
    // The approved recommendation is work on the unit too, on its open order (issue #11).
    expect(
      unitWork.filter((w: { description: string }) => w.description === "Front pads and discs"),
    ).toMatchObject([
      { status: "on_order", workItemId: null, estimateId: null, workOrder: { id: workOrderId } },
    ]);
    const declined = unitWork.filter((w: { status: string }) => w.status === "declined");
    expect(declined).toMatchObject([
      { description: "Wiper blades and washer", estimateId: null, net: 2_500 },
    ]);
    q = (await advisor("GET", `/api/v1/work-orders/${workOrderId}/recommendations`)).json();
    expect(q.recommendations.map((r: { status: string }) => r.status)).toEqual(["approved", "declined"]);
    expect(q.extensions[0].decision).toMatchObject({ userAgent: "Phone browser", ip: expect.any(String) });
    const [consent] = await t.database.db.select().from(extensionDecisions);
    expect(consent!.amountsSeen).toMatchObject({ approvedGross: 17_315, currency: "EUR" });
    await expect(
      t.database.db
        .update(extensionDecisions)
        .set({ actorName: "someone else" })
        .where(eq(extensionDecisions.id, consent!.id)),
    ).rejects.toThrow();
    const bell = (await advisor("GET", "/api/v1/notifications")).json();
    expect(bell.items.map((n: { kind: string }) => n.kind)).toContain("extension-decided");
    const boardAfter = (await advisor("GET", "/api/v1/service-board")).json();
    expect(boardAfter.items.find((c: { unitId: string }) => c.unitId === shop.businessUnitId).column).toBe(
      "in_progress",
    );
    // The portal sees the decided extension; no other customer does.
    const mine = (await portal("GET", "/api/v1/portal/extensions")).json().items;
    expect(mine).toMatchObject([{ status: "decided", decision: { approvedIds: [offer.items[0].id] } }]);
  });

  it("records a decision taken by phone and mails the customer a confirmation", async () => {
    const workOrderId = await orderWithFindings(shop.privateUnitId, (id, line) =>
      advisor("POST", `/api/v1/estimates/${id}/record-decision`, {
        decision: "approve",
        versionNo: 1,
        labourLineIds: [line],
        decidedBy: "Paula Private",
      }),
    );
    await qualify(workOrderId);
    const sent = (await advisor("POST", `/api/v1/work-orders/${workOrderId}/extension`, {})).json();
    const extension = sent.extensions[0];
    // A portal account of another customer cannot see or decide it.
    expect((await portal("GET", `/api/v1/portal/extensions/${extension.id}`)).statusCode).toBe(404);
    const noName = await advisor("POST", `/api/v1/extensions/${extension.id}/record-decision`, {
      decisions: extension.items.map((i: { id: string }) => ({ recommendationId: i.id, approve: true })),
      decidedBy: "",
    });
    expect(noName.statusCode).toBe(400);
    const recorded = await advisor("POST", `/api/v1/extensions/${extension.id}/record-decision`, {
      decisions: extension.items.map((i: { id: string }) => ({ recommendationId: i.id, approve: true })),
      decidedBy: "Paula Private",
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().extensions[0].decision.by).toMatch(/^Paula Private \(by phone, recorded by /);
    const customer = (await advisor("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json();
    const mails = await t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customer.email));
    // Paula reads German.
    const confirmation = mails.find((m) =>
      m.subject.startsWith("Bestätigung Ihrer telefonischen Entscheidung"),
    );
    // The default checklist's items became recommendations in her language.
    expect(confirmation?.text).toContain(
      "Freigegeben:\n- Bremsbeläge und -scheiben vorn\n- Wischerblätter und Scheibenwaschanlage",
    );
    const order = (await advisor("GET", `/api/v1/work-orders/${workOrderId}`)).json();
    expect(order.jobs).toHaveLength(3);
  });
});
