// The large-shop seed (src/demo/volume) at its smallest size: the rows respect the schema (it would
// not commit otherwise), every JSON column parses with the app's schemas, the real API answers every
// list and detail with 200, numbers are gapless with their counters set, and the shop's current work
// fills every column of the Service Board.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApi, checkJsonColumns, injectHttp, signInAs } from "../../src/demo/volume/check";
import { seedVolume, type VolumeSeedReport } from "../../src/demo/volume/seed-volume";
import { rowsOf } from "../../src/demo/volume/sql";
import { startTestApp, type TestApp } from "../support/app";

let t: TestApp;
let report: VolumeSeedReport;
beforeAll(async () => {
  t = await startTestApp();
  report = await seedVolume(t.database.db, {
    invoices: 1000,
    seed: "test",
    now: new Date("2026-03-18T11:00:00Z"),
  });
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe("the large-shop seed", () => {
  it("writes the counts it was asked for", () => {
    expect(report.rows.invoices).toBe(1000);
    expect(report.rows.estimates).toBe(500);
    expect(report.rows.customers).toBe(200);
    expect(report.rows.units).toBe(300);
    expect(report.rows.invoice_payments).toBeGreaterThan(700);
  });

  it("writes JSON every schema of the app reads", async () => {
    const checks = await checkJsonColumns(t.database.db, report.organisationId);
    expect(checks.map((c) => [c.table, c.invalid, c.examples])).toEqual(checks.map((c) => [c.table, 0, []]));
  });

  it("is presented by the API: every list and a detail of every kind answer 200", async () => {
    const results = await checkApi(injectHttp(t.app), t.database.db, report.organisationId);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.length).toBeGreaterThan(60);
  });

  it("numbers documents gaplessly per year and sets the counters to the last one", async () => {
    const gaps = rowsOf<{ kind: string; year: number; n: number; last: number; counter: number }>(
      await t.database.db.execute(sql`
        with numbers as (
          select number from estimates union all select number from work_orders
          union all select number from invoices where number is not null
        ), parsed as (
          select split_part(number, '-', 1) as kind, split_part(number, '-', 2)::int as year,
            split_part(number, '-', 3)::int as seq from numbers
        )
        select p.kind, p.year, count(*)::int as n, max(p.seq) as last, s.last as counter
        from parsed p left join document_sequences s on s.kind = p.kind and s.year = p.year
        group by p.kind, p.year, s.last`),
    );
    expect(gaps.length).toBeGreaterThan(10);
    for (const g of gaps) expect(g, `${g.kind}-${g.year}`).toMatchObject({ n: g.last, counter: g.last });
  });

  it("fills every column of the Service Board and signs in every role", async () => {
    const http = injectHttp(t.app);
    const cookie = await signInAs(http, "tech@large.test", "shop");
    const board = JSON.parse((await http("GET", "/api/v1/service-board", { cookie })).text) as {
      items: { column: string }[];
    };
    expect(new Set(board.items.map((c) => c.column))).toEqual(
      new Set([
        "work_required",
        "in_progress",
        "waiting_customer",
        "waiting_parts",
        "unit_ready",
        "ready_to_submit",
      ]),
    );
    for (const email of ["parts@large.test", "accounting@large.test", "fleet2@large.test"]) {
      await signInAs(http, email, email.startsWith("fleet") ? "portal" : "shop");
    }
  });

  it("refuses to seed the same database twice", async () => {
    await expect(seedVolume(t.database.db, { invoices: 1000, seed: "test" })).rejects.toThrow(
      /already has the large shop/,
    );
  });
});
