import { describe, expect, it } from "vitest";
import { customerDisplayName, missingNameFields } from "./customer";
import { newId } from "./ids";

describe("customer names", () => {
  it("calls a business by its company name and a person by first and last name", () => {
    expect(
      customerDisplayName({ type: "business", companyName: "Stadtwerke GmbH", firstName: "Frank" }),
    ).toBe("Stadtwerke GmbH");
    expect(customerDisplayName({ type: "private", firstName: "Anna", lastName: "Schmidt" })).toBe(
      "Anna Schmidt",
    );
    expect(customerDisplayName({ type: "private", lastName: "Schmidt" })).toBe("Schmidt");
  });

  it("requires a company name for a business and a last name for a person", () => {
    expect(missingNameFields({ type: "business", firstName: "Frank" })).toEqual([
      { field: "companyName", message: expect.any(String) },
    ]);
    expect(missingNameFields({ type: "private", firstName: "Anna" })).toEqual([
      { field: "lastName", message: expect.any(String) },
    ]);
    expect(missingNameFields({ type: "private", lastName: "Schmidt" })).toEqual([]);
  });
});

describe("ids", () => {
  it("are prefixed and unguessable", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("customer")));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^cus_[0-9a-hjkmnp-tv-z]{24}$/);
  });
});
