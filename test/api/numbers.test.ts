import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraftEstimate } from "../../src/app/estimates/create-estimate";
import { startTestApp, type TestApp } from "../support/app";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
});
afterAll(() => t.close());

describe("document numbers", () => {
  it("gives 30 estimates created at once 30 consecutive numbers, and a rolled-back one gives its number back", async () => {
    const actor = {
      kind: "staff" as const,
      id: shop.staff.service_advisor.id,
      name: "Advisor",
      organisationId: shop.organisationId,
      locationId: shop.locationId,
      role: "service_advisor" as const,
    };
    const input = { customerId: shop.businessCustomerId, unitId: shop.businessUnitId };
    await expect(
      t.database.db.transaction(async (tx) => {
        await createDraftEstimate(tx, actor, input);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const created = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.database.db.transaction((tx) => createDraftEstimate(tx, actor, input)),
      ),
    );
    const year = new Date().getFullYear();
    const numbers = created.map((e) => e.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 30 }, (_, i) => `EST-${year}-${String(i + 1).padStart(6, "0")}`),
    );
  });
});
