import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, customers, estimateDecisions, mailMessages } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let advisor: Client;
let portal: Client;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));
});
afterAll(() => t.close());

type Estimate = {
  id: string;
  version: number;
  status: string;
  currentVersion: number;
  draft: {
    labour: { id: string; parts: { id: string }[] }[];
    totals: { net: number; tax: number; gross: number };
  };
};

async function buildEstimate(): Promise<Estimate> {
  let e: Estimate = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
  const add = async (body: Record<string, unknown>) => {
    const res = await advisor("POST", `/api/v1/estimates/${e.id}/lines`, { ...body, version: e.version });
    expect(res.statusCode, res.body).toBe(201);
    e = res.json();
  };
  await add({
    kind: "labour",
    description: "Replace front brake pads and discs",
    quantityMilli: 1500,
    unitPrice: 8999,
    taxRateBp: 1900,
  });
  const brakes = e.draft.labour[0]!.id;
  await add({
    kind: "part",
    labourLineId: brakes,
    description: "Brake pads",
    partNumber: "BP-1",
    quantityMilli: 1000,
    unitPrice: 4550,
    taxRateBp: 1900,
  });
  await add({
    kind: "part",
    labourLineId: brakes,
    description: "Brake discs",
    partNumber: "BD-2",
    quantityMilli: 2000,
    unitPrice: 6200,
    taxRateBp: 1900,
  });
  await add({
    kind: "labour",
    description: "Replace wiper blades",
    quantityMilli: 250,
    unitPrice: 8999,
    taxRateBp: 1900,
  });
  await add({
    kind: "part",
    labourLineId: e.draft.labour[1]!.id,
    description: "Wiper blades",
    quantityMilli: 2000,
    unitPrice: 1299,
    taxRateBp: 1900,
  });
  return e;
}

