// After seeding: does the real API present what was seeded? Two checks.
//
// 1. Every JSON document of the large shop parses with the app's own zod schemas (estimate version
//    snapshots and totals, consent records' totals, work order billing, extension offers, invoice
//    lines and totals) — every row, not a sample.
// 2. Through the HTTP API as the shop's staff and a fleet's portal login: a first and a deep page of
//    every list, and the detail of records of every kind and state (sampled from the database, so an
//    unanswered list does not hide the details), each expected to answer 200 within a timeout.
import { and, asc, eq, gt, isNotNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { snapshotSchema } from "../../app/support/estimates/estimate-snapshot";
import type { DbOrTx } from "../../db/client";
import {
  estimateDecisions,
  estimateVersions,
  invoices,
  orderExtensions,
  portalAccounts,
  workOrders,
} from "../../db/schema";
import { billingSchema } from "../../domain/billing";
import { offerSchema } from "../../domain/extension-offer";
import { totalsSchema } from "../../domain/totals-schema";
import { sessionCookie } from "../../http/auth";
import { loginDomain } from "./people";
import { volumePassword } from "./shop";
import { rowsOf } from "./sql";

// ---------------------------------------------------------------------------------------------------
// 1. JSON columns

/** Invoice lines as the API's Invoice schema reads them: billing lines without their kind. */
const invoiceLines = z.array(
  billingSchema.shape.lines.element
    .omit({ kind: true })
    .extend({ description: z.string().min(1).max(500), quantityMilli: z.number().int().min(1) }),
);

export interface JsonCheck {
  table: string;
  rows: number;
  invalid: number;
  /** The first problems found, with the row's id. */
  examples: string[];
}

async function eachPage<R extends { id: string }>(
  load: (after: string) => Promise<R[]>,
  visit: (row: R) => string | null,
): Promise<{ rows: number; invalid: number; examples: string[] }> {
  let after = "";
  let rows = 0;
  let invalid = 0;
  const examples: string[] = [];
  for (;;) {
    const page = await load(after);
    for (const row of page) {
      rows++;
      const problem = visit(row);
      if (problem) {
        invalid++;
        if (examples.length < 5) examples.push(`${row.id}: ${problem}`);
      }
    }
    if (page.length === 0) break;
    after = page.at(-1)!.id;
  }
  return { rows, invalid, examples };
}

const problemOf = (schema: z.ZodType, value: unknown): string | null => {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

export async function checkJsonColumns(
  db: DbOrTx,
  organisationId: string,
  pageSize = 5000,
): Promise<JsonCheck[]> {
  const checks: JsonCheck[] = [];
  const run = async <R extends { id: string }>(
    table: string,
    load: (after: string) => Promise<R[]>,
    visit: (row: R) => string | null,
  ) => checks.push({ table, ...(await eachPage(load, visit)) });

  await run(
    "estimate_versions",
    (after) =>
      db
        .select({ id: estimateVersions.id, lines: estimateVersions.lines, totals: estimateVersions.totals })
        .from(estimateVersions)
        .where(and(eq(estimateVersions.organisationId, organisationId), gt(estimateVersions.id, after)))
        .orderBy(asc(estimateVersions.id))
        .limit(pageSize),
    (r) => problemOf(snapshotSchema, r.lines) ?? problemOf(totalsSchema, r.totals),
  );
  await run(
    "estimate_decisions",
    (after) =>
      db
        .select({ id: estimateDecisions.id, totals: estimateDecisions.totalsSeen })
        .from(estimateDecisions)
        .where(and(eq(estimateDecisions.organisationId, organisationId), gt(estimateDecisions.id, after)))
        .orderBy(asc(estimateDecisions.id))
        .limit(pageSize),
    (r) => problemOf(totalsSchema, r.totals),
  );
  await run(
    "work_orders",
    (after) =>
      db
        .select({ id: workOrders.id, billing: workOrders.billing })
        .from(workOrders)
        .where(
          and(
            eq(workOrders.organisationId, organisationId),
            gt(workOrders.id, after),
            isNotNull(workOrders.billing),
          ),
        )
        .orderBy(asc(workOrders.id))
        .limit(pageSize),
    (r) => problemOf(billingSchema, r.billing),
  );
  await run(
    "order_extensions",
    (after) =>
      db
        .select({ id: orderExtensions.id, offer: orderExtensions.offer })
        .from(orderExtensions)
        .where(and(eq(orderExtensions.organisationId, organisationId), gt(orderExtensions.id, after)))
        .orderBy(asc(orderExtensions.id))
        .limit(pageSize),
    (r) => problemOf(offerSchema, r.offer),
  );
  await run(
    "invoices",
    (after) =>
      db
        .select({ id: invoices.id, lines: invoices.lines, totals: invoices.totals })
        .from(invoices)
        .where(and(eq(invoices.organisationId, organisationId), gt(invoices.id, after)))
        .orderBy(asc(invoices.id))
        .limit(pageSize),
    (r) => problemOf(invoiceLines, r.lines) ?? problemOf(totalsSchema, r.totals),
  );
  return checks;
}

// ---------------------------------------------------------------------------------------------------
// 2. Through the API

export interface HttpResponse {
  status: number;
  setCookie: string[];
  text: string;
}

/** How the check reaches the API: Fastify's inject, or fetch against a listening server. */
export type Http = (
  method: "GET" | "POST",
  path: string,
  init?: { cookie?: string; body?: unknown },
) => Promise<HttpResponse>;

export class RequestTimeout extends Error {}

export function fetchHttp(baseUrl: string, timeoutMs: number): Http {
  return async (method, path, init = {}) => {
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        status: response.status,
        setCookie: response.headers.getSetCookie(),
        text: await response.text(),
      };
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw new RequestTimeout(`no answer within ${timeoutMs} ms`);
      }
      throw error;
    }
  };
}

