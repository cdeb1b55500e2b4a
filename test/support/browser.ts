// Debian's Chromium driven by playwright-core (a browser download cannot work here), with the flags
// this machine needs, a fresh profile per launch, screenshots in a folder the run prints, and an
// axe-core check of every screen a test visits.
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { startTestApp, type TestApp } from "./app";
import { createShop, password, type Shop } from "./fixtures";

export const screenshotDir = path.resolve("test-results/screenshots");

export async function launchChromium(): Promise<Browser & { cleanup(): Promise<void> }> {
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`browser screenshots: ${screenshotDir}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // Playwright gives each launch a fresh, empty --user-data-dir of its own and removes it on close.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return Object.assign(browser, { cleanup: () => browser.close() });
}

export const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
export const desktop = { viewport: { width: 1280, height: 800 } };

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** No serious or critical accessibility violations on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(bad, `accessibility of ${screen}`).toEqual([]);
}

export interface BrowserRig {
  t: TestApp;
  shop: Shop;
  base: string;
  browser: Browser & { cleanup(): Promise<void> };
  signInAs(page: Page, path: "/login" | "/portal/login", email: string): Promise<void>;
  close(): Promise<void>;
}

/** A real Pitlane on a random loopback port with a fresh shop, and a Chromium to drive it. */
export async function startBrowserRig(
  shopName: string,
  env: Record<string, string> = {},
): Promise<BrowserRig> {
  const t = await startTestApp(env);
  const shop = await createShop(t.database.db, shopName);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    t,
    shop,
    base,
    browser,
    async signInAs(page, path, email) {
      await page.goto(`${base}${path}`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.endsWith("/login"));
    },
    async close() {
      await browser.cleanup();
      await t.close();
    },
  };
}