describe("estimates", () => {
  it("numbers a draft, totals labour with parts, and will not submit without a labour line", async () => {
    const empty = (await advisor("POST", "/api/v1/estimates", { unitId: shop.privateUnitId })).json();
    expect(empty).toMatchObject({
      number: expect.stringMatching(/^EST-\d{4}-\d{6}$/),
      status: "draft",
      currentVersion: 0,
    });
    const refused = await advisor("POST", `/api/v1/estimates/${empty.id}/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/labour line/);
    const orphan = await advisor("POST", `/api/v1/estimates/${empty.id}/lines`, {
      kind: "part",
      description: "Loose part",
      quantityMilli: 1000,
      unitPrice: 100,
      taxRateBp: 1900,
      version: empty.version,
    });
    expect(orphan.json().errors[0].field).toBe("labourLineId");

    const e = await buildEstimate();
    expect(e.draft.totals).toMatchObject({ net: 35297, tax: 6706, gross: 42003 });
    const listed = (await advisor("GET", "/api/v1/estimates?status=draft")).json().items;
    expect(listed.find((x: { id: string }) => x.id === e.id).gross).toBe(42003);
    expect(listed.find((x: { id: string }) => x.id === empty.id).gross).toBeNull();
  });

  it("reorders labour lines, naming every line once", async () => {
    const e = await buildEstimate();
    const [brakes, wipers] = e.draft.labour;
    const ids = [
      wipers!.id,
      ...wipers!.parts.map((p) => p.id),
      brakes!.id,
      ...brakes!.parts.map((p) => p.id),
    ];
    const partial = await advisor("POST", `/api/v1/estimates/${e.id}/reorder`, {
      lineIds: [wipers!.id],
      version: e.version,
    });
    expect(partial.statusCode).toBe(422);
    const res = await advisor("POST", `/api/v1/estimates/${e.id}/reorder`, {
      lineIds: ids,
      version: e.version,
    });
    expect(res.json().draft.labour.map((l: { id: string }) => l.id)).toEqual([wipers!.id, brakes!.id]);
  });

  it("refuses an edit made on an older version of the draft", async () => {
    const e = await buildEstimate();
    const line = e.draft.labour[1]!.id;
    expect(
      (await advisor("PATCH", `/api/v1/estimate-lines/${line}`, { version: e.version, unitPrice: 7999 }))
        .statusCode,
    ).toBe(200);
    const stale = await advisor("PATCH", `/api/v1/estimate-lines/${line}`, {
      version: e.version,
      unitPrice: 1,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("goes through dispute, revision and a partial approval with a consent record", async () => {
    let e = await buildEstimate();
    // A draft is invisible to the customer.
    expect((await portal("GET", `/api/v1/portal/estimates/${e.id}`)).statusCode).toBe(404);
    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {})).json();
    expect(e).toMatchObject({ status: "awaiting_customer", currentVersion: 1 });
    const frozen = (await portal("GET", `/api/v1/portal/estimates/${e.id}`)).json();
    expect(frozen.versions).toHaveLength(1);
    // Both lists show the submitted version's gross, and the customer's tab counts it.
    const gross = frozen.versions[0].totals.gross;
    expect(gross).toBeGreaterThan(0);
    const pending = (await portal("GET", "/api/v1/portal/estimates?state=pending")).json();
    expect(pending.items.find((x: { id: string }) => x.id === e.id)?.gross).toBe(gross);
    expect(pending.total).toBe(pending.items.length);
    const shopListed = (await advisor("GET", "/api/v1/estimates?status=awaiting_customer")).json();
    expect(shopListed.items.find((x: { id: string }) => x.id === e.id)?.gross).toBe(gross);
    expect(frozen.draft).toBeUndefined();
    const [brakes, wipers] = frozen.versions[0].lines.labour;

    // Submitted versions do not change.
    const locked = await advisor("PATCH", `/api/v1/estimate-lines/${brakes.id}`, {
      version: e.version,
      unitPrice: 1,
    });
    expect(locked.statusCode).toBe(409);

    // The customer disputes one part; its labour line is disputed too.
    const noNote = await portal("POST", `/api/v1/portal/estimates/${e.id}/dispute`, {
      versionNo: 1,
      lines: [{ lineId: brakes.parts[1].id, note: "" }],
    });
    expect(noNote.statusCode).toBe(422);
    const disputed = await portal("POST", `/api/v1/portal/estimates/${e.id}/dispute`, {
      versionNo: 1,
      lines: [{ lineId: brakes.parts[1].id, note: "The discs were replaced last spring" }],
    });
    expect(disputed.json().status).toBe("disputed");
    expect(disputed.json().decisions[0].disputedLines).toEqual([
      { lineId: brakes.parts[1].id, note: "The discs were replaced last spring" },
      // No made-up "N/A" for the line the customer did not write about: a real note, in the
      // customer's language (this business customer reads English), and the mark screens translate.
      { lineId: brakes.id, note: "Disputed with its part", withPart: true },
    ]);

    // The shop acknowledges, lowers the price and resubmits version 2.
    e = (
      await advisor("POST", `/api/v1/estimates/${e.id}/acknowledge`, { note: "We will check the discs" })
    ).json();
    expect(e.status).toBe("revising");
    // The shop's answer is in the history the customer sees; the shop's line edits are not.
    const seen = (await portal("GET", `/api/v1/portal/estimates/${e.id}`)).json().history;
    expect(seen.map((h: { action: string }) => h.action)).toEqual(["submit", "dispute", "acknowledge"]);
    expect(seen[2]).toMatchObject({ side: "shop", note: "We will check the discs" });
    e = (
      await advisor("PATCH", `/api/v1/estimate-lines/${brakes.parts[1].id}`, {
        version: e.version,
        unitPrice: 3100,
      })
    ).json();
    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, { note: "Discs at half price" })).json();
    expect(e).toMatchObject({ status: "awaiting_customer", currentVersion: 2 });

    // Deciding on the old version is refused; approving a line not in the version too.
    const old = await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
      versionNo: 1,
      labourLineIds: [brakes.id],
    });
    expect(old.statusCode).toBe(409);
    const unknown = await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
      versionNo: 2,
      labourLineIds: ["lab_not_here"],
    });
    expect(unknown.statusCode).toBe(422);

    const approved = await t.app.inject({
      method: "POST",
      url: `/api/v1/portal/estimates/${e.id}/approve`,
      headers: { ...portalHeaders(), "user-agent": "Phone browser 1.0" },
      payload: { versionNo: 2, labourLineIds: [brakes.id] },
    });
    expect(approved.statusCode).toBe(200);
    const view = approved.json();
    expect(view.status).toBe("approved");
    expect(view.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1, 2]);
    expect(view.versions[1].lines.labour[0].parts[1].unitPrice).toBe(3100);
    const shopView = (await advisor("GET", `/api/v1/estimates/${e.id}`)).json();
    expect(shopView.decisions.at(-1)).toMatchObject({
      decision: "approve",
      versionNo: 2,
      by: "Fleet manager",
      approvedLineIds: [brakes.id],
      declinedLineIds: [wipers.id],
      userAgent: "Phone browser 1.0",
      ip: expect.any(String),
    });
    // The approved line is Work Required on the service board; the declined one stays on the unit.
    const board = (await advisor("GET", "/api/v1/service-board")).json();
    const entry = board.items.find((u: { unitId: string }) => u.unitId === shop.businessUnitId);
    expect(
      entry.work.map((w: { labourLineId: string; status: string }) => [w.labourLineId, w.status]),
    ).toEqual([[brakes.id, "required"]]);
    const onUnit = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`)).json().items;
    expect(onUnit.find((w: { labourLineId: string }) => w.labourLineId === wipers.id)).toMatchObject({
      status: "declined",
      description: "Replace wiper blades",
    });
    // Consent records are evidence: the database refuses to change them.
    await expect(
      t.database.db
        .update(estimateDecisions)
        .set({ reason: "x" })
        .where(eq(estimateDecisions.estimateId, e.id)),
    ).rejects.toThrow();
  });

  it("writes the with-its-part note in a German customer's language", async () => {
    await t.database.db
      .update(customers)
      .set({ language: "de" })
      .where(eq(customers.id, shop.businessCustomerId));
    try {
      const e = await buildEstimate();
      await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
      const [brakes] = (await portal("GET", `/api/v1/portal/estimates/${e.id}`)).json().versions[0].lines
        .labour;
      const res = await portal("POST", `/api/v1/portal/estimates/${e.id}/dispute`, {
        versionNo: 1,
        lines: [{ lineId: brakes.parts[0].id, note: "Die Beläge sind neu" }],
      });
      expect(res.json().decisions[0].disputedLines[1]).toEqual({
        lineId: brakes.id,
        note: "Mit seinem Teil beanstandet",
        withPart: true,
      });
    } finally {
      await t.database.db
        .update(customers)
        .set({ language: "en" })
        .where(eq(customers.id, shop.businessCustomerId));
    }
  });

  it("lets the customer decline a whole estimate, which the shop can then revise", async () => {
    let e = await buildEstimate();
    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {})).json();
    const declined = await portal("POST", `/api/v1/portal/estimates/${e.id}/decline`, {
      versionNo: 1,
      reason: "Too expensive",
    });
    expect(declined.json().status).toBe("declined");
    expect(
      (await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, { versionNo: 1, labourLineIds: [] }))
        .statusCode,
    ).toBe(409);
    expect((await advisor("POST", `/api/v1/estimates/${e.id}/revise`, {})).json().status).toBe("revising");
  });

  it("lists estimates for the shop and only submitted ones for the customer", async () => {
    const draft = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
    const shopListRes = await advisor("GET", "/api/v1/estimates?status=draft");
    expect(shopListRes.statusCode, shopListRes.body).toBe(200);
    const shopList = shopListRes.json();
    expect(shopList.items.map((x: { id: string }) => x.id)).toContain(draft.id);
    const mine = (await portal("GET", "/api/v1/portal/estimates")).json();
    expect(mine.items.map((x: { id: string }) => x.id)).not.toContain(draft.id);
    expect(mine.items.every((x: { status: string }) => x.status !== "draft")).toBe(true);
    expect(
      (
        await advisor("POST", `/api/v1/portal/estimates/${draft.id}/approve`, {
          versionNo: 1,
          labourLineIds: [],
        })
      ).statusCode,
    ).toBe(403);
  });

  it("lists Pending Approval first in the portal, however long ago it was submitted", async () => {
    const waiting = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${waiting.id}/submit`, {});
    // Changed later, and decided: the last changed, yet listed after the one waiting for the customer.
    const decided = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${decided.id}/submit`, {});
    const res = await portal("POST", `/api/v1/portal/estimates/${decided.id}/decline`, { versionNo: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = (await portal("GET", "/api/v1/portal/estimates?limit=100")).json().items;
    const ids = mine.map((x: { id: string }) => x.id);
    expect(ids.indexOf(waiting.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(waiting.id)).toBeLessThan(ids.indexOf(decided.id));
    const firstOther = mine.findIndex((x: { status: string }) => x.status !== "awaiting_customer");
    expect(mine.slice(firstOther).every((x: { status: string }) => x.status !== "awaiting_customer")).toBe(
      true,
    );
  });

  it("splits the portal's estimates into Pending Approval (counted) and History", async () => {
    const ids = async (state: string) => {
      const res = await portal("GET", `/api/v1/portal/estimates?state=${state}&limit=100`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; status: string }[]; total: number };
    };
    const before = await ids("pending");
    const waiting = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${waiting.id}/submit`, {});
    const approved = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${approved.id}/submit`, {});
    const labour = (await portal("GET", `/api/v1/portal/estimates/${approved.id}`)).json().versions[0].lines
      .labour;
    // Partly approved: one of two labour lines.
    await portal("POST", `/api/v1/portal/estimates/${approved.id}/approve`, {
      versionNo: 1,
      labourLineIds: [labour[0].id],
    });
    const disputed = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${disputed.id}/submit`, {});
    const own = (await portal("GET", `/api/v1/portal/estimates/${disputed.id}`)).json().versions[0].lines
      .labour;
    const res = await portal("POST", `/api/v1/portal/estimates/${disputed.id}/dispute`, {
      versionNo: 1,
      lines: [{ lineId: own[0].id, note: "Too many hours" }],
    });
    expect(res.json().status).toBe("disputed");

    const pending = await ids("pending");
    expect(pending.items.map((x) => x.id)).toContain(waiting.id);
    expect(pending.items.every((x) => x.status === "awaiting_customer")).toBe(true);
    // The badge's count comes from the kept list counts and matches what is listed.
    expect(pending.total).toBe(before.total + 1);
    expect(pending.total).toBe(pending.items.length);
    const history = await ids("history");
    const historyIds = history.items.map((x) => x.id);
    expect(historyIds).toEqual(expect.arrayContaining([approved.id, disputed.id]));
    expect(historyIds).not.toContain(waiting.id);
    expect(history.items.every((x) => !["awaiting_customer", "draft"].includes(x.status))).toBe(true);
    expect(history.total).toBe(history.items.length);
    expect((await portal("GET", "/api/v1/portal/estimates?state=drafts")).statusCode).toBe(400);
  });

  it("discards a draft after nothing was sent: gone from lists and counts, number kept, audited", async () => {
    const count = async () => (await advisor("GET", "/api/v1/estimates?status=draft")).json().total as number;
    const before = await count();
    const draft = await buildEstimate();
    expect(await count()).toBe(before + 1);
    const res = await advisor("POST", `/api/v1/estimates/${draft.id}/discard`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await count()).toBe(before);
    expect((await advisor("GET", `/api/v1/estimates/${draft.id}`)).statusCode).toBe(404);
    const listed = (await advisor("GET", "/api/v1/estimates?limit=100")).json().items;
    expect(listed.map((x: { id: string }) => x.id)).not.toContain(draft.id);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, draft.id), eq(auditEvents.action, "discard")));
    expect(event).toMatchObject({ fromStatus: "draft", actorName: expect.any(String) });
    expect((event!.data as { number: string }).number).toBe((draft as unknown as { number: string }).number);
    // Its number is not given out again.
    const next = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
    expect(next.number).not.toBe((draft as unknown as { number: string }).number);
    expect(next.number > (draft as unknown as { number: string }).number).toBe(true);

    // A sent estimate cannot be discarded, nor can it be discarded twice.
    const sent = await buildEstimate();
    await advisor("POST", `/api/v1/estimates/${sent.id}/submit`, {});
    const refused = await advisor("POST", `/api/v1/estimates/${sent.id}/discard`);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers["content-type"]).toMatch(/problem\+json/);
    expect(refused.json().errors[0]).toMatchObject({ field: "status" });
    expect((await advisor("POST", `/api/v1/estimates/${draft.id}/discard`)).statusCode).toBe(404);
    // Only the shop discards.
    expect((await portal("POST", `/api/v1/estimates/${next.id}/discard`)).statusCode).toBe(403);
  });

  it("searches the shop's estimates by number, customer or plate from three characters on", async () => {
    const e = await buildEstimate();
    const unit = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}`)).json();
    const customer = (await advisor("GET", `/api/v1/customers/${shop.businessCustomerId}`)).json();
    const found = async (q: string) =>
      (await advisor("GET", `/api/v1/estimates?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((x: { id: string }) => x.id);
    const number = (await advisor("GET", `/api/v1/estimates/${e.id}`)).json().number as string;
    for (const q of [number, number.slice(-4), customer.displayName.slice(1, 6), unit.plate.slice(0, 4)])
      expect(await found(q), q).toContain(e.id);
    const short = await advisor("GET", "/api/v1/estimates?q=ab");
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({
      field: "q",
      message: expect.stringMatching(/3 characters/),
    });
  });
});

describe("estimate mail and decisions by phone", () => {
  it("mails a private customer a link when a version is ready, and confirms a decision recorded by phone", async () => {
    let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.privateUnitId })).json();
    e = (
      await advisor("POST", `/api/v1/estimates/${e.id}/lines`, {
        kind: "labour",
        description: "Oil service",
        quantityMilli: 1000,
        unitPrice: 12900,
        taxRateBp: 1900,
        version: e.version,
      })
    ).json();
    const line = e.draft.labour[0].id;
    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, { note: "Includes 5 l oil" })).json();
    const customer = (await advisor("GET", `/api/v1/customers/${shop.privateCustomerId}`)).json();
    const mails = () => t.database.db.select().from(mailMessages).where(eq(mailMessages.to, customer.email));
    const ready = (await mails()).find((m) => m.subject.startsWith(`Kostenvoranschlag ${e.number}`));
    expect(ready?.text).toMatch(/153,51\s€ brutto/);
    expect(ready?.text).toMatch(/\/e\/[A-Za-z0-9_-]{43}/);
    expect(ready?.text).toContain("Includes 5 l oil");

    // The link shows the estimate without an account and takes one decision.
    const token = ready!.text.match(/\/e\/([A-Za-z0-9_-]{43})/)![1]!;
    const viaLink = await t.app.inject({ url: `/api/v1/links/estimate/${token}` });
    expect(viaLink.json()).toMatchObject({
      estimate: { id: e.id, status: "awaiting_customer" },
      linkUsed: false,
    });
    expect(viaLink.json().estimate.draft).toBeUndefined();
    const wrongPurpose = await t.app.inject({ url: `/api/v1/links/booking/${token}` });
    expect(wrongPurpose.statusCode).toBe(404);

    const noName = await advisor("POST", `/api/v1/estimates/${e.id}/record-decision`, {
      decision: "approve",
      versionNo: 1,
      labourLineIds: [line],
      decidedBy: "",
    });
    expect(noName.statusCode).toBe(400);
    const recorded = await advisor("POST", `/api/v1/estimates/${e.id}/record-decision`, {
      decision: "approve",
      versionNo: 1,
      labourLineIds: [line],
      decidedBy: "Paula Private",
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().status).toBe("approved");
    expect(recorded.json().decisions[0]).toMatchObject({
      decision: "approve",
      byKind: "staff",
      by: expect.stringMatching(/^Paula Private \(by phone, recorded by /),
    });
    const confirmation = (await mails()).find((m) =>
      m.subject.startsWith("Bestätigung Ihrer telefonischen Freigabe"),
    );
    expect(confirmation?.text).toContain("- Oil service");
  });

  it("lets a private customer dispute through the mailed link, once", async () => {
    let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.privateUnitId })).json();
    e = (
      await advisor("POST", `/api/v1/estimates/${e.id}/lines`, {
        kind: "labour",
        description: "Timing belt",
        quantityMilli: 3000,
        unitPrice: 8999,
        taxRateBp: 1900,
        version: e.version,
      })
    ).json();
    const line = e.draft.labour[0].id;
    await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {});
    const mail = (await t.database.db.select().from(mailMessages)).find((m) =>
      m.subject.startsWith(`Kostenvoranschlag ${e.number}`),
    );
    const token = mail!.text.match(/\/e\/([A-Za-z0-9_-]{43})/)![1]!;
    const payload = { versionNo: 1, lines: [{ lineId: line, note: "Three hours seems long" }] };
    const first = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/estimate/${token}/dispute`,
      payload,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().decisions[0]).toMatchObject({ byKind: "link", by: expect.stringMatching(/^Paula/) });
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/links/estimate/${token}/approve`,
      payload: { versionNo: 1, labourLineIds: [line] },
    });
    expect(again.statusCode).toBe(410);
  });

  it("tells the shop when the customer disputes", async () => {
    let e = await buildEstimate();
    e = (await advisor("POST", `/api/v1/estimates/${e.id}/submit`, {})).json();
    const part = e.draft.labour[0]!.parts[0]!.id;
    await portal("POST", `/api/v1/portal/estimates/${e.id}/dispute`, {
      versionNo: 1,
      lines: [{ lineId: part, note: "Too dear" }],
    });
    const shopMail = (await t.database.db.select().from(mailMessages)).find(
      (m) => m.subject.includes("beanstandet") && m.text.includes("Too dear"),
    );
    expect(shopMail?.text).toContain("Brake pads: Too dear");
  });
});

let portalSession: { cookie: string; csrfToken: string } | undefined;
function portalHeaders() {
  if (!portalSession) throw new Error("portal session not ready");
  return { cookie: portalSession.cookie, "x-csrf-token": portalSession.csrfToken };
}
beforeAll(async () => {
  portalSession = await signIn(t.app, shop.portal.email, "portal");
});
