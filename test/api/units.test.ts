import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("units (shop)", () => {
  it("creates a unit with a normalised VIN and its first reading, and finds it by plate, VIN or customer", async () => {
    const res = await advisor("POST", "/api/v1/units", {
      customerId: shop.privateCustomerId,
      vin: "wvwzzz1kz6w000001",
      plate: "b-xy 42",
      make: "Volkswagen",
      model: "Golf",
      year: 2019,
      odometerKm: 68_450,
    });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      vin: "WVWZZZ1KZ6W000001",
      plate: "B-XY 42",
      odometerKm: 68_450,
      customerName: expect.stringMatching(/^Paula/),
    });
    for (const q of ["B-XY", "1kz6w", "Paula"]) {
      const ids = (await advisor("GET", `/api/v1/units?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((u: { id: string }) => u.id);
      expect(ids).toContain(unit.id);
    }
    const readings = (await advisor("GET", `/api/v1/units/${unit.id}/readings`)).json().items;
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ odometerKm: 68_450, source: "shop" });
  });

  it("matches the start of the plate or fleet number for one or two characters, anywhere from three", async () => {
    const unit = (
      await advisor("POST", "/api/v1/units", {
        customerId: shop.businessCustomerId,
        plate: "QX-TR 77",
        make: "Iveco",
        model: "Daily",
        fleetNumber: "ZF-9",
      })
    ).json();
    const ids = async (q: string, path = "/api/v1/units", as = advisor) =>
      (await as("GET", `${path}?q=${encodeURIComponent(q)}`)).json().items.map((u: { id: string }) => u.id);
    for (const q of ["Q", "qx", "zf", "tr 7", "ivec", "dail"]) expect(await ids(q), q).toContain(unit.id);
    for (const q of ["TR", "77", "iv"]) expect(await ids(q), q).not.toContain(unit.id);
    // Within one customer's units any length matches anywhere.
    for (const q of ["TR", "77", "iv"])
      expect(await ids(q, "/api/v1/portal/units", portal), q).toContain(unit.id);
  });

  it("refuses a VIN with a wrong check digit and a duplicate VIN, naming the field", async () => {
    const bad = await advisor("POST", "/api/v1/units", {
      customerId: shop.privateCustomerId,
      vin: "1M8GDM9AXKP042789",
      make: "GMC",
      model: "Bus",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({
      field: "vin",
      message: expect.stringMatching(/check digit/),
    });
    const body = { customerId: shop.businessCustomerId, vin: "1M8GDM9AXKP042788", make: "GMC", model: "Bus" };
    expect((await advisor("POST", "/api/v1/units", body)).statusCode).toBe(201);
    const dup = await advisor("POST", "/api/v1/units", body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe("vin");
  });

  it("requires make, model and a customer of this location", async () => {
    const res = await advisor("POST", "/api/v1/units", {
      customerId: "cus_doesnotexist",
      make: "",
      model: "",
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["make", "model"]);
    const noCustomer = await advisor("POST", "/api/v1/units", {
      customerId: "cus_doesnotexist",
      make: "Audi",
      model: "A4",
    });
    expect(noCustomer.statusCode).toBe(422);
    expect(noCustomer.json().errors[0].field).toBe("customerId");
  });

  it("edits a unit with optimistic concurrency", async () => {
    const unit = (await advisor("GET", `/api/v1/units/${shop.privateUnitId}`)).json();
    const ok = await advisor("PATCH", `/api/v1/units/${unit.id}`, {
      version: unit.version,
      fleetNumber: "P-1",
    });
    expect(ok.json().fleetNumber).toBe("P-1");
    const stale = await advisor("PATCH", `/api/v1/units/${unit.id}`, {
      version: unit.version,
      fleetNumber: "P-2",
    });
    expect(stale.statusCode).toBe(409);
  });

  it("refuses a lower odometer reading unless it is a correction with a note", async () => {
    const url = `/api/v1/units/${shop.businessUnitId}/readings`;
    const lower = await advisor("POST", url, { odometerKm: 119_000 });
    expect(lower.statusCode).toBe(422);
    expect(lower.json()).toMatchObject({
      type: "/problems/reading-goes-backwards",
      errors: [{ field: "odometerKm" }],
    });
    const noNote = await advisor("POST", url, { odometerKm: 119_000, override: true });
    expect(noNote.json().errors[0].field).toBe("note");
    const corrected = await advisor("POST", url, {
      odometerKm: 119_000,
      override: true,
      note: "Cluster replaced",
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ override: true, note: "Cluster replaced" });
    const unit = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}`)).json();
    expect(unit).toMatchObject({ odometerKm: 119_000, engineHours: 4_000 });
  });
});

describe("units (portal)", () => {
  it("never tells a portal account that another customer has a VIN", async () => {
    const vin = "1M8GDM9A2KP042770";
    expect(
      (
        await advisor("POST", "/api/v1/units", {
          customerId: shop.privateCustomerId,
          vin,
          make: "GMC",
          model: "Van",
        })
      ).statusCode,
    ).toBe(201);
    const res = await portal("POST", "/api/v1/portal/units", { vin, make: "GMC", model: "Van" });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe("/problems/conflict");
    expect(res.body).not.toContain("VIN");
    expect(res.body).not.toContain(vin);
    expect(res.json().detail).toContain("Contact the shop");
  });

  it("shows a portal account only its own customer's units", async () => {
    const list = (await portal("GET", "/api/v1/portal/units")).json();
    expect(list.items.map((u: { id: string }) => u.id)).toContain(shop.businessUnitId);
    expect(list.items.every((u: { customerId: string }) => u.customerId === shop.businessCustomerId)).toBe(
      true,
    );
    expect((await portal("GET", `/api/v1/portal/units/${shop.privateUnitId}`)).statusCode).toBe(404);
    expect((await portal("GET", `/api/v1/portal/units/${shop.privateUnitId}/readings`)).statusCode).toBe(404);
    expect(
      (await portal("POST", `/api/v1/portal/units/${shop.privateUnitId}/readings`, { odometerKm: 60_000 }))
        .statusCode,
    ).toBe(404);
  });

  it("records a reading from the portal, shown to the shop as a portal reading", async () => {
    const res = await portal("POST", `/api/v1/portal/units/${shop.businessUnitId}/readings`, {
      engineHours: 4_100,
    });
    expect(res.statusCode).toBe(201);
    const history = (await advisor("GET", `/api/v1/units/${shop.businessUnitId}/readings`)).json().items;
    expect(history[0]).toMatchObject({ engineHours: 4_100, source: "portal", recordedBy: "Fleet manager" });
  });

  it("adds a new unit for the account's own customer, whatever customerId it sends", async () => {
    const res = await portal("POST", "/api/v1/portal/units", {
      customerId: shop.privateCustomerId,
      make: "Iveco",
      model: "Daily",
      plate: "B-NU 1",
      fleetNumber: "N-1",
      odometerKm: 10,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().customerId).toBe(shop.businessCustomerId);
  });

  it("keeps portal accounts out of shop routes", async () => {
    expect((await portal("GET", "/api/v1/customers")).statusCode).toBe(403);
    expect((await advisor("GET", "/api/v1/portal/units")).statusCode).toBe(403);
  });
});
