// A list opened fresh (a reload, a bookmark) shows its first rows without a waterfall (issue #11: the
// Estimates list took 5 s under load). The session, the shop's code and the page's own code are asked
// for together, then the list's own request; no other API request stands in its way.
// Not a timed test: it asserts which requests the first paint waited on, and in which order.
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserRig, screenshot, startBrowserRig } from "../support/browser";
import { signIn as apiSignIn, client } from "../support/client";
import { submitEstimate } from "../support/estimates";
import { upcoming } from "../support/fixtures";

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig("First paint shop");
  const advisor = client(rig.t.app, await apiSignIn(rig.t.app, rig.shop.staff.service_advisor.email));
  await submitEstimate(advisor, rig.shop.privateUnitId);
  await advisor("POST", "/api/v1/booking-requests", {
    unitId: rig.shop.privateUnitId,
    date: upcoming(3),
    time: "09:00",
  });
  await advisor("POST", "/api/v1/invoices", {
    customerId: rig.shop.privateCustomerId,
    lines: [{ description: "Wheel alignment", quantityMilli: 1000, unitPrice: 8900, taxRateBp: 1900 }],
    serviceDate: "2026-11-20",
  });
});
afterAll(() => rig?.close());

const lists = [
  { path: "estimates", page: "EstimatesPage", api: "/api/v1/estimates?", ready: "main table tbody tr" },
  { path: "bookings", page: "BookingsPage", api: "/api/v1/booking-requests?", ready: "main table tbody tr" },
  { path: "invoices", page: "InvoicesPage", api: "/api/v1/invoices?", ready: "main table tbody tr" },
  {
    path: "work-orders",
    page: "WorkOrdersPage",
    api: "/api/v1/work-orders?",
    ready: "text=No work orders yet",
  },
] as const;

describe("first paint of the lists", () => {
  for (const list of lists) {
    it(`${list.path}: session, shop code and page code at once, nothing else waited on`, async () => {
      const context = await rig.browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: "en-GB",
      });
      const signInPage = await context.newPage();
      await rig.signInAs(signInPage, "/login", rig.shop.staff.admin.email);
      await signInPage.close();

      const page = await context.newPage();
      const requests: { url: string; request: Request; at: number }[] = [];
      const t0 = Date.now();
      page.on("request", (request) =>
        requests.push({
          url: new URL(request.url()).pathname + new URL(request.url()).search,
          request,
          at: Date.now() - t0,
        }),
      );
      await page.goto(`${rig.base}/shop/${list.path}`);
      await page.locator(list.ready).first().waitFor();
      const seen = [...requests];
      await screenshot(page, `list-first-paint-${list.path}`);

      const started = (test: (url: string) => boolean) => seen.find((r) => test(r.url));
      const session = started((u) => u.startsWith("/api/v1/auth/session"));
      const pageChunk = started((u) => u.startsWith(`/assets/${list.page}-`) && u.endsWith(".js"));
      expect(session, "session request").toBeDefined();
      expect(pageChunk, "page chunk").toBeDefined();
      // The session is asked for with the app's first script, not after the shop's code arrived.
      const shopChunk = started((u) => u.startsWith("/assets/ShopApp-") && u.endsWith(".js"));
      expect(shopChunk, "shop chunk").toBeDefined();
      expect(session!.at).toBeLessThanOrEqual(shopChunk!.at);

      // The page's code is asked for as soon as the shop's code runs, before the header's requests
      // (which wait for the session): it no longer waits for the session to answer.
      const header = started((u) => u.startsWith("/api/v1/notifications"));
      expect(header, "header's notifications").toBeDefined();
      expect(pageChunk!.at).toBeLessThanOrEqual(header!.at);
      // The list's data: its own request, at most once more when the live stream connects.
      expect(seen.filter((r) => r.url.startsWith(list.api)).length).toBeGreaterThanOrEqual(1);
      expect(seen.filter((r) => r.url.startsWith(list.api)).length).toBeLessThanOrEqual(2);
      const apiCalls = seen
        .filter((r) => r.url.startsWith("/api/"))
        .map((r) => r.url.replace(/\?.*$/, ""))
        .filter((u) => u !== "/api/v1/events");
      expect(new Set(apiCalls)).toEqual(
        // The header's bell and clock (the admin clocks time), and the list.
        new Set([
          "/api/v1/auth/session",
          "/api/v1/notifications",
          "/api/v1/clock",
          list.api.replace("?", ""),
        ]),
      );
      await context.close();
    });
  }
});
