// Settings → Integrations → Webhooks, for the shop's admins and for a DMS holding an API key with
// webhooks:manage: endpoints, their delivery log, a test event and Resend.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createWebhookEndpoint } from "../../app/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "../../app/webhooks/delete-webhook-endpoint";
import { resendDelivery } from "../../app/webhooks/resend-delivery";
import { sendTestEvent } from "../../app/webhooks/send-test-event";
import { setWebhookPolicy } from "../../app/webhooks/set-webhook-policy";
import { updateWebhookEndpoint } from "../../app/webhooks/update-webhook-endpoint";
import { allowsPrivateTargets } from "../../app/webhooks/webhook-inputs";
import type { Db } from "../../db/client";
import { type EndpointRow, findEndpoint, listDeliveries, listEndpoints } from "../../db/queries/webhooks";
import { notFound } from "../../domain/errors";
import { integrationEventTypes } from "../../domain/integration-events";
import { shopActorOf } from "../auth";
import { idParams } from "../presenters";
import { webhookExamples } from "./webhook-examples";

// As the API keys: an endpoint receives the whole location's payments, so only an admin (integrations:manage).
const access = { access: "staff", permission: "integrations:manage", apiScope: "webhooks:manage" } as const;

const eventTypesField = z
  .array(z.string().max(64))
  .max(20)
  .describe(`Event types to receive: ${integrationEventTypes.join(", ")}`);

const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z
      .enum(["gone", "failing", "manual"])
      .nullable()
      .describe(
        "Why it is off: the endpoint answered 410 (gone), failed for three days (failing), or someone switched it off (manual)",
      ),
    disabledAt: z.iso.datetime().nullable(),
    failingSince: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

const present = (e: EndpointRow): z.infer<typeof endpointSchema> => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
  disabledReason: (e.disabledReason as "gone" | "failing" | "manual" | null) ?? null,
  disabledAt: e.disabledAt?.toISOString() ?? null,
  failingSince: e.failingSince?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
});

const attemptSchema = z.object({
  startedAt: z.iso.datetime(),
  durationMs: z.number().int(),
  responseStatus: z.number().int().nullable(),
  bodyExcerpt: z.string().nullable().describe("The first 1 KB of the answer"),
  error: z.string().nullable(),
});

const deliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().describe("Also the webhook-id header"),
    eventType: z.string(),
    invoiceId: z.string().nullable(),
    status: z.enum(["pending", "failed", "delivered", "gave_up"]),
    attemptCount: z.number().int(),
    lastResponseStatus: z.number().int().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().describe("When it is retried; null unless pending or failed"),
    createdAt: z.iso.datetime(),
    attempts: z.array(attemptSchema).describe("The latest attempts, newest first"),
  })
  .meta({ id: "WebhookDelivery" });

const policySchema = z.object({
  allowPrivateTargets: z
    .boolean()
    .describe("Webhooks may go to private, loopback and link-local addresses (an on-premises DMS)"),
});

