import { describe, expect, it } from "vitest";
import { customerLinkState, mailedTokensIn, maskMailText, maskTokens, resendRefusal } from "./link-tokens";

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

describe("tokens in mails staff read", () => {
  const token = "Zy9-_q".repeat(7).slice(0, 43);
  it("keeps the link a link, with the token replaced", () => {
    const text = `Hello,\n\nplease decide here:\nhttps://shop.test/e/${token}\n\nor pay: https://shop.test/pay/${token}.`;
    const masked = maskMailText(text);
    expect(masked).toContain("https://shop.test/e/••••••\n");
    expect(masked).toContain("https://shop.test/pay/••••••.");
    expect(masked).not.toContain(token);
    expect(maskMailText(`<a href="https://shop.test/x/${token}">https://shop.test/x/${token}</a>`)).toBe(
      '<a href="https://shop.test/x/••••••">https://shop.test/x/••••••</a>',
    );
  });

  it("finds the tokens a mail carries, and nothing in a portal address", () => {
    expect(mailedTokensIn(`https://shop.test/b/${token} and https://shop.test/pay/${token}x`)).toEqual([
      token,
      `${token}x`,
    ]);
    expect(mailedTokensIn("https://shop.test/portal/estimates/est_0123456789abcdefghjk")).toEqual([]);
  });

  it("names a link's state and whether its mail may go out again", () => {
    const future = new Date(Date.now() + 60_000);
    const past = new Date(Date.now() - 60_000);
    const link = { usedAt: null, revokedAt: null, expiresAt: future };
    expect(customerLinkState(link)).toBe("active");
    expect(customerLinkState({ ...link, expiresAt: past })).toBe("expired");
    expect(customerLinkState({ ...link, usedAt: past })).toBe("used");
    expect(customerLinkState({ ...link, usedAt: past, revokedAt: past })).toBe("cancelled");
    expect(resendRefusal("expired")).toBeNull();
    expect(resendRefusal("active")).toBeNull();
    expect(resendRefusal("used")).toMatch(/already answered/);
    expect(resendRefusal("cancelled")).toMatch(/cancelled/);
  });
});
