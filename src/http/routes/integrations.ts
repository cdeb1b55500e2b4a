// Settings → Integrations: the admin's API keys for the location's DMS. These routes are for a staff
// session (an admin's), never for a key: a key that could mint keys would outlive its own revocation.
import { type FastifyPluginAsyncZod, hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { createApiKey } from "../../app/integrations/create-api-key";
import { revokeApiKey } from "../../app/integrations/revoke-api-key";
import type { Db } from "../../db/client";
import { type ApiKeyListRow, findApiKey, listApiKeys } from "../../db/queries/api-keys";
import { apiKeyStatuses, apiScopes } from "../../domain/api-scopes";
import { DomainError, notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { idParams } from "../presenters";
import { fieldOf } from "../problem";
import { apiKeyExamples } from "./integration-examples";

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    visiblePrefix: z
      .string()
      .describe("The key's first characters (pl_live_ and six more), to tell keys apart"),
    scopes: z.array(z.enum(apiScopes)),
    createdAt: z.iso.datetime(),
    createdByName: z.string(),
    lastUsedAt: z.iso.datetime().nullable().describe("Recorded at most once a minute"),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    status: z.enum(apiKeyStatuses),
  })
  .meta({ id: "ApiKey" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const present = (k: ApiKeyListRow): z.infer<typeof apiKeySchema> => ({
  id: k.id,
  name: k.name,
  visiblePrefix: k.visiblePrefix,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  createdByName: k.createdByName,
  lastUsedAt: iso(k.lastUsedAt),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
  status: k.status,
});

const createBody = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. the DMS and the branch.").max(120),
  scopes: z
    .array(z.enum(apiScopes, `Choose among ${apiScopes.join(", ")}.`))
    .min(1, "Choose at least one scope.")
    .max(apiScopes.length * 2),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Give the expiry as a date and time, e.g. 2027-01-31T23:59:59Z." })
    .nullish()
    .describe("No expiry when absent"),
});

export const integrationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/settings/api-keys",
    {
      config: { access: "staff", permission: "integrations:manage", examples: apiKeyExamples.list },
      schema: {
        tags: ["integrations"],
        summary: "The location's API keys (never the keys themselves: they are shown once, when created)",
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
    },
    async (request) => ({ items: (await listApiKeys(db, staffOf(request))).map(present) }),
  );

  app.post(
    "/settings/api-keys",
    {
      config: { access: "staff", permission: "integrations:manage", examples: apiKeyExamples.create },
      // What the admin typed is checked like the rest of the key (an expiry in the past), so every
      // refusal here is a 422 naming the field, as the create dialog shows it beside the field.
      attachValidation: true,
      schema: {
        tags: ["integrations"],
        summary:
          "Create an API key for the location's DMS; the answer carries the key, the only time it is shown",
        body: createBody,
        response: {
          201: apiKeySchema.extend({
            key: z.string().describe("The key itself: store it in the DMS now, Pitlane keeps only its hash"),
          }),
        },
      },
    },
    async (request, reply) => {
      const invalid = request.validationError;
      if (invalid) {
        const issues: { instancePath: string; params?: unknown; message?: string }[] =
          hasZodFastifySchemaValidationErrors(invalid) ? invalid.validation : [];
        const fields = issues.map((v) => ({
          field: fieldOf(
            v.instancePath,
            (v.params as { missingProperty?: unknown } | undefined)?.missingProperty,
          ),
          message: v.message ?? "Invalid value.",
        }));
        throw new DomainError("validation", "Some fields are not valid.", fields);
      }
      const actor = staffOf(request);
      const { expiresAt, ...rest } = request.body;
      const { apiKey, key } = await createApiKey(db, actor, {
        ...rest,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
      });
      const row = await findApiKey(db, actor, apiKey.id);
      if (!row) throw notFound("The API key");
      return reply.code(201).send({ ...present(row), key });
    },
  );

  app.post(
    "/settings/api-keys/:id/revoke",
    {
      config: { access: "staff", permission: "integrations:manage", examples: apiKeyExamples.revoke },
      schema: {
        tags: ["integrations"],
        summary: "Revoke an API key: from the next request on it is refused (401); revoking twice is a 409",
        params: idParams,
        response: { 200: apiKeySchema },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      await revokeApiKey(db, actor, request.params.id);
      const row = await findApiKey(db, actor, request.params.id);
      if (!row) throw notFound("The API key");
      return present(row);
    },
  );
};
