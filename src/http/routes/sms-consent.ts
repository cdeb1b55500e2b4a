// Consent to text messages over HTTP (issue #15): the shop records what the customer told it, the
// fleet customer gives or withdraws it in the portal.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordSmsConsent } from "../../app/customers/record-sms-consent";
import type { Db } from "../../db/client";
import { findCustomer } from "../../db/queries/customers";
import { notFound } from "../../domain/errors";
import { toE164 } from "../../domain/phone";
import { portalOf, staffOf } from "../auth";
import { idParams } from "../presenters";

const body = z.object({ consent: z.boolean() });
const answer = z.object({
  consent: z.boolean(),
  at: z.string().nullable(),
  source: z.enum(["shop", "portal"]).nullable(),
});
const present = (c: { smsConsentAt: Date | null; smsConsentSource: "shop" | "portal" | null }) => ({
  consent: c.smsConsentAt !== null,
  at: c.smsConsentAt?.toISOString() ?? null,
  source: c.smsConsentSource,
});

export const smsConsentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.put(
    "/customers/:id/sms-consent",
    {
      config: { access: "staff", permission: "customers:write" },
      schema: {
        tags: ["customers"],
        summary: "Record that the customer agreed to (or withdrew) payment requests and reminders by text",
        description:
          "Needs a mobile number on the customer (else 422 on `consent`). Recorded with time and source `shop`.",
        params: idParams,
        body,
        response: { 200: answer },
      },
    },
    async (request) =>
      present(await recordSmsConsent(db, staffOf(request), request.params.id, request.body.consent)),
  );

  app.get(
    "/portal/sms-consent",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary:
          "Whether I agreed to payment requests and reminders by text, and whether a mobile number is known",
        response: { 200: answer.extend({ phoneKnown: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      const customer = await findCustomer(db, actor, actor.customerId);
      if (!customer) throw notFound("Customer");
      return { ...present(customer), phoneKnown: toE164(customer.phone, customer.country) !== null };
    },
  );

  app.put(
    "/portal/sms-consent",
    {
      config: { access: "portal" },
      schema: {
        tags: ["portal"],
        summary: "Agree to (or withdraw from) payment requests and reminders by text message",
        body,
        response: { 200: answer },
      },
    },
    async (request) => {
      const actor = portalOf(request);
      return present(await recordSmsConsent(db, actor, actor.customerId, request.body.consent));
    },
  );
};
