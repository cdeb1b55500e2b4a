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
import { and, eq } from "drizzle-orm";
import fastify from "fastify";
import { snapshotOf } from "../src/app/support/estimates/estimate-snapshot";
import { openDatabase } from "../src/db/client";
import { type EntryStatus, listStatementEntries } from "../src/db/queries/bank-statements";
import { grossOfListed } from "../src/db/queries/billing";
import { loadLocation, searchBookings } from "../src/db/queries/bookings";
import { searchCustomers } from "../src/db/queries/customers";
import { listNotices, type NoticeStatus } from "../src/db/queries/dunning";
import { grossOf, searchEstimates } from "../src/db/queries/estimates";
import { listExtensions } from "../src/db/queries/extensions";
import { listInvoices } from "../src/db/queries/invoices";
import { latestNotifications } from "../src/db/queries/notifications";
import { listOpenItems } from "../src/db/queries/open-items";
import { listMail } from "../src/db/queries/outbox";
import { listPortalInvoices, type PortalInvoiceState } from "../src/db/queries/portal-invoices";
import { boardOrders, waitingWork } from "../src/db/queries/service-board";
import { searchUnits } from "../src/db/queries/units";
import { listStaffUsers, listTechnicians } from "../src/db/queries/users";
import { searchWorkOrders } from "../src/db/queries/work-orders";
import { locations, organisations } from "../src/db/schema";
import type { AgingBucket } from "../src/domain/aging";
import { toInstant, toLocal } from "../src/domain/wall-clock";
import type { WorkOrderStatus } from "../src/domain/work-order";
import { portalStates } from "../src/http/routes/estimates";

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
  state?: string;
  bucket?: string;
}
const page = (query: Query) => ({ limit: Number(query.limit ?? 25), offset: Number(query.offset ?? 0) });
const statuses = (query: Query) =>
  query.status ? (query.status.split(",") as WorkOrderStatus[]) : undefined;

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
    return { ...result, gross: result.items.map((o) => grossOfListed(o)) };
  },
  // The Service Board route's queries (src/http/routes/work.ts).
  "service-board": async () => {
    const [pending, board, technicians] = await Promise.all([
      waitingWork(db, scope),
      boardOrders(db, scope),
      listTechnicians(db, scope),
    ]);
    return { pending, orders: board.orders, state: [...board.state], technicians };
  },
  // The invoices dashboard route's queries: the page with its count, and the totals.
  invoices: async (query) => {
    const location = await loadLocation(db, scope.locationId);
    const today = toLocal(new Date(), location.timeZone).date;
    return listInvoices(
      db,
      scope,
      { ...page(query), q: query.q, filter: query.filter as Parameters<typeof listInvoices>[2]["filter"] },
      toInstant({ date: today, time: "00:00" }, location.timeZone),
    );
  },
  outbox: (query) => listMail(db, scope, page(query)),
  notifications: () => latestNotifications(db, staffId),
  users: () => listStaffUsers(db, scope),
  "open-items": async (query) => {
    const location = await loadLocation(db, scope.locationId);
    const today = toLocal(new Date(), location.timeZone).date;
    return listOpenItems(
      db,
      scope,
      { ...page(query), bucket: query.bucket as AgingBucket | undefined },
      today,
    );
  },
  "bank-queue": (query) =>
    listStatementEntries(db, scope, { ...page(query), status: (query.status ?? "unmatched") as EntryStatus }),
  reminders: (query) =>
    listNotices(db, scope, { ...page(query), status: (query.status ?? "review") as NoticeStatus }),
  "portal-units": (query) => searchUnits(db, scope, { ...page(query), q: query.q, customerId }),
  "portal-bookings": (query) => searchBookings(db, scope, { ...page(query), customerId }),
  "portal-estimates": async (query) => {
    const state = query.state as keyof typeof portalStates | undefined;
    const result = await searchEstimates(db, scope, {
      ...page(query),
      status: state ? portalStates[state] : undefined,
      customerId,
      submittedOnly: true,
      pendingFirst: true,
    });
    return { ...result, gross: [...(await grossOf(db, result.items, () => 0))] };
  },
  "portal-work-orders": async (query) => {
    const result = await searchWorkOrders(db, scope, { ...page(query), status: statuses(query), customerId });
    return { ...result, gross: result.items.map((o) => grossOfListed(o)) };
  },
  // The portal's extensions route (src/http/routes/extensions.ts).
  "portal-invoices": (query) =>
    listPortalInvoices(db, scope, customerId, {
      ...page(query),
      state: (query.state ?? "all") as PortalInvoiceState,
    }),
  "portal-extensions": () => listExtensions(db, scope, { customerId, limit: 50 }),
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
