import { describe, expect, it } from "vitest";
import { toE164 } from "./phone";

describe("phone numbers for text messages", () => {
  it("writes German, international and already-E.164 numbers as E.164", () => {
    expect(toE164("0171 123 45 67")).toBe("+491711234567");
    expect(toE164("(0171) 123-4567")).toBe("+491711234567");
    expect(toE164("0043 664 1234567")).toBe("+436641234567");
    expect(toE164("+49 30 1234567")).toBe("+49301234567");
    expect(toE164("0664 1234567", "AT")).toBe("+436641234567");
  });
  it("refuses what is not a number to text", () => {
    expect(toE164("")).toBeNull();
    expect(toE164(null)).toBeNull();
    expect(toE164("call me")).toBeNull();
    expect(toE164("1234")).toBeNull();
    expect(toE164("+0049 171")).toBeNull();
    expect(toE164("0171 1234567", "US")).toBeNull();
  });
});
