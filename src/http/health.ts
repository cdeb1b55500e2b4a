import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { FastifyPluginAsync } from "fastify";
import { type Db, migrationsFolder } from "../db/client";

// Liveness says the process answers; readiness says it can serve: the database answers and every
// migration shipped with this build has been applied.
export const healthRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const expected = readMigrationFiles({ migrationsFolder }).length;

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const rows = (Array.isArray(result) ? result : (result as { rows: { n: number | string }[] }).rows) as {
        n: number | string;
      }[];
      const applied = Number(rows[0]?.n ?? 0);
      if (applied < expected) {
        return reply.code(503).send({ status: "migrating", applied, expected });
      }
      return { status: "ready", migrations: applied };
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
  });
};
