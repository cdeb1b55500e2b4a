// The shop's sign-in page is the first thing staff load on a workshop PC or a phone: what /login
// downloads before it is usable stays within 250 KB compressed. `npm test` builds before it tests, so
// this checks the page that would ship.
import { describe, expect, it } from "vitest";
import { firstLoadBudgetBytes, firstLoadSize } from "../../scripts/first-load-size";

describe("sign-in page weight", () => {
  it("stays within its budget and loads neither the shop, the portal nor German", () => {
    const size = firstLoadSize();
    expect(size.gzipBytes).toBeLessThanOrEqual(firstLoadBudgetBytes);
    const files = size.files.map((f) => f.file);
    expect(files).toContain("index.html");
    expect(files.some((f) => f.endsWith(".css"))).toBe(true);
    // Areas and the second language are lazy chunks; none of them may be pulled into the first load.
    expect(files.filter((f) => /^assets\/(ShopApp|PortalApp|de|areaSetup)-/.test(f))).toEqual([]);
  });
});
