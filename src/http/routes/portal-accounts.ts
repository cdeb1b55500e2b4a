import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createPortalAccount } from "../../app/portal-accounts/create-portal-account";
import { email, requiredText } from "../../app/support/fields";
import type { JobQueue } from "../../app/support/jobs";
import type { Config } from "../../config";
import type { Db } from "../../db/client";
import { findCustomer } from "../../db/queries/customers";
import { listPortalAccounts } from "../../db/queries/users";
import type { portalAccounts } from "../../db/schema";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { idParams } from "../presenters";

const portalAccountSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    email: z.string(),
    name: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: "PortalAccount" });

const present = (a: typeof portalAccounts.$inferSelect): z.infer<typeof portalAccountSchema> => ({
  id: a.id,
  customerId: a.customerId,
  email: a.email,
  name: a.name,
  active: a.active,
  createdAt: a.createdAt.toISOString(),
  lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
});

export const portalAccountRoutes: FastifyPluginAsyncZod<{ db: Db; queue: JobQueue; config: Config }> = async (
  app,
  { db, queue, config },
) => {
  app.get(
    "/customers/:id/portal-accounts",
    {
      config: { access: "staff", permission: "customers:read" },
      schema: {
        tags: ["customers"],
        summary: "The customer's portal logins",
        params: idParams,
        response: { 200: z.object({ items: z.array(portalAccountSchema) }) },
      },
    },
    async (request) => {
      const actor = staffOf(request);
      if (!(await findCustomer(db, actor, request.params.id))) throw notFound("Customer");
      const rows = await listPortalAccounts(db, actor, request.params.id);
      return { items: rows.map(present) };
    },
  );

  app.post(
    "/customers/:id/portal-accounts",
    {
      config: { access: "staff", permission: "portal-accounts:manage" },
      schema: {
        tags: ["customers"],
        summary: "Create a portal login for one of the customer's people; they get a welcome email",
        params: idParams,
        body: z.object({
          name: requiredText(100, "Enter the person's name."),
          email,
          password: z.string().min(12, "Use at least 12 characters.").max(200),
        }),
        response: { 201: portalAccountSchema },
      },
    },
    async (request, reply) => {
      const account = await createPortalAccount(
        db,
        queue,
        staffOf(request),
        request.params.id,
        request.body,
        `${config.publicUrl}/portal/login`,
      );
      return reply.code(201).send(present(account));
    },
  );
};
