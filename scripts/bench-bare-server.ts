// The comparison server for `npm run bench`: a bare Fastify (no plugins, no auth, no zod, no
// presenters) with one route per measured endpoint (scripts/bench-endpoints.ts) that runs the same
// queries as the API route: the same function from src/db/queries where the route calls one, else
// the same SQL as the route. The difference to the API is what our layers (session lookup, zod
// validation and serialisation, presenters) cost. The benchmark runs it as a child process, like the
// real server, so the load generator never shares its event loop.
//
// Settings come from the environment (set by scripts/bench.ts):
//   BENCH_BARE_PORT            port to listen on (127.0.0.1)
//   BENCH_BARE_DATA_DIR        embedded database folder, or
//   BENCH_BARE_DATABASE_URL    a PostgreSQL server
//   BENCH_BARE_ORGANISATION_ID / BENCH_BARE_LOCATION_ID  the scope the API's signed-in users have
//   BENCH_BARE_STAFF_ID        the staff user whose notifications the API was asked for
//   BENCH_BARE_CUSTOMER_ID     the portal login's customer
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import fastify from "fastify";
import { snapshotOf } from "../src/app/estimates/estimate-snapshot";
import { decisionOf, findExtension, pendingExtensionOrders } from "../src/app/extensions/extensions";
import { billingsOf } from "../src/app/work-orders/billing";
import { openDatabase } from "../src/db/client";
import { loadLocation, searchBookings } from "../src/db/queries/bookings";
import { likePattern, searchCustomers } from "../src/db/queries/customers";
import { grossOf, searchEstimates } from "../src/db/queries/estimates";
import { searchUnits } from "../src/db/queries/units";
import { loadJobs, openStatuses, searchWorkOrders } from "../src/db/queries/work-orders";
import {
  customers,
  estimates,
  invoicePayments,
  invoices,
  jobs,
  locations,
  mailMessages,
  notifications,
  orderExtensions,
  organisations,
  staffUsers,
  units,
  workItems,
} from "../src/db/schema";
import { toInstant, toLocal } from "../src/domain/wall-clock";
import type { WorkOrderStatus } from "../src/domain/work-order";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const port = Number(required("BENCH_BARE_PORT"));
const url = process.env.BENCH_BARE_DATABASE_URL || undefined;
const dataDir = url ? undefined : required("BENCH_BARE_DATA_DIR");

// Opening the embedded folder takes its lock, so the main server must have exited before this runs.
const database = await openDatabase({ url, dataDir });
const db = database.db;

// Look the scope up in the tables rather than trusting the ids blindly: a miss means this process opened
// a different database than the API server used, and the comparison would be meaningless.
const [scope] = await db
  .select({ organisationId: organisations.id, locationId: locations.id })
  .from(locations)
  .innerJoin(organisations, eq(organisations.id, locations.organisationId))
  .where(
    and(
      eq(organisations.id, required("BENCH_BARE_ORGANISATION_ID")),
      eq(locations.id, required("BENCH_BARE_LOCATION_ID")),
    ),
  );
if (!scope) {
  await database.close();
  throw new Error("the signed-in user's organisation/location is not in this database");
}
const staffId = process.env.BENCH_BARE_STAFF_ID ?? "";
const customerId = process.env.BENCH_BARE_CUSTOMER_ID ?? "";

interface Query {
  limit?: string;
  offset?: string;
  q?: string;
  filter?: string;
  status?: string;
}
const page = (query: Query) => ({ limit: Number(query.limit ?? 25), offset: Number(query.offset ?? 0) });
const statuses = (query: Query) =>
  query.status ? (query.status.split(",") as WorkOrderStatus[]) : undefined;

// The invoices dashboard runs its SQL inside src/http/routes/invoices.ts; these are the same
// fragments (a correlated subquery per invoice for received and credited). When the list moves to
// src/db/queries, this route calls that function instead.
const receivedAmount = sql`coalesce((select sum(case p.kind when 'payment' then p.amount else -p.amount end) from invoice_payments p where p.invoice_id = ${invoices.id} and p.currency = ${invoices.currency}), 0)`;
const creditedAmount = sql`coalesce((select sum((c.totals->>'gross')::int) from invoices c where c.credited_invoice_id = ${invoices.id} and c.status = 'issued'), 0)`;
const openAmount = sql`greatest(0, (${invoices.totals}->>'gross')::int - ${creditedAmount} - ${receivedAmount})`;
const issuedInvoice = and(eq(invoices.kind, "invoice"), eq(invoices.status, "issued"));
const caseFilter: Record<string, SQL | undefined> = {
  paid_ready: and(issuedInvoice, sql`${openAmount} = 0`, isNull(invoices.deliveredAt)),
  delivered_unpaid: and(issuedInvoice, sql`${openAmount} > 0`, isNotNull(invoices.deliveredAt)),
  open: and(issuedInvoice, sql`${openAmount} > 0`),
  closed: and(
    issuedInvoice,
    sql`${openAmount} = 0`,
    isNotNull(invoices.deliveredAt),
    isNotNull(invoices.bookedAt),
  ),
};

