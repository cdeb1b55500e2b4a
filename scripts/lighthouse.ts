// Lighthouse (mobile preset: a mid-range phone on slow 4G, simulated) against Debian's Chromium,
// performance only: the score and Largest Contentful Paint per page. Targets: the sign-in page 90,
// the payment page 98.
//
// Lighthouse 13 needs Node 22.19 or newer, so it is not a dependency: it runs through npx under Node 24
// from the npm registry (fetched into the npx cache on first use).
//
//   npx tsx scripts/lighthouse.ts http://localhost:3000            /login and a payment page of the demo data
//   npx tsx scripts/lighthouse.ts http://localhost:3000 /login --runs=3
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { maskTokens } from "../src/domain/link-tokens";

export const lighthouseTargets = { login: 90, payPage: 98 } as const;

export interface PageResult {
  /** The path measured, its token masked. */
  path: string;
  /** Performance score, 0–100. */
  score: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
}

interface Report {
  lighthouseVersion: string;
  runtimeError?: { code: string; message: string };
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number }>;
}

const chromeFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stderr);
      else
        reject(
          new Error(`lighthouse exited with ${code}: ${stderr.trim().split("\n").slice(-5).join("\n")}`),
        );
    });
  });
}

/** One Lighthouse run of one URL, in a fresh browser profile (nothing cached). */
async function measure(url: string): Promise<PageResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pitlane-lighthouse-"));
  try {
    const reportPath = path.join(dir, "report.json");
    await run(
      "npx",
      [
        "-y",
        "-p",
        "node@24",
        "-p",
        "lighthouse@13",
        "lighthouse",
        url,
        "--output=json",
        `--output-path=${reportPath}`,
        "--only-categories=performance",
        "--quiet",
        `--chrome-flags=${[...chromeFlags, `--user-data-dir=${path.join(dir, "profile")}`].join(" ")}`,
      ],
      { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
      240_000,
    );
    const report = JSON.parse(await readFile(reportPath, "utf8")) as Report;
    if (report.runtimeError) throw new Error(`${url}: ${report.runtimeError.message}`);
    const value = (audit: string) => Math.round(report.audits[audit]?.numericValue ?? Number.NaN);
    return {
      path: maskTokens(new URL(url).pathname),
      score: Math.round((report.categories.performance.score ?? 0) * 100),
      lcpMs: value("largest-contentful-paint"),
      fcpMs: value("first-contentful-paint"),
      tbtMs: value("total-blocking-time"),
      cls: report.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
      speedIndexMs: value("speed-index"),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Lighthouse for each path under `baseUrl`, one page at a time (parallel runs would slow each other
 * down). With `runs` > 1 each page is measured that often and the run with the median score is kept.
 */
export async function lighthouse(
  baseUrl: string,
  paths: readonly string[],
  { runs = 1 }: { runs?: number } = {},
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const p of paths) {
    const url = new URL(p, baseUrl).toString();
    const runsOfPage: PageResult[] = [];
    for (let i = 0; i < runs; i++) runsOfPage.push(await measure(url));
    runsOfPage.sort((a, b) => a.score - b.score || b.lcpMs - a.lcpMs);
    results.push(runsOfPage[Math.floor((runsOfPage.length - 1) / 2)]!);
  }
  return results;
}

/**
 * A payment page of the demo data: signs in as the demo advisor, sends an issued invoice (which mails a
 * fresh payment link) and reads the link from the Outbox.
 */
export async function demoPayPath(baseUrl: string): Promise<string> {
  let cookie = "";
  let csrf = "";
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(url, baseUrl), {
      method,
      headers: {
        cookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(csrf ? { "x-csrf-token": csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0]!;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const session = await call<{ csrfToken: string }>("POST", "/api/v1/auth/login", {
    email: "advisor@werkstatt.test",
    password: "pitlane-demo",
    audience: "shop",
  });
  csrf = session.csrfToken;
  const invoices = await call<{ items: { id: string; kind: string; status: string; open: number }[] }>(
    "GET",
    "/api/v1/invoices?filter=open&limit=50",
  );
  const invoice = invoices.items.find((i) => i.kind === "invoice" && i.status === "issued" && i.open > 0);
  if (!invoice) throw new Error("The demo data has no open issued invoice to send.");
  await call("POST", `/api/v1/invoices/${invoice.id}/send`, {});
  const outbox = await call<{ items: { id: string }[] }>("GET", "/api/v1/outbox?limit=5");
  for (const { id } of outbox.items) {
    const mail = JSON.stringify(await call<unknown>("GET", `/api/v1/outbox/${id}`));
    const link = mail.match(/\/pay\/[A-Za-z0-9_-]{16,}/);
    if (link) return link[0];
  }
  throw new Error("The invoice mail with its payment link is not in the Outbox.");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const baseUrl = args.find((a) => /^https?:\/\//.test(a)) ?? "http://localhost:3000";
  const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice("--runs=".length) ?? 1);
  const given = args.filter((a) => a.startsWith("/"));
  const paths = given.length > 0 ? given : ["/login", await demoPayPath(baseUrl)];
  console.log(
    JSON.stringify(
      { baseUrl, runs, targets: lighthouseTargets, pages: await lighthouse(baseUrl, paths, { runs }) },
      null,
      2,
    ),
  );
}
