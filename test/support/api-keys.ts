// A location's API key made the way an admin makes one (the create command), and a client that calls
// the API with it as a DMS would: `Authorization: Bearer pl_live_…`, no cookie, no CSRF header.
import type { FastifyInstance, InjectOptions } from "fastify";
import { createApiKey } from "../../src/app/integrations/create-api-key";
import type { Db } from "../../src/db/client";
import type { ApiScope } from "../../src/domain/api-scopes";
import { apiScopes } from "../../src/domain/api-scopes";
import type { Client } from "./client";
import type { Shop } from "./fixtures";

export async function createKey(
  db: Db,
  shop: Shop,
  { name = "WERBAS Filiale Mitte", scopes = [...apiScopes] }: { name?: string; scopes?: ApiScope[] } = {},
) {
  const admin = {
    kind: "staff" as const,
    id: shop.staff.admin.id,
    name: "Admin",
    organisationId: shop.organisationId,
    locationId: shop.locationId,
    role: "admin" as const,
  };
  return createApiKey(db, admin, { name, scopes });
}

export function keyClient(app: FastifyInstance, key: string, headers: Record<string, string> = {}): Client {
  return (method, url, payload) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
    });
}