interface Injectable {
  inject(options: {
    method: "GET" | "POST";
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
}

export function injectHttp(app: Injectable): Http {
  return async (method, path, init = {}) => {
    const response = await app.inject({
      method,
      url: path,
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(init.body !== undefined ? { payload: JSON.stringify(init.body) } : {}),
    });
    const raw = response.headers["set-cookie"];
    const setCookie = Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [];
    return { status: response.statusCode, setCookie, text: response.body };
  };
}

export interface ApiCheck {
  path: string;
  as: string;
  status: number | "timeout" | "error";
  ms: number;
  /** Items on the page (lists), or the list's total. */
  items?: number;
  total?: number;
  error?: string;
}

export async function signInAs(http: Http, email: string, audience: "shop" | "portal"): Promise<string> {
  const response = await http("POST", "/api/v1/auth/login", {
    body: { email, password: volumePassword, audience },
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${email}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
  const cookie = response.setCookie
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${sessionCookie}=`));
  if (!cookie) throw new Error(`sign-in as ${email}: no session cookie`);
  return cookie;
}

/** One id per state of each kind of record, for the detail pages. */
async function samples(db: DbOrTx, organisationId: string, portalCustomerId: string) {
  const ids = async (query: SQL) => rowsOf<{ id: string }>(await db.execute(query)).map((r) => r.id);
  const org = organisationId;
  const mine = portalCustomerId;
  return {
    customers: await ids(
      sql`select min(id) as id from customers where organisation_id = ${org} group by type`,
    ),
    units: await ids(sql`select id from units where organisation_id = ${org} order by id limit 3`),
    mail: await ids(sql`select id from mail_messages where organisation_id = ${org} order by id limit 2`),
    bookings: await ids(
      sql`select min(id) as id from booking_requests where organisation_id = ${org} group by status`,
    ),
    estimates: await ids(
      sql`select min(id) as id from estimates where organisation_id = ${org} group by status`,
    ),
    workOrders: await ids(
      sql`select min(id) as id from work_orders where organisation_id = ${org} group by status, waiting_for_parts`,
    ),
    extensionOrders: await ids(
      sql`select min(work_order_id) as id from order_extensions where organisation_id = ${org} group by status`,
    ),
    invoices: await ids(sql`select min(id) as id from invoices where organisation_id = ${org}
      group by kind, status, delivered_at is null, booked_at is null, sent_at is null`),
    portal: {
      units: await ids(sql`select id from units where customer_id = ${mine} order by id limit 2`),
      bookings: await ids(
        sql`select min(id) as id from booking_requests where customer_id = ${mine} group by status`,
      ),
      estimates: await ids(
        sql`select min(id) as id from estimates where customer_id = ${mine} and current_version > 0 group by status`,
      ),
      workOrders: await ids(
        sql`select min(id) as id from work_orders where customer_id = ${mine} group by status`,
      ),
      extensions: await ids(
        sql`select id from order_extensions where customer_id = ${mine} order by id limit 3`,
      ),
    },
  };
}

/** A list's deep page: the 400th, as a dealership's staff reach it paging back through five years. */
const deep = (limit: number) => `limit=${limit}&offset=${399 * limit}`;

export async function checkApi(
  http: Http,
  db: DbOrTx,
  organisationId: string,
  options: { onResult?: (result: ApiCheck) => void } = {},
): Promise<ApiCheck[]> {
  const [portalAccount] = await db
    .select({ customerId: portalAccounts.customerId })
    .from(portalAccounts)
    .where(eq(portalAccounts.email, `fleet1@${loginDomain}`));
  if (!portalAccount) throw new Error(`fleet1@${loginDomain} is missing: was the large shop seeded?`);
  const ids = await samples(db, organisationId, portalAccount.customerId);
  const cookies = {
    advisor: await signInAs(http, `advisor@${loginDomain}`, "shop"),
    admin: await signInAs(http, `admin@${loginDomain}`, "shop"),
    fleet1: await signInAs(http, `fleet1@${loginDomain}`, "portal"),
  };
  const results: ApiCheck[] = [];
  const get = async (as: keyof typeof cookies, path: string) => {
    const t0 = performance.now();
    let result: ApiCheck;
    try {
      const response = await http("GET", path, { cookie: cookies[as] });
      result = { path, as, status: response.status, ms: Math.round(performance.now() - t0) };
      if (response.status !== 200) result.error = response.text.slice(0, 300);
      else if (response.text.startsWith("{")) {
        const body = JSON.parse(response.text) as { items?: unknown[]; total?: number };
        if (Array.isArray(body.items)) result.items = body.items.length;
        if (typeof body.total === "number") result.total = body.total;
      }
    } catch (error) {
      result = {
        path,
        as,
        status: error instanceof RequestTimeout ? "timeout" : "error",
        ms: Math.round(performance.now() - t0),
        error: error instanceof Error ? error.message : String(error),
      };
    }
    results.push(result);
    options.onResult?.(result);
  };
  const lists: [keyof typeof cookies, string, number][] = [
    ["advisor", "/api/v1/customers", 25],
    ["advisor", "/api/v1/units", 25],
    ["advisor", "/api/v1/booking-requests", 25],
    ["advisor", "/api/v1/estimates", 25],
    ["advisor", "/api/v1/work-orders", 25],
    ["advisor", "/api/v1/outbox", 25],
    ["advisor", "/api/v1/invoices", 25],
    ["fleet1", "/api/v1/portal/units", 50],
    ["fleet1", "/api/v1/portal/booking-requests", 100],
    ["fleet1", "/api/v1/portal/estimates", 100],
    ["fleet1", "/api/v1/portal/work-orders", 50],
  ];
  for (const [as, path, limit] of lists) {
    await get(as, `${path}?limit=${limit}`);
    await get(as, `${path}?${deep(limit)}`);
  }
  for (const filter of ["paid_ready", "delivered_unpaid", "open", "closed"]) {
    await get("advisor", `/api/v1/invoices?filter=${filter}&limit=25`);
  }
  await get("advisor", "/api/v1/invoices?q=M%C3%BCller&limit=25");
  await get("advisor", "/api/v1/customers?q=M%C3%BCller&limit=25");
  await get("advisor", "/api/v1/units?q=Golf&limit=25");
  await get("advisor", "/api/v1/service-board");
  await get("advisor", "/api/v1/notifications");
  await get("admin", "/api/v1/users");
  await get("admin", "/api/v1/settings/location");
  await get("fleet1", "/api/v1/portal/extensions");
  await get("fleet1", "/api/v1/portal/work-orders?status=awaiting_authorization&limit=1");

  for (const id of ids.customers) await get("advisor", `/api/v1/customers/${id}`);
  for (const id of ids.units) {
    await get("advisor", `/api/v1/units/${id}`);
    await get("advisor", `/api/v1/units/${id}/readings`);
    await get("advisor", `/api/v1/units/${id}/work-items`);
  }
  for (const id of ids.bookings) await get("advisor", `/api/v1/booking-requests/${id}`);
  for (const id of ids.estimates) await get("advisor", `/api/v1/estimates/${id}`);
  for (const id of [...ids.workOrders, ...ids.extensionOrders]) {
    await get("advisor", `/api/v1/work-orders/${id}`);
    await get("advisor", `/api/v1/work-orders/${id}/recommendations`);
  }
  for (const id of ids.invoices) await get("advisor", `/api/v1/invoices/${id}`);
  if (ids.invoices[0]) await get("advisor", `/api/v1/invoices/${ids.invoices.at(-1)}/pdf`);
  for (const id of ids.mail) await get("advisor", `/api/v1/outbox/${id}`);
  for (const id of ids.portal.units) {
    await get("fleet1", `/api/v1/portal/units/${id}`);
    await get("fleet1", `/api/v1/portal/units/${id}/readings`);
  }
  for (const id of ids.portal.bookings) await get("fleet1", `/api/v1/portal/booking-requests/${id}`);
  for (const id of ids.portal.estimates) await get("fleet1", `/api/v1/portal/estimates/${id}`);
  for (const id of ids.portal.workOrders) await get("fleet1", `/api/v1/portal/work-orders/${id}`);
  for (const id of ids.portal.extensions) await get("fleet1", `/api/v1/portal/extensions/${id}`);
  return results;
}
