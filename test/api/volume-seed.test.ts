// The large-shop seed (src/demo/volume) at its smallest size: the rows respect the schema (it would
// not commit otherwise), every JSON column parses with the app's schemas, the real API answers every
// list and detail with 200, numbers are gapless with their counters set, and the shop's current work
// fills every column of the Service Board.
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactListCounts } from "../../src/app/lists/compact-list-counts";
import { invoiceFilters } from "../../src/db/queries/invoices";
import { listCount } from "../../src/db/queries/list-counts";
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
    // Work Required is only approved work not on a work order: the board must not list years of
    // invoiced work as waiting (the projection the bulk load has to derive).
    const waiting = rowsOf<{ projected: number; derived: number }>(
      await t.database.db.execute(sql`
        select count(*) filter (where waiting)::int as projected,
               count(*) filter (where status = 'required'
                 and not exists (select 1 from jobs j where j.work_item_id = work_items.id))::int as derived
        from work_items`),
    )[0]!;
    expect(waiting.projected).toBe(waiting.derived);
    expect(board.items.filter((c) => c.column === "work_required").length).toBeLessThanOrEqual(
      waiting.derived,
    );
    for (const email of ["parts@large.test", "accounting@large.test", "fleet2@large.test"]) {
      await signInAs(http, email, email.startsWith("fleet") ? "portal" : "shop");
    }
  });

  it("keeps every list's total equal to a count of its rows, before and after folding the deltas", async () => {
    const db = t.database.db;
    const loc = report.locationId;
    const counted = async () => {
      const exact = async (from: SQL) =>
        rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${from}`))[0]!.n;
      const kept = async (key: Parameters<typeof listCount>[2]) =>
        // The kept totals, uncapped for the comparison: sum the deltas as listCount does.
        (await listCount(db, loc, key)).total;
      const fleet = rowsOf<{ id: string }>(
        await db.execute(
          sql`select customer_id as id from work_orders where location_id = ${loc} group by 1 order by count(*) desc limit 1`,
        ),
      )[0]!.id;
      const cases: [string, number, number][] = [
        [
          "customers",
          await kept({ list: "customers" }),
          await exact(sql`customers where location_id = ${loc}`),
        ],
        [
          "business customers",
          await kept({ list: "customers", buckets: ["business"] }),
          await exact(sql`customers where location_id = ${loc} and type = 'business'`),
        ],
        ["units", await kept({ list: "units" }), await exact(sql`units where location_id = ${loc}`)],
        [
          "a fleet's units",
          await kept({ list: "units", customerId: fleet }),
          await exact(sql`units where customer_id = ${fleet}`),
        ],
        [
          "open bookings",
          await kept({ list: "booking_requests", buckets: ["new", "awaiting_shop", "awaiting_customer"] }),
          await exact(
            sql`booking_requests where location_id = ${loc} and status in ('new', 'awaiting_shop', 'awaiting_customer')`,
          ),
        ],
        [
          "a fleet's approved estimates",
          await kept({ list: "estimates", customerId: fleet, buckets: ["approved"] }),
          await exact(sql`estimates where customer_id = ${fleet} and status = 'approved'`),
        ],
        [
          "invoiced work orders",
          await kept({ list: "work_orders", buckets: ["invoiced"] }),
          await exact(sql`work_orders where location_id = ${loc} and status = 'invoiced'`),
        ],
        [
          "outbox",
          await kept({ list: "mail_messages" }),
          await exact(sql`mail_messages where location_id = ${loc}`),
        ],
        ["invoices", await kept({ list: "invoices" }), await exact(sql`invoices where location_id = ${loc}`)],
      ];
      for (const filter of invoiceFilters) {
        const listed = await t.app.inject({
          url: `/api/v1/invoices?filter=${filter}&limit=1`,
          headers: { cookie },
        });
        const where = {
          paid_ready: sql`open_amount = 0 and delivered_at is null`,
          delivered_unpaid: sql`open_amount > 0 and delivered_at is not null`,
          open: sql`open_amount > 0`,
          closed: sql`open_amount = 0 and delivered_at is not null and booked_at is not null`,
        }[filter];
        cases.push([
          `invoices ${filter}`,
          listed.json().total,
          await exact(
            sql`invoices where location_id = ${loc} and kind = 'invoice' and status = 'issued' and ${where}`,
          ),
        ]);
      }
      const summary = (await t.app.inject({ url: "/api/v1/invoices?limit=1", headers: { cookie } })).json()
        .summary;
      cases.push([
        "open total",
        summary.openTotal,
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select coalesce(sum(open_amount), 0)::int as n from invoices where location_id = ${loc} and kind = 'invoice' and status = 'issued' and open_amount > 0`,
          ),
        )[0]!.n,
      ]);
      return cases;
    };
    const cookie = (await signInAs(injectHttp(t.app), "advisor@large.test", "shop")) as string;
    for (const [name, kept, exact] of await counted())
      expect(kept, name).toBe(name === "open total" ? exact : Math.min(exact, 10_000));
    expect(await compactListCounts(db)).toBeGreaterThanOrEqual(0);
    for (const [name, kept, exact] of await counted())
      expect(kept, name).toBe(name === "open total" ? exact : Math.min(exact, 10_000));
  });

  it("refuses to seed the same database twice", async () => {
    await expect(seedVolume(t.database.db, { invoices: 1000, seed: "test" })).rejects.toThrow(
      /already has the large shop/,
    );
  });
});
