import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { checkLegalDetails, isLimitedCompany, legalLines } from "./legal-details";

const gmbh = {
  legalName: "Müller Kfz-Service GmbH",
  country: "DE",
  registerCourt: "Amtsgericht Charlottenburg",
  registerNumber: "HRB 123456 B",
  managingDirectors: ["Max Müller"],
};

const fieldsOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.fields.map((x) => x.field);
    throw e;
  }
  return [];
};

describe("legal details on printed documents", () => {
  it("knows a GmbH and a UG by their legal name", () => {
    expect(isLimitedCompany("Müller Kfz-Service GmbH")).toBe(true);
    expect(isLimitedCompany("Schnell UG (haftungsbeschränkt)")).toBe(true);
    expect(isLimitedCompany("Auto Meier GmbH & Co. KG")).toBe(true);
    expect(isLimitedCompany("Werkstatt Huber e.K.")).toBe(false);
    expect(isLimitedCompany("Bugmbh Motors")).toBe(false);
  });

  it("asks a German GmbH for its register court, number and managing directors (§35a GmbHG)", () => {
    expect(fieldsOf(() => checkLegalDetails(gmbh))).toEqual([]);
    expect(
      fieldsOf(() =>
        checkLegalDetails({ ...gmbh, registerCourt: null, registerNumber: null, managingDirectors: [] }),
      ),
    ).toEqual(["registerCourt", "registerNumber", "managingDirectors"]);
    // Not a GmbH, or not in Germany: nothing is required.
    expect(
      fieldsOf(() =>
        checkLegalDetails({
          ...gmbh,
          legalName: "Werkstatt Huber e.K.",
          registerCourt: null,
          registerNumber: null,
          managingDirectors: [],
        }),
      ),
    ).toEqual([]);
  });

  it("refuses a court without a number, the reverse, and a number that is no German register entry", () => {
    expect(fieldsOf(() => checkLegalDetails({ ...gmbh, registerNumber: null }))).toEqual(["registerNumber"]);
    expect(fieldsOf(() => checkLegalDetails({ ...gmbh, registerCourt: " " }))).toEqual(["registerCourt"]);
    expect(fieldsOf(() => checkLegalDetails({ ...gmbh, registerNumber: "123456" }))).toEqual([
      "registerNumber",
    ]);
    expect(fieldsOf(() => checkLegalDetails({ ...gmbh, registerNumber: "HRB 98765" }))).toEqual([]);
  });

  it("prints the register and the directors as two lines", () => {
    expect(legalLines(gmbh, { register: "Register court", directors: "Managing directors" })).toEqual([
      "Register court: Amtsgericht Charlottenburg, HRB 123456 B",
      "Managing directors: Max Müller",
    ]);
    expect(
      legalLines(
        { registerCourt: null, registerNumber: null, managingDirectors: [] },
        { register: "", directors: "" },
      ),
    ).toEqual([]);
  });
});