const handlers: Record<string, (query: Query) => Promise<unknown>> = {
  customers: (query) => searchCustomers(db, scope, { ...page(query), q: query.q }),
  units: (query) => searchUnits(db, scope, { ...page(query), q: query.q }),
  bookings: (query) => searchBookings(db, scope, page(query)),
  estimates: async (query) => {
    const result = await searchEstimates(db, scope, page(query));
    const gross = await grossOf(db, result.items, (rows) => snapshotOf(rows).totals.gross);
    return { ...result, gross: [...gross] };
  },
  "work-orders": async (query) => {
    const result = await searchWorkOrders(db, scope, { ...page(query), status: statuses(query) });
    return { ...result, billing: [...(await billingsOf(db, result.items))] };
  },
  // The Service Board route's queries (src/http/routes/work.ts).
  "service-board": async () => {
    const [pending, orders, technicians] = await Promise.all([
      db
        .select({ item: workItems, estimateNumber: estimates.number, make: units.make, model: units.model })
        .from(workItems)
        .innerJoin(estimates, eq(estimates.id, workItems.estimateId))
        .innerJoin(locations, eq(locations.id, workItems.locationId))
        .innerJoin(units, eq(units.id, workItems.unitId))
        .innerJoin(customers, eq(customers.id, units.customerId))
        .leftJoin(jobs, eq(jobs.workItemId, workItems.id))
        .where(
          and(
            eq(workItems.organisationId, scope.organisationId),
            eq(workItems.locationId, scope.locationId),
            eq(workItems.status, "required"),
            isNull(jobs.id),
          ),
        )
        .orderBy(asc(workItems.createdAt)),
      searchWorkOrders(db, scope, { status: openStatuses, limit: 500, offset: 0 }),
      db
        .select({ id: staffUsers.id, name: staffUsers.name })
        .from(staffUsers)
        .where(
          and(
            eq(staffUsers.organisationId, scope.organisationId),
            eq(staffUsers.locationId, scope.locationId),
            eq(staffUsers.role, "technician"),
            eq(staffUsers.active, true),
          ),
        )
        .orderBy(asc(staffUsers.name)),
    ]);
    const ids = orders.items.map((o) => o.id);
    const [jobsByOrder, extensionPending] = await Promise.all([
      loadJobs(db, ids, new Date()),
      pendingExtensionOrders(db, ids),
    ]);
    return {
      pending,
      orders: orders.items,
      technicians,
      jobs: [...jobsByOrder],
      extensionPending: [...extensionPending],
    };
  },
  // The invoices dashboard route's queries: the page, its count, the totals, and its payments and credits.
  invoices: async (query) => {
    const conditions: (SQL | undefined)[] = [
      eq(invoices.organisationId, scope.organisationId),
      eq(invoices.locationId, scope.locationId),
    ];
    if (query.filter) conditions.push(caseFilter[query.filter]);
    if (query.q?.trim()) {
      const p = likePattern(query.q.trim());
      conditions.push(
        or(
          ilike(invoices.number, p),
          ilike(customers.displayName, p),
          ilike(units.plate, p),
          ilike(invoices.poNumber, p),
        ),
      );
    }
    const where = and(...conditions);
    const { limit, offset } = page(query);
    const rows = await db
      .select({
        invoice: invoices,
        customerName: customers.displayName,
        make: units.make,
        model: units.model,
        plate: units.plate,
      })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .leftJoin(units, eq(units.id, invoices.unitId))
      .where(where)
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(limit)
      .offset(offset);
    const total = await db.$count(
      db
        .select({ id: invoices.id })
        .from(invoices)
        .innerJoin(customers, eq(customers.id, invoices.customerId))
        .leftJoin(units, eq(units.id, invoices.unitId))
        .where(where)
        .as("matching"),
    );
    const location = await loadLocation(db, scope.locationId);
    const today = toLocal(new Date(), location.timeZone).date;
    const startOfToday = toInstant({ date: today, time: "00:00" }, location.timeZone);
    const [sums] = await db
      .select({ openTotal: sql<number>`coalesce(sum(${openAmount}), 0)::bigint` })
      .from(invoices)
      .where(
        and(
          eq(invoices.organisationId, scope.organisationId),
          eq(invoices.locationId, scope.locationId),
          issuedInvoice,
        ),
      );
    const [paid] = await db
      .select({
        paidToday: sql<number>`coalesce(sum(case ${invoicePayments.kind} when 'payment' then ${invoicePayments.amount} else -${invoicePayments.amount} end), 0)::bigint`,
      })
      .from(invoicePayments)
      .where(
        and(
          eq(invoicePayments.organisationId, scope.organisationId),
          eq(invoicePayments.locationId, scope.locationId),
          gte(invoicePayments.createdAt, startOfToday),
        ),
      );
    const ids = rows.map((r) => r.invoice.id);
    const [payments, credits] = ids.length
      ? await Promise.all([
          db.select().from(invoicePayments).where(inArray(invoicePayments.invoiceId, ids)),
          db
            .select({ creditedInvoiceId: invoices.creditedInvoiceId, totals: invoices.totals })
            .from(invoices)
            .where(and(inArray(invoices.creditedInvoiceId, ids), eq(invoices.status, "issued"))),
        ])
      : [[], []];
    return { rows, total, sums, paid, payments, credits };
  },
  // The Outbox route's queries (src/http/routes/outbox.ts).
  outbox: async (query) => {
    const where = and(
      eq(mailMessages.organisationId, scope.organisationId),
      eq(mailMessages.locationId, scope.locationId),
    );
    const { limit, offset } = page(query);
    const rows = await db
      .select()
      .from(mailMessages)
      .where(where)
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .limit(limit)
      .offset(offset);
    return { rows, total: await db.$count(mailMessages, where) };
  },
  // The bell's queries (src/http/routes/inspections.ts).
  notifications: async () => {
    const mine = eq(notifications.recipientId, staffId);
    const [rows, [unread], [me]] = await Promise.all([
      db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(30),
      db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt))),
      db
        .select({ notifyByEmail: staffUsers.notifyByEmail })
        .from(staffUsers)
        .where(eq(staffUsers.id, staffId)),
    ]);
    return { rows, unread, me };
  },
  // Settings → users (src/http/routes/settings.ts).
  users: () =>
    db
      .select({
        id: staffUsers.id,
        name: staffUsers.name,
        email: staffUsers.email,
        role: staffUsers.role,
        active: staffUsers.active,
      })
      .from(staffUsers)
      .where(
        and(eq(staffUsers.organisationId, scope.organisationId), eq(staffUsers.locationId, scope.locationId)),
      )
      .orderBy(asc(staffUsers.name)),
  "portal-units": (query) => searchUnits(db, scope, { ...page(query), q: query.q, customerId }),
  "portal-bookings": (query) => searchBookings(db, scope, { ...page(query), customerId }),
  "portal-estimates": async (query) => {
    const result = await searchEstimates(db, scope, { ...page(query), customerId, submittedOnly: true });
    return { ...result, gross: [...(await grossOf(db, result.items, () => 0))] };
  },
  "portal-work-orders": async (query) => {
    const result = await searchWorkOrders(db, scope, { ...page(query), status: statuses(query), customerId });
    return { ...result, billing: [...(await billingsOf(db, result.items))] };
  },
  // The portal's extensions route (src/http/routes/extensions.ts): the ids, then each extension.
  "portal-extensions": async () => {
    const rows = await db
      .select({ id: orderExtensions.id })
      .from(orderExtensions)
      .where(
        and(
          eq(orderExtensions.organisationId, scope.organisationId),
          eq(orderExtensions.customerId, customerId),
        ),
      )
      .orderBy(desc(orderExtensions.createdAt))
      .limit(50);
    const items = [];
    for (const row of rows) {
      const extension = await findExtension(db, scope, row.id, customerId);
      items.push({ extension, decision: extension ? await decisionOf(db, extension.id) : null });
    }
    return { items };
  },
};

const app = fastify();
app.get<{ Params: { name: string }; Querystring: Query }>("/bare/:name", async (request, reply) => {
  const handler = handlers[request.params.name];
  if (!handler) return reply.code(404).send({ error: `no bare route ${request.params.name}` });
  return reply.send(await handler(request.query));
});
await app.listen({ port, host: "127.0.0.1" });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  // Releases the data folder's lock file.
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
