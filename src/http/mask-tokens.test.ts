import { describe, expect, it } from "vitest";
import { maskTokens } from "./mask-tokens";

describe("tokens in logged URLs", () => {
  it("cuts the credential out of every mailed link's path, keeping the rest", () => {
    const token = "Ab3_-x".repeat(7);
    expect(maskTokens(`/pay/${token}?paid=1`)).toBe("/pay/[token]?paid=1");
    expect(maskTokens(`/api/v1/pay/${token}/checkout`)).toBe("/api/v1/pay/[token]/checkout");
    expect(maskTokens(`/api/v1/links/estimate/${token}/pdf`)).toBe("/api/v1/links/estimate/[token]/pdf");
    expect(maskTokens(`/x/${token}`)).toBe("/x/[token]");
    expect(maskTokens("/api/v1/customers/cus_0123456789abcdefghjkmnpq")).toBe(
      "/api/v1/customers/cus_0123456789abcdefghjkmnpq",
    );
  });
});
