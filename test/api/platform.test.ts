import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/app/support/audit";
import { DataFolderInUseError, openDatabase } from "../../src/db/client";
import { auditEvents, organisations } from "../../src/db/schema";
import { startTestApp, type TestApp } from "../support/app";
import { client, signIn } from "../support/client";
import { testDbKind } from "../support/database";
import { createShop } from "../support/fixtures";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("health", () => {
  it("reports live and ready with every migration applied", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready", migrations: expect.any(Number) });
  });
});

describe("OpenAPI", () => {
  it("documents every API route with its schemas", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      "/api/v1/customers",
      "/api/v1/customers/{id}",
      "/api/v1/units/{id}/readings",
      "/api/v1/portal/units",
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    expect(doc.components.schemas).toHaveProperty("Customer");
    expect(
      doc.paths["/api/v1/customers"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("companyName");
    const docs = await t.app.inject({ url: "/api/docs" });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it("answers unknown API paths with a problem, not the web app", async () => {
    const res = await t.app.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("audit log", () => {
  it("is append-only: the database refuses to change or delete an entry", async () => {
    const db = t.database.db;
    const shop = await createShop(db);
    await recordAudit(
      db,
      {
        kind: "system",
        id: null,
        name: "test",
        organisationId: shop.organisationId,
        locationId: shop.locationId,
      },
      {
        entityType: "customer",
        entityId: shop.privateCustomerId,
        action: "create",
      },
    );
    await expect(db.update(auditEvents).set({ note: "rewritten" })).rejects.toThrow();
    await expect(db.delete(auditEvents)).rejects.toThrow();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.organisationId} = ${shop.organisationId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.note).toBeNull();
  });
});

describe.runIf(testDbKind === "embedded")("embedded data folder", () => {
  it("refuses a second process on the same folder with a clear message, and frees it on close", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pitlane-lock-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      const second = openDatabase({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
      await expect(second).rejects.toThrow(/Another Pitlane process is using the data folder/);
      await first.close();
      const again = await openDatabase({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes a second `npm start` on the same folder exit with that message", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pitlane-lock-"));
    const held = await openDatabase({ dataDir: dir });
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ["--import", "tsx", "src/main.ts"],
          { env: { ...process.env, PITLANE_DATA_DIR: dir, PORT: "0", DATABASE_URL: "" }, timeout: 60_000 },
          (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Another Pitlane process is using the data folder");
    } finally {
      await held.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the data through a restart, and takes over a server whose Pitlane was killed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pitlane-restart-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      const shop = await createShop(first.db);
      await first.close();
      // A Pitlane killed with SIGKILL cannot stop its database server; the next start must not
      // mistake that orphan for another running Pitlane.
      const killed = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import("./src/db/client.ts").then(async (m) => { await m.openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log("open"); })`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((resolve, reject) => {
        killed.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve());
        killed.on("exit", () => reject(new Error("the child exited before opening the database")));
      });
      killed.kill("SIGKILL");
      await new Promise((resolve) => killed.once("exit", resolve));
      const again = await openDatabase({ dataDir: dir });
      const rows = await again.db
        .select()
        .from(organisations)
        .where(eq(organisations.id, shop.organisationId));
      expect(rows).toHaveLength(1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a statement that runs too long", () => {
  it("is cancelled by the database and answered with a 503 problem, not a hung request", async () => {
    const slow = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: "300" });
    const locker = new pg.Client({ connectionString: slow.database.url });
    try {
      const shop = await createShop(slow.database.db);
      const advisor = client(slow.app, await signIn(slow.app, shop.staff.service_advisor.email));
      await locker.connect();
      // Someone holds the customers table (a long migration, a stuck report): the list must give up.
      await locker.query("begin; lock table customers in access exclusive mode");
      const started = Date.now();
      const res = await advisor("GET", "/api/v1/customers");
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.json()).toMatchObject({ type: "/problems/database-unavailable", status: 503 });
      expect(Date.now() - started).toBeLessThan(5_000);
      await locker.query("rollback");
      expect((await advisor("GET", "/api/v1/customers")).statusCode).toBe(200);
    } finally {
      await locker.end().catch(() => {});
      await slow.close();
    }
  });
});
