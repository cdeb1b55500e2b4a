import { readdir } from "node:fs/promises";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { type Client, client, type Session, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";
import { uploadPhoto } from "../support/upload";

let t: TestApp;
let shop: Shop;
let admin: Client;
let advisor: Client;
let tech: Client;
let techSession: Session;
let parts: Client;
let portal: Client;
let workOrderId: string;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  admin = client(t.app, await signIn(t.app, shop.staff.admin.email));
  advisor = client(t.app, await signIn(t.app, shop.staff.service_advisor.email));
  techSession = await signIn(t.app, shop.staff.technician.email);
  tech = client(t.app, techSession);
  parts = client(t.app, await signIn(t.app, shop.staff.parts.email));
  portal = client(t.app, await signIn(t.app, shop.portal.email, "portal"));

  // A work order on the fleet unit: approved estimate, technician clocked on.
  let e = (await advisor("POST", "/api/v1/estimates", { unitId: shop.businessUnitId })).json();
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
  await portal("POST", `/api/v1/portal/estimates/${e.id}/approve`, {
    versionNo: 1,
    labourLineIds: [e.draft.labour[0].id],
  });
  const item = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}/work-items`)).json().items[0];
  workOrderId = (await tech("POST", `/api/v1/work-items/${item.id}/clock-on`)).json().id;
});
afterAll(() => t.close());

const upload = (itemId: string, file: Buffer, filename?: string, type?: string) =>
  uploadPhoto(t.app, techSession, itemId, file, filename, type);

const storedFiles = async () => {
  const orgs = await readdir(t.uploadDir).catch(() => []);
  const files = await Promise.all(orgs.map((o) => readdir(`${t.uploadDir}/${o}`)));
  return files.flat();
};

describe("inspection templates", () => {
  it("starts every location with a default template that an admin can change", async () => {
    const templates = (await advisor("GET", "/api/v1/inspection-templates")).json().items;
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ name: "Vehicle health check", isDefault: true });
    // Its own id, not the id of the user whose request created it.
    expect(templates[0].id).toMatch(/^itp_/);
    expect(templates[0].id).not.toMatch(/^usr_/);
    expect(templates[0].items.length).toBeGreaterThanOrEqual(10);
    expect(new Set(templates[0].items.map((i: { area: string }) => i.area))).toContain("Brakes");

    expect((await advisor("POST", "/api/v1/inspection-templates", { name: "x", items: [] })).statusCode).toBe(
      403,
    );
    const twice = await admin("POST", "/api/v1/inspection-templates", {
      name: "Trucks",
      items: [
        { area: "Brakes", label: "Air pressure" },
        { area: "brakes", label: "air pressure" },
      ],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0].field).toBe("items.1.label");
    const added = await admin("POST", "/api/v1/inspection-templates", {
      name: "Trucks",
      items: [{ area: "Brakes", label: "Air pressure" }],
    });
    expect(added.statusCode).toBe(201);
    const list = (await admin("GET", "/api/v1/inspection-templates")).json().items;
    expect(list.map((x: { name: string; isDefault: boolean }) => [x.name, x.isDefault])).toEqual([
      ["Vehicle health check", true],
      ["Trucks", false],
    ]);
  });
});

describe("inspection", () => {
  it("rates items with notes and photos, refuses what is not a photo, and notifies on completion", async () => {
    expect((await tech("GET", `/api/v1/work-orders/${workOrderId}/inspection`)).json()).toEqual({
      inspection: null,
    });
    let inspection = (await tech("POST", `/api/v1/work-orders/${workOrderId}/inspection`, {})).json()
      .inspection;
    expect(inspection).toMatchObject({ templateName: "Vehicle health check", status: "in_progress" });
    expect(inspection.areas[0].area).toBe("Tyres and wheels");
    const items = inspection.areas.flatMap((a: { items: unknown[] }) => a.items) as {
      id: string;
      label: string;
      version: number;
    }[];
    const pads = items.find((i) => i.label === "Front pads and discs")!;

    const bad = await tech("PATCH", `/api/v1/inspection-items/${pads.id}`, {
      rating: "broken",
      version: pads.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("rating");
    const rated = await tech("PATCH", `/api/v1/inspection-items/${pads.id}`, {
      rating: "urgent",
      note: "Pads at 2 mm, disc scored",
      partsNeeded: true,
      version: pads.version,
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const stale = await tech("PATCH", `/api/v1/inspection-items/${pads.id}`, {
      rating: "ok",
      version: pads.version,
    });
    expect(stale.statusCode).toBe(409);

    // A camera photo with a GPS position in its EXIF.
    const camera = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#a33" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "Pitlane Test Cam" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 31/1 12/1" },
      })
      .toBuffer();
    expect((await sharp(camera).metadata()).exif?.includes(Buffer.from("Pitlane Test Cam"))).toBe(true);
    const photo = await upload(pads.id, camera);
    expect(photo.statusCode, photo.body).toBe(201);
    const stored = photo
      .json()
      .inspection.areas.flatMap((a: { items: { id: string; photos: unknown[] }[] }) => a.items)
      .find((i: { id: string }) => i.id === pads.id).photos[0];
    expect(stored).toMatchObject({ width: 1600, height: 1067, rejected: false });
    const served = await tech("GET", stored.url);
    expect(served.headers["content-type"]).toBe("image/jpeg");
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1600 });
    // No EXIF at all: the position (and the camera) are gone.
    expect(meta.exif).toBeUndefined();
    expect(await storedFiles()).toHaveLength(1);

    // A text file renamed .jpg, and a file over the limit: refused, nothing stored.
    const renamed = await upload(pads.id, Buffer.from("not a photo at all, just text"), "brakes.jpg");
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().errors[0].field).toBe("photo");
    // A real PNG cut off in transfer: its header reads fine, its picture does not.
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#3a3" } })
      .png()
      .toBuffer();
    const truncated = await upload(
      pads.id,
      png.subarray(0, Math.floor(png.length / 2)),
      "cut.png",
      "image/png",
    );
    expect(truncated.statusCode).toBe(415);
    expect(truncated.headers["content-type"]).toContain("application/problem+json");
    expect(truncated.json().detail).toContain("damaged");
    const huge = await upload(pads.id, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toContain("10 MB");
    expect(await storedFiles()).toHaveLength(1);

    // The advisor sends the photo back; the technician hears about it.
    const rejected = await advisor("POST", `/api/v1/inspection-photos/${stored.id}/reject`, {
      note: "Blurred",
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    let bell = (await tech("GET", "/api/v1/notifications")).json();
    expect(bell.unread).toBe(1);
    expect(bell.items[0]).toMatchObject({ kind: "photo-rejected", body: expect.stringContaining("Blurred") });

    // Completion needs every item rated.
    const early = await tech("POST", `/api/v1/work-orders/${workOrderId}/inspection/complete`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/^Rate every item first: Tread depth front/);
    inspection = (await tech("GET", `/api/v1/work-orders/${workOrderId}/inspection`)).json().inspection;
    for (const item of inspection.areas.flatMap(
      (a: { items: { id: string; rating: string | null; version: number }[] }) => a.items,
    )) {
      if (item.rating === null)
        await tech("PATCH", `/api/v1/inspection-items/${item.id}`, { rating: "ok", version: item.version });
    }
    // The advisor chose to get notifications by mail as well.
    await advisor("PUT", "/api/v1/notifications/preferences", { notifyByEmail: true });
    // So did the parts department, who reads German.
    await parts("PUT", "/api/v1/notifications/preferences", { notifyByEmail: true });
    expect((await parts("PATCH", "/api/v1/auth/me", { language: "de" })).statusCode).toBe(200);
    const done = await tech("POST", `/api/v1/work-orders/${workOrderId}/inspection/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().inspection).toMatchObject({ status: "complete", counts: { urgent: 1, open: 0 } });
    expect(
      (await tech("PATCH", `/api/v1/inspection-items/${pads.id}`, { rating: "ok", version: 99 })).statusCode,
    ).toBe(409);

    bell = (await advisor("GET", "/api/v1/notifications")).json();
    expect(bell).toMatchObject({ unread: 1, notifyByEmail: true });
    expect(bell.items[0]).toMatchObject({
      kind: "inspection-complete",
      title: expect.stringMatching(/^WO-\d{4}-\d{6}: inspection complete$/),
      body: expect.stringContaining("1 urgent"),
      link: `/work-orders/${workOrderId}`,
      // The facts, so the bell says it in its reader's language.
      params: {
        number: expect.stringMatching(/^WO-/),
        urgent: 1,
        attention: 0,
        by: expect.stringContaining("technician"),
      },
    });
    const mails = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, shop.staff.service_advisor.email));
    expect(mails.map((m) => m.subject)).toContain(bell.items[0].title);
    const partsBell = (await parts("GET", "/api/v1/notifications")).json();
    expect(partsBell.items[0]).toMatchObject({
      kind: "parts-needed",
      body: expect.stringContaining("Front pads and discs"),
      params: { items: ["Front pads and discs"] },
    });
    // The German reader's mail is German, the default checklist's words included.
    const [partsMail] = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, shop.staff.parts.email));
    expect(partsMail?.subject).toMatch(/^WO-\d{4}-\d{6}: Teile benötigt$/);
    expect(partsMail?.text).toContain("Bremsbeläge und -scheiben vorn.");
    // The technician who completed it is not told about their own work.
    expect((await tech("GET", "/api/v1/notifications")).json().unread).toBe(1);

    // Read one, then all; someone else's notification is not mine to read.
    expect((await tech("POST", `/api/v1/notifications/${bell.items[0].id}/read`)).statusCode).toBe(404);
    expect((await advisor("POST", `/api/v1/notifications/${bell.items[0].id}/read`)).statusCode).toBe(204);
    expect((await advisor("GET", "/api/v1/notifications")).json().unread).toBe(0);
    await parts("POST", "/api/v1/notifications/read-all");
    expect((await parts("GET", "/api/v1/notifications")).json().unread).toBe(0);
  });
});
