// How the server delivers: compressed where it pays (brotli, else gzip), the built web app's
// precompressed copies as they are, cache lifetimes by what a file is, and nothing that would break
// a live stream or a binary download.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDir } from "../../scripts/precompress";
import { loadConfig } from "../../src/config";
import { buildServer } from "../../src/http/server";
import { bossQueue } from "../../src/jobs/queue";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { createShop, type Shop } from "../support/fixtures";

let t: TestApp;
let shop: Shop;
let web: FastifyInstance;
let webRoot: string;

// Big enough to be worth compressing, like the real build's files.
const script = `export const lines = [${Array.from({ length: 400 }, (_, i) => `"line ${i}"`).join(",")}];\n`;
const indexHtml = `<!doctype html><html><head><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body><div id="root"></div>${"<!-- app -->".repeat(200)}</body></html>`;
const payHtml = `<!doctype html><html><body><main id="pay"></main>${"<!-- pay -->".repeat(200)}</body></html>`;

beforeAll(async () => {
  t = await startTestApp();
  shop = await createShop(t.database.db);
  webRoot = await mkdtemp(path.join(os.tmpdir(), "pitlane-web-"));
  await mkdir(path.join(webRoot, "assets"));
  await writeFile(path.join(webRoot, "index.html"), indexHtml);
  await writeFile(path.join(webRoot, "pay.html"), payHtml);
  await writeFile(path.join(webRoot, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg"></svg>`);
  await writeFile(path.join(webRoot, "assets/app-Ab12Cd34.js"), script);
  await precompressDir(webRoot);
  web = await buildServer({
    db: t.database.db,
    queue: bossQueue(t.boss),
    config: loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://pitlane.test" }),
    hub: { subscribe: () => () => {}, stop: async () => {} },
    logger: false,
    webRoot,
  });
});
afterAll(async () => {
  await web?.close();
  await t.close();
  await rm(webRoot, { recursive: true, force: true });
});

const get = (app: FastifyInstance, url: string, acceptEncoding?: string, cookie?: string) =>
  app.inject({
    url,
    headers: {
      ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
      ...(cookie ? { cookie } : {}),
    },
  });

function decoded(res: LightMyRequestResponse): string {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(res.rawPayload).toString("utf8");
  if (encoding === "gzip") return gunzipSync(res.rawPayload).toString("utf8");
  return res.body;
}

describe("the web app's files", () => {
  it("sends the precompressed copy the browser accepts, brotli first", async () => {
    const br = await get(web, "/assets/app-Ab12Cd34.js", "gzip, deflate, br");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toContain("javascript");
    expect(br.headers.vary).toContain("accept-encoding");
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);
    expect(decoded(br)).toBe(script);

    const gzip = await get(web, "/assets/app-Ab12Cd34.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(script);

    const plain = await get(web, "/assets/app-Ab12Cd34.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("lets browsers keep hashed assets for a year and re-check pages and un-hashed files", async () => {
    const asset = await get(web, "/assets/app-Ab12Cd34.js", "br");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const icon = await get(web, "/favicon.svg", "br");
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["cache-control"]).toBe("public, max-age=3600");
    for (const url of ["/login", "/shop/invoices", "/portal/units", "/index.html"]) {
      const page = await get(web, url, "br");
      expect(page.statusCode, url).toBe(200);
      expect(page.headers["cache-control"], url).toBe("no-cache");
      expect(page.headers["content-encoding"], url).toBe("br");
      expect(decoded(page), url).toBe(indexHtml);
    }
    expect((await get(web, "/pay.html", "gzip")).headers["cache-control"]).toBe("no-cache");
  });

  it("keeps pages whose address carries a mailed token out of every cache", async () => {
    const pay = await get(web, "/pay/Mbcqqq-aTTpA1BkKhB7kcFaWD9CSYOsq8KJ4FCV2nzQ", "gzip, br");
    expect(pay.statusCode).toBe(200);
    expect(pay.headers["cache-control"]).toBe("no-store");
    expect(decoded(pay)).toBe(payHtml);
    for (const url of ["/e/abcdefghijklmnopqrst", "/b/abcdefghijklmnopqrst", "/x/abcdefghijklmnopqrst"]) {
      const page = await get(web, url, "br");
      expect(page.headers["cache-control"], url).toBe("no-store");
      expect(decoded(page), url).toBe(indexHtml);
    }
  });
});

describe("API responses", () => {
  it("compresses JSON above the threshold and leaves small answers alone", async () => {
    const doc = await get(t.app, "/api/v1/openapi.json", "gzip, br");
    expect(doc.headers["content-encoding"]).toBe("br");
    expect(doc.headers.vary).toContain("accept-encoding");
    expect(JSON.parse(decoded(doc)).openapi).toMatch(/^3\./);
    const health = await get(t.app, "/healthz", "gzip, br");
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.json()).toEqual({ status: "ok" });
  });

  it("sends PDFs as they are", async () => {
    const accounting = client(t.app, await signIn(t.app, shop.staff.accounting.email));
    const draft = await accounting("POST", "/api/v1/invoices", {
      customerId: shop.businessCustomerId,
      unitId: shop.businessUnitId,
      lines: [{ description: "Brake service", quantityMilli: 1000, unitPrice: 10_000, taxRateBp: 1900 }],
      serviceDate: "2026-11-20",
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const session = await signIn(t.app, shop.staff.accounting.email);
    const pdf = await get(t.app, `/api/v1/invoices/${draft.json().id}/pdf`, "gzip, br", session.cookie);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-encoding"]).toBeUndefined();
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("never compresses the live event stream, so events arrive as they happen", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const session = await signIn(t.app, shop.staff.service_advisor.email);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, {
      headers: { cookie: session.cookie, "accept-encoding": "br, gzip" },
      signal: controller.signal,
    });
    try {
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      expect(res.headers.get("content-encoding")).toBeNull();
      const first = await res.body!.getReader().read();
      expect(new TextDecoder().decode(first.value)).toContain("event: ready");
    } finally {
      controller.abort();
    }
  });
});
