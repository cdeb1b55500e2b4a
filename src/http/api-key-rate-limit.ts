// Requests authenticated by an API key are limited per key (API_KEY_RATE_LIMIT a minute), across all
// routes a key may call: one counter per key in @fastify/rate-limit's store, so a DMS stuck in a
// loop slows itself down and nobody else. Staff sessions are not counted here; an unknown key never
// gets this far (401 in the auth hook).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { sendProblem } from "./problem";

export const apiKeyRateLimit = fp<{ max: number }>(async (app: FastifyInstance, { max }) => {
  const limit = app.createRateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (request) => `api-key|${request.apiKey?.id ?? ""}`,
  });
  app.addHook("preHandler", async (request, reply) => {
    if (!request.apiKey) return;
    const result = await limit(request);
    if (result.isAllowed) return;
    reply.header("x-ratelimit-limit", String(result.max));
    reply.header("x-ratelimit-remaining", String(result.remaining));
    if (!result.isExceeded) return;
    reply.header("retry-after", String(Math.max(1, result.ttlInSeconds)));
    return sendProblem(
      reply,
      429,
      "rate-limited",
      `This API key made more than ${result.max} requests in a minute. Wait ${Math.max(1, result.ttlInSeconds)} s (Retry-After), then go on.`,
    );
  });
});
