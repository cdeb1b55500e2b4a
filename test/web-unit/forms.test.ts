// @vitest-environment jsdom
// Small form helpers shared by the shop and the portal.
import { describe, expect, it } from "vitest";
import { i18n } from "../../src/web/i18n";
import {
  emptyToNull,
  emptyToUndefined,
  isEmail,
  normaliseField,
  toNumberOrNull,
} from "../../src/web/shared/forms";
import { unitBody, unitFormRules } from "../../src/web/shared/unitFields";

describe("form helpers", () => {
  it("maps server field paths onto form fields", () => {
    expect(normaliseField("email")).toBe("email");
    expect(normaliseField("/email")).toBe("email");
    expect(normaliseField("body.email")).toBe("email");
    expect(normaliseField("settings/paymentTermsDays")).toBe("settings.paymentTermsDays");
  });

  it("reads NumberInput values", () => {
    expect(toNumberOrNull("")).toBeNull();
    expect(toNumberOrNull(" 12 ")).toBe(12);
    expect(toNumberOrNull("1,5")).toBe(1.5);
    expect(toNumberOrNull(42)).toBe(42);
    expect(toNumberOrNull("abc")).toBeNull();
  });

  it("treats blank text as no value", () => {
    expect(emptyToNull("  ")).toBeNull();
    expect(emptyToUndefined("")).toBeUndefined();
    expect(emptyToNull(" x ")).toBe("x");
  });

  it("checks email addresses loosely", () => {
    expect(isEmail("erika@example.com")).toBe(true);
    expect(isEmail("not-an-email")).toBe(false);
  });
});

describe("unit form rules", () => {
  const rules = unitFormRules(i18n.t);
  const values = { year: "" };

  it("accepts an empty or valid VIN", () => {
    expect(rules.vin("", values)).toBeNull();
    expect(rules.vin("WVWZZZ1KZ6W000001", values)).toBeNull();
  });

  it("rejects VINs the server would reject", () => {
    expect(rules.vin("WVWZZZ1KZ6W00000", values)).toBeTruthy();
    expect(rules.vin("WVWZZZ1KZ6W00000O", values)).toBeTruthy();
  });

  it("allows short VINs for vehicles built before 1981", () => {
    expect(rules.vin("ABC12", { year: 1975 })).toBeNull();
  });

  it("requires make and model", () => {
    expect(rules.make(" ")).toBeTruthy();
    expect(rules.model("Golf")).toBeNull();
  });

  it("builds create and patch bodies", () => {
    const form = {
      vin: "",
      plate: " B-X 1 ",
      make: " VW ",
      model: "Golf",
      year: "",
      fleetNumber: "",
      odometerKm: "",
      engineHours: "",
    };
    expect(unitBody(form, "create")).toEqual({
      vin: undefined,
      plate: "B-X 1",
      make: "VW",
      model: "Golf",
      year: undefined,
      fleetNumber: undefined,
    });
    expect(unitBody(form, "patch")).toEqual({
      vin: null,
      plate: "B-X 1",
      make: "VW",
      model: "Golf",
      year: null,
      fleetNumber: null,
    });
  });
});
