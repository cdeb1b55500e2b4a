// The payment page loads on a phone in the street: its own HTML, JS and CSS stay within 50 KB
// compressed. `npm test` builds before it tests, so this checks the page that would ship.
import { describe, expect, it } from "vitest";
import { payPageBudgetBytes, payPageSize } from "../../scripts/pay-page-size";

describe("payment page weight", () => {
  it("stays within its budget and carries no app framework", () => {
    const size = payPageSize();
    expect(size.gzipBytes).toBeLessThanOrEqual(payPageBudgetBytes);
    expect(size.files.map((f) => f.file)).toContain("pay.html");
    // The app's shared chunks (React, Mantine) would blow the budget: none of them may be pulled in.
    expect(size.files.some((f) => /^assets\/(ui|app|ShopApp)-/.test(f.file))).toBe(false);
  });
});
