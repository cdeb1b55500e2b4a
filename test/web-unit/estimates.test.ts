// @vitest-environment jsdom
// Estimate helpers: PDF addresses per audience and how flat-priced labour shows in a version diff.
import { describe, expect, it } from "vitest";
import { diffLines, type EstimateLabour, estimatePdfHref, isFlat } from "../../src/web/estimates/estimateApi";

const labour = (change: Partial<EstimateLabour> = {}): EstimateLabour => ({
  id: "lab_1",
  description: "Diagnosis",
  quantityMilli: 1500,
  unitPrice: 9500,
  taxRateBp: 1900,
  net: 14250,
  netWithParts: 14250,
  parts: [],
  ...change,
});

describe("estimate PDFs", () => {
  it("points staff, portal and link holders at their own route", () => {
    expect(estimatePdfHref("shop", "est 1", 0)).toBe("/api/v1/estimates/est%201/pdf?version=0");
    expect(estimatePdfHref("portal", "est_1", 2)).toBe("/api/v1/portal/estimates/est_1/pdf?version=2");
    expect(estimatePdfHref({ linkToken: "tok" }, "est_1")).toBe("/api/v1/links/estimate/tok/pdf");
  });
});

describe("flat-priced labour", () => {
  it("reads lines without pricing as hourly", () => {
    expect(isFlat(labour())).toBe(false);
    expect(isFlat(labour({ pricing: "flat" }))).toBe(true);
  });

  it("reports a switch to flat pricing as a change", () => {
    const [change] = diffLines([labour()], [labour({ pricing: "flat", unitPrice: 12000, net: 12000 })]);
    expect(change?.kind).toBe("changed");
    expect(change?.fields).toEqual(["pricing", "price"]);
    expect(diffLines([labour({ pricing: "hourly" })], [labour()])).toEqual([]);
  });
});
