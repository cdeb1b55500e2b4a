// The comparison server for `npm run bench`: a bare Fastify (no plugins, no auth, no zod, no
// presenters) with one route that runs the same query as GET /api/v1/customers. The benchmark runs it
// as a child process, like the real server, so the load generator never shares its event loop.
//
// Settings come from the environment (set by scripts/bench.ts):
//   BENCH_BARE_PORT            port to listen on (127.0.0.1)
//   BENCH_BARE_DATA_DIR        embedded database folder, or
//   BENCH_BARE_DATABASE_URL    a PostgreSQL server
//   BENCH_BARE_ORGANISATION_ID / BENCH_BARE_LOCATION_ID  the scope the API's signed-in user has
import { and, eq } from "drizzle-orm";
import fastify from "fastify";
import { openDatabase } from "../src/db/client";
import { searchCustomers } from "../src/db/queries/customers";
import { locations, organisations } from "../src/db/schema";

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

// Look the scope up in the tables rather than trusting the ids blindly: a miss means this process opened
// a different database than the API server used, and the comparison would be meaningless.
const [scope] = await database.db
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

const app = fastify();
app.get("/bare/customers", async (_request, reply) => {
  const result = await searchCustomers(database.db, scope, { limit: 25, offset: 0 });
  return reply.send(result);
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
