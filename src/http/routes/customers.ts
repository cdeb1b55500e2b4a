import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createCustomer } from "../../app/customers/create-customer";
import { customerFields, customerPatch } from "../../app/customers/customer-input";
import { updateCustomer } from "../../app/customers/update-customer";
import { version } from "../../app/support/fields";
import type { Db } from "../../db/client";
import { findCustomer, searchCustomers } from "../../db/queries/customers";
import { notFound } from "../../domain/errors";
import { staffOf } from "../auth";
import { customerSchema, idParams, listOf, pageQuery, presentCustomer } from "../presenters";

export const customerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/customers",
    {
      config: { access: "staff", permission: "customers:read" },
      schema: {
        tags: ["customers"],
        summary:
          "The location's customers by name; q searches name, company, email, phone and city (1–2 characters: the start of the name)",
        querystring: z.object({
          q: z.string().max(100).optional(),
          type: z.enum(["private", "business"]).optional(),
          ...pageQuery,
        }),
        response: { 200: listOf(customerSchema) },
      },
    },
    async (request) => {
      const result = await searchCustomers(db, staffOf(request), request.query);
      return {
        items: result.items.map(presentCustomer),
        total: result.total,
        totalCapped: result.totalCapped,
      };
    },
  );

  app.post(
    "/customers",
    {
      config: { access: "staff", permission: "customers:write" },
      schema: {
        tags: ["customers"],
        summary: "Create a customer",
        body: customerFields,
        response: { 201: customerSchema },
      },
    },
    async (request, reply) => {
      const customer = await createCustomer(db, staffOf(request), request.body);
      return reply.code(201).send(presentCustomer(customer));
    },
  );

  app.get(
    "/customers/:id",
    {
      config: { access: "staff", permission: "customers:read" },
      schema: {
        tags: ["customers"],
        summary: "One customer",
        params: idParams,
        response: { 200: customerSchema },
      },
    },
    async (request) => {
      const customer = await findCustomer(db, staffOf(request), request.params.id);
      if (!customer) throw notFound("Customer");
      return presentCustomer(customer);
    },
  );

  app.patch(
    "/customers/:id",
    {
      config: { access: "staff", permission: "customers:write" },
      schema: {
        tags: ["customers"],
        summary: "Change a customer (send the version you loaded; 409 if someone saved in between)",
        params: idParams,
        body: customerPatch.extend({ version }),
        response: { 200: customerSchema },
      },
    },
    async (request) =>
      presentCustomer(await updateCustomer(db, staffOf(request), request.params.id, request.body)),
  );
};