export const webhookSettingsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/settings/webhooks",
    {
      config: { ...access, examples: webhookExamples.list },
      schema: {
        tags: ["webhooks"],
        summary: "The location's webhook endpoints (secrets are never listed)",
        response: { 200: z.object({ endpoints: z.array(endpointSchema), allowPrivateTargets: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = shopActorOf(request);
      const rows = await listEndpoints(db, actor);
      return {
        endpoints: rows.map(present),
        allowPrivateTargets: await allowsPrivateTargets(db, actor.locationId),
      };
    },
  );

  app.post(
    "/settings/webhooks",
    {
      config: { ...access, examples: webhookExamples.create },
      schema: {
        tags: ["webhooks"],
        summary:
          "Add an endpoint. The answer shows its signing secret (whsec_…) this once: store it to verify the webhook-signature header",
        body: z.object({
          url: z.string().max(2000).describe("https://…; http only to a private target the location allows"),
          description: z.string().max(200).nullish(),
          eventTypes: eventTypesField,
        }),
        response: { 201: z.object({ endpoint: endpointSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createWebhookEndpoint(db, shopActorOf(request), request.body);
      return reply.code(201).send({ endpoint: present(endpoint), secret });
    },
  );

  app.put(
    "/settings/webhooks/policy",
    {
      config: { ...access, examples: webhookExamples.policy },
      schema: {
        tags: ["webhooks"],
        summary: "Allow or forbid private targets (an on-premises DMS in the shop's own network)",
        body: policySchema,
        response: { 200: policySchema },
      },
    },
    async (request) => setWebhookPolicy(db, shopActorOf(request), request.body),
  );

  app.patch(
    "/settings/webhooks/:id",
    {
      config: { ...access, examples: webhookExamples.update },
      schema: {
        tags: ["webhooks"],
        summary: "Change an endpoint's URL, description or event types, or switch it on or off",
        params: idParams,
        body: z.object({
          url: z.string().max(2000).optional(),
          description: z.string().max(200).nullish(),
          eventTypes: eventTypesField.optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: endpointSchema },
      },
    },
    async (request) =>
      present(await updateWebhookEndpoint(db, shopActorOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/settings/webhooks/:id",
    {
      config: { ...access, examples: webhookExamples.delete },
      schema: {
        tags: ["webhooks"],
        summary: "Delete an endpoint and its delivery log",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(db, shopActorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/settings/webhooks/:id/test",
    {
      config: { ...access, examples: webhookExamples.test },
      schema: {
        tags: ["webhooks"],
        summary: "Send a webhook.test event to this endpoint (shown in its delivery log)",
        params: idParams,
        response: { 202: z.object({ eventId: z.string() }) },
      },
    },
    async (request, reply) => {
      const event = await sendTestEvent(db, shopActorOf(request), request.params.id);
      return reply.code(202).send({ eventId: event.id });
    },
  );

  app.get(
    "/settings/webhooks/:id/deliveries",
    {
      config: { ...access, examples: webhookExamples.deliveries },
      schema: {
        tags: ["webhooks"],
        summary:
          "The endpoint's delivery log, newest first, with its attempts; page on with before=nextBefore",
        params: idParams,
        querystring: z.object({
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: {
          200: z.object({ deliveries: z.array(deliverySchema), nextBefore: z.number().int().nullable() }),
        },
      },
    },
    async (request) => {
      const actor = shopActorOf(request);
      const endpoint = await findEndpoint(db, actor, request.params.id);
      if (!endpoint) throw notFound("Webhook endpoint");
      const page = await listDeliveries(db, endpoint.id, request.query);
      return {
        nextBefore: page.nextBefore,
        deliveries: page.deliveries.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          invoiceId: d.invoiceId,
          status: d.status,
          attemptCount: d.attemptCount,
          lastResponseStatus: d.lastResponseStatus,
          lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
          nextAttemptAt:
            d.status === "pending" || d.status === "failed" ? d.nextAttemptAt.toISOString() : null,
          createdAt: d.createdAt.toISOString(),
          attempts: d.attempts.map((a) => ({
            startedAt: a.startedAt.toISOString(),
            durationMs: a.durationMs,
            responseStatus: a.responseStatus,
            bodyExcerpt: a.bodyExcerpt,
            error: a.error,
          })),
        })),
      };
    },
  );

  app.post(
    "/settings/webhooks/deliveries/:id/resend",
    {
      config: { ...access, examples: webhookExamples.resend },
      schema: {
        tags: ["webhooks"],
        summary: "Send a delivery again now (same webhook-id), retried afresh if it fails",
        params: idParams,
        response: { 202: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (request, reply) => {
      const row = await resendDelivery(db, shopActorOf(request), request.params.id);
      return reply.code(202).send({ id: row.id, status: row.status });
    },
  );
};
