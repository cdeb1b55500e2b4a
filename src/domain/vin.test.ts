import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseVin, validateVin, vinCheckDigit } from "./vin";

describe("VIN validation", () => {
  it("accepts a North American VIN with a correct check digit", () => {
    // A widely published example VIN (check digit X).
    expect(validateVin("1M8GDM9AXKP042788")).toEqual({ ok: true, vin: "1M8GDM9AXKP042788" });
    expect(vinCheckDigit("1HGCM82633A004352")).toBe("3");
  });

  it("refuses a North American VIN with a typo", () => {
    const result = validateVin("1M8GDM9AXKP042789");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/check digit/);
  });

  it("accepts European VINs without checking position 9", () => {
    expect(validateVin("WVWZZZ1KZ6W000001").ok).toBe(true);
    expect(validateVin("WDB9066331S000002").ok).toBe(true);
  });

  it("normalises spaces, dashes and lower case", () => {
    expect(normaliseVin(" wvwzzz1kz6-w000001 ")).toBe("WVWZZZ1KZ6W000001");
    expect(validateVin("wvwzzz 1kz6w000001")).toEqual({ ok: true, vin: "WVWZZZ1KZ6W000001" });
  });

  it("refuses wrong lengths and the letters I, O and Q", () => {
    expect(validateVin("WVWZZZ1KZ6W00001")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/17 characters/),
    });
    expect(validateVin("WVWZZZ1KZ6W00000I")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/I, O or Q/),
    });
    expect(validateVin("WVWZZZ1KZ6W0000.1")).toMatchObject({ ok: false });
  });

  it("allows shorter identification numbers for vehicles built before 1981", () => {
    expect(validateVin("124379N123456", 1969).ok).toBe(true);
    expect(validateVin("124379N123456", 1990).ok).toBe(false);
  });

  it("accepts every North American VIN whose check digit was computed, and rejects any other digit", () => {
    const char = fc.constantFrom(..."ABCDEFGHJKLMNPRSTUVWXYZ0123456789");
    fc.assert(
      fc.property(
        fc.constantFrom("1", "2", "3", "4", "5"),
        fc.array(char, { minLength: 16, maxLength: 16 }),
        (first, rest) => {
          const draft = `${first}${rest.slice(0, 7).join("")}0${rest.slice(8).join("")}`;
          const check = vinCheckDigit(draft);
          const vin = `${draft.slice(0, 8)}${check}${draft.slice(9)}`;
          expect(validateVin(vin).ok).toBe(true);
          const wrong = check === "7" ? "8" : "7";
          expect(validateVin(`${vin.slice(0, 8)}${wrong}${vin.slice(9)}`).ok).toBe(false);
        },
      ),
    );
  });
});
